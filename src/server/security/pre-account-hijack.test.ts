/**
 * Pre-account hijacking: a stranger registers the victim's address with the stranger's password
 * before the victim does. Whatever happens next, the password that becomes active is the one chosen
 * in the attempt whose link or code was used, and the stranger's receipt never learns that the owner
 * confirmed another attempt.
 */
import { afterEach, beforeEach, expect, test } from 'vitest';

import { goodPassword, secretsIn, startTestServer, type TestServer } from '../../../test-support/server/test-server.ts';
import { scryptHasher } from '../passwords/password-hash.ts';

let server: TestServer;
beforeEach(async () => {
	server = await startTestServer();
});
afterEach(async () => {
	await server.close();
});

const attackerPassword = 'attacker chosen passphrase 42';
const minutes = (count: number) => count * 60_000;
const register = (email: string, password: string) => server.api('/registrations', { email, password, locale: 'en' });
const status = async (receipt: string) => (await server.api('/registrations/status', { receipt })).body.status as string;

async function newestConfirmation(email: string) {
	await server.deliverMail();
	const mail = (await server.mailbox()).filter((message) => message.to === email).at(-1);
	if (!mail) throw new Error(`no email for ${email}`);
	return secretsIn(mail);
}

async function activePassword(email: string, password: string): Promise<boolean> {
	const row = await server.db.get<{ password_hash: string; confirmed_at: number | null }>(
		'SELECT password_hash, confirmed_at FROM accounts WHERE email = ?',
		email,
	);
	if (!row?.confirmed_at) return false;
	return scryptHasher().verify(password, row.password_hash);
}

test('the owner who registers after a stranger and follows the link gets the owner’s password', async () => {
	const stranger = await register('victim@example.com', attackerPassword);
	server.clock.advance(minutes(6));
	const owner = await register('victim@example.com', goodPassword);
	const { token } = await newestConfirmation('victim@example.com');
	expect((await server.api('/registrations/confirm', { token })).status).toBe(200);
	expect(await activePassword('victim@example.com', goodPassword)).toBe(true);
	expect(await activePassword('victim@example.com', attackerPassword)).toBe(false);
	expect(await status(owner.body.receipt)).toBe('confirmed');
	expect(await status(stranger.body.receipt)).toBe('pending');
});

test('the same with the code: the code of the owner’s attempt activates the owner’s password', async () => {
	const stranger = await register('victim@example.com', attackerPassword);
	server.clock.advance(minutes(6));
	await register('victim@example.com', goodPassword);
	const { code } = await newestConfirmation('victim@example.com');
	expect((await server.api('/registrations/confirm-code', { email: 'victim@example.com', code })).status).toBe(200);
	expect(await activePassword('victim@example.com', goodPassword)).toBe(true);
	expect(await status(stranger.body.receipt)).toBe('pending');
});

test('within the cooldown, the owner’s attempt kills the stranger’s link; a resend mails the owner’s own', async () => {
	await register('victim@example.com', attackerPassword);
	const strangers = await newestConfirmation('victim@example.com');
	await register('victim@example.com', goodPassword);
	// The owner sees only the stranger's email so far: following it must not activate the stranger's password.
	expect((await server.api('/registrations/confirm', { token: strangers.token })).body.code).toBe('invalid_token');
	expect((await server.api('/registrations/confirm-code', { email: 'victim@example.com', code: strangers.code })).body.code).toBe('invalid_code');
	server.clock.advance(minutes(5));
	await server.api('/registrations/resend', { email: 'victim@example.com', locale: 'en' });
	const { token } = await newestConfirmation('victim@example.com');
	expect((await server.api('/registrations/confirm', { token })).status).toBe(200);
	expect(await activePassword('victim@example.com', goodPassword)).toBe(true);
});

test('a stranger’s case variant of the address is the same account, not a second one', async () => {
	await register('Victim@Example.com', attackerPassword);
	server.clock.advance(minutes(6));
	await register('victim@example.com', goodPassword);
	expect((await server.db.get('SELECT COUNT(*) AS n FROM accounts'))).toEqual({ n: 1 });
	const { token } = await newestConfirmation('victim@example.com');
	expect((await server.api('/registrations/confirm', { token })).status).toBe(200);
	expect(await activePassword('victim@example.com', goodPassword)).toBe(true);
});

test('the attempt whose link is used decides the password: a stranger’s own link gives the stranger’s', async () => {
	// The rule is symmetric: the link of an attempt activates that attempt's password, nothing else.
	await register('ann@example.com', goodPassword);
	const { token } = await newestConfirmation('ann@example.com');
	expect((await server.api('/registrations/confirm', { token })).status).toBe(200);
	expect(await activePassword('ann@example.com', goodPassword)).toBe(true);
});

test('after the confirmation expired, a resend (what the status page offers) mails the newest attempt again', async () => {
	const owner = await register('late@example.com', goodPassword);
	server.clock.advance(25 * 3600_000);
	expect(await status(owner.body.receipt)).toBe('expired');
	await server.api('/registrations/resend', { email: 'late@example.com', locale: 'en' });
	const { token } = await newestConfirmation('late@example.com');
	expect((await server.api('/registrations/confirm', { token })).status).toBe(200);
	expect(await activePassword('late@example.com', goodPassword)).toBe(true);
	expect(await status(owner.body.receipt)).toBe('confirmed');
});

test('a stranger who registers while the owner’s email is still queued never gets the owner’s email carrying the stranger’s link', async () => {
	// The SMTP server is slow or away: the owner's confirmation is still in the outbox.
	await register('queued@example.com', goodPassword);
	await register('queued@example.com', attackerPassword);
	await server.deliverMail();
	const mails = (await server.mailbox()).filter((message) => message.to === 'queued@example.com');
	for (const mail of mails) {
		const { token } = secretsIn(mail);
		if (token) expect((await server.api('/registrations/confirm', { token })).status).not.toBe(200);
	}
	expect(await activePassword('queued@example.com', attackerPassword)).toBe(false);
});
