import { afterEach, beforeEach, describe, expect, test } from 'vitest';

import { scryptHasher } from '../passwords/password-hash.ts';
import { goodPassword, secretsIn, startTestServer, type TestServer } from '../testing/test-server.ts';

let server: TestServer;
beforeEach(async () => {
	server = await startTestServer();
	await server.api('/registrations', { email: 'ann@example.com', password: goodPassword, locale: 'en' });
	await server.deliverMail();
	const { token } = secretsIn((await server.mailbox())[0] ?? { text: '' });
	await server.api('/registrations/confirm', { token });
});
afterEach(async () => {
	await server.close();
});

const requestReset = (email = 'ann@example.com', locale = 'en') => server.api('/password-resets', { email, locale });
const complete = (token: string | undefined, newPassword: string) => server.api('/password-resets/complete', { token, newPassword });

/** Asks for a reset and returns the token from its email. */
async function resetToken(locale = 'en'): Promise<string | undefined> {
	expect((await requestReset('ann@example.com', locale)).status).toBe(202);
	await server.deliverMail();
	return secretsIn((await server.mailbox()).at(-1) ?? { text: '' }).token;
}

async function storedHash(): Promise<string> {
	return String(server.db.prepare('SELECT password_hash FROM accounts').get()?.['password_hash']);
}

describe('POST /password-resets', () => {
	test('emails a reset link to the help center’s reset page, in the asked locale', async () => {
		await resetToken('it');
		const mail = (await server.mailbox()).at(-1);
		expect(mail?.subject).toBe('Acme Tracking: scegli una nuova password');
		expect(mail?.text).toMatch(/https:\/\/help\.acme\.test\/it\/reset-password\/#token=[\w-]{43}/);
		expect(mail?.text).toContain('1 ora');
	});

	test('answers an unknown address exactly like a known one, and sends nothing', async () => {
		const known = await requestReset();
		const unknown = await requestReset('nobody@example.com');
		expect(unknown.status).toBe(known.status);
		expect(unknown.body).toEqual(known.body);
		expect(unknown.body).toEqual({ status: 'accepted', resendAfterSeconds: 300 });
		await server.deliverMail();
		expect((await server.mailbox()).map((mail) => mail.to)).toEqual(['ann@example.com', 'ann@example.com']);
	});

	test('sends at most one reset email per cooldown', async () => {
		await requestReset();
		await requestReset();
		await server.deliverMail();
		expect(await server.mailbox()).toHaveLength(2);
		server.clock.advance(5 * 60_000);
		await requestReset();
		await server.deliverMail();
		expect(await server.mailbox()).toHaveLength(3);
	});
});

describe('POST /password-resets/complete', () => {
	test('sets the new password, kills the token and sends a notice', async () => {
		const token = await resetToken();
		const answer = await complete(token, 'a brand new passphrase');
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({ status: 'password_changed', loginUrl: 'https://login.acme.test/' });
		expect(await scryptHasher().verify('a brand new passphrase', await storedHash())).toBe(true);
		const reused = await complete(token, 'yet another passphrase');
		expect(reused.status).toBe(400);
		expect(reused.body.code).toBe('invalid_token');
		await server.deliverMail();
		expect((await server.mailbox()).at(-1)?.subject).toBe('Acme Tracking: your password was changed');
	});

	test('a newer reset link invalidates the older one', async () => {
		const older = await resetToken();
		server.clock.advance(5 * 60_000);
		const newer = await resetToken();
		expect(newer).not.toBe(older);
		expect((await complete(older, 'a brand new passphrase')).body.code).toBe('invalid_token');
		expect((await complete(newer, 'a brand new passphrase')).status).toBe(200);
	});

	test('refuses an expired link with expired_token', async () => {
		const token = await resetToken();
		server.clock.advance(3600_000);
		const answer = await complete(token, 'a brand new passphrase');
		expect(answer.status).toBe(410);
		expect(answer.body.code).toBe('expired_token');
	});

	test('refuses a weak password and keeps the token usable', async () => {
		const token = await resetToken();
		const weak = await complete(token, 'ann@example.com forever');
		expect(weak.status).toBe(422);
		expect(weak.body).toMatchObject({ code: 'weak_password', rules: ['contains_email'] });
		expect((await complete(token, 'a brand new passphrase')).status).toBe(200);
	});

	test('confirms a pending account: the reset link proves the mailbox too', async () => {
		await server.api('/registrations', { email: 'pending@example.com', password: goodPassword, locale: 'en' });
		await server.api('/password-resets', { email: 'pending@example.com', locale: 'en' });
		await server.deliverMail();
		const token = secretsIn((await server.mailbox()).at(-1) ?? { text: '' }).token;
		expect((await complete(token, 'a brand new passphrase')).status).toBe(200);
		const row = server.db.prepare('SELECT confirmed_at FROM accounts WHERE email = ?').get('pending@example.com');
		expect(row?.['confirmed_at']).toEqual(expect.any(Number));
	});

	test('refuses an unknown token with invalid_token', async () => {
		const answer = await complete('Z'.repeat(43), 'a brand new passphrase');
		expect(answer.status).toBe(400);
		expect(answer.body.code).toBe('invalid_token');
	});
});
