/**
 * The test that matters: an account someone can sign in with. After registering through the help
 * center, signing in to Traccar (`POST /api/session`, form-encoded email and password) fails until
 * the address is confirmed and works after; after a reset through the help center the new password
 * signs in and the old one does not. All over real HTTP, against the Traccar test server.
 */
import { afterEach, describe, expect, test } from 'vitest';

import { startTraccarTestServer, type TraccarTestServer } from '../../../../test-support/traccar/traccar-test-server.ts';

let server: TraccarTestServer;
afterEach(async () => {
	await server?.close();
});

const minutes = (count: number) => count * 60_000;
const register = (email: string, password: string) => server.api('/registrations', { email, password, locale: 'en' });

/** The newest email of a kind to `email`: its link's token and its code. */
async function newest(email: string, kind: 'confirm' | 'reset' = 'confirm') {
	const mail = (await server.mailTo(email)).filter((message) => message.kind === kind).at(-1);
	if (!mail) throw new Error(`no ${kind} email for ${email}`);
	return mail;
}

describe('an account someone can sign in with', () => {
	test('registered through the help center: Traccar refuses the sign-in until the link is followed, then accepts it', async () => {
		server = await startTraccarTestServer();
		expect((await register('ann@example.com', server.goodPassword)).status).toBe(202);
		const user = server.traccar.userByEmail('ann@example.com');
		expect(user).toMatchObject({ disabled: true, administrator: false, deviceLimit: 0 });
		// A disabled user with the right password: Traccar's 400 "User is disabled".
		expect(await server.traccar.signIn('ann@example.com', server.goodPassword)).toBe(400);
		const { token } = await newest('ann@example.com');
		expect((await server.api('/registrations/confirm', { token })).status).toBe(200);
		expect(await server.traccar.signIn('ann@example.com', server.goodPassword)).toBe(200);
		expect(await server.traccar.signIn('ann@example.com', server.otherPassword)).toBe(401);
	});

	test('the same with the emailed code', async () => {
		server = await startTraccarTestServer();
		await register('ann@example.com', server.goodPassword);
		const { code } = await newest('ann@example.com');
		expect(await server.traccar.signIn('ann@example.com', server.goodPassword)).toBe(400);
		expect((await server.api('/registrations/confirm-code', { email: 'ann@example.com', code })).status).toBe(200);
		expect(await server.traccar.signIn('ann@example.com', server.goodPassword)).toBe(200);
	});

	test('after a reset through the help center the new password signs in and the old one does not', async () => {
		server = await startTraccarTestServer();
		await register('ann@example.com', server.goodPassword);
		await server.api('/registrations/confirm', { token: (await newest('ann@example.com')).token });
		expect((await server.api('/password-resets', { email: 'ann@example.com', locale: 'en' })).status).toBe(202);
		const { token } = await newest('ann@example.com', 'reset');
		expect((await server.api('/password-resets/complete', { token, newPassword: server.otherPassword })).status).toBe(200);
		expect(await server.traccar.signIn('ann@example.com', server.otherPassword)).toBe(200);
		expect(await server.traccar.signIn('ann@example.com', server.goodPassword)).toBe(401);
		// Traccar's own reset was not used: no Traccar token was minted for it.
		expect(server.traccar.resetEmails).toEqual([]);
	});

	test('a reset of a pending account activates it with the new password', async () => {
		server = await startTraccarTestServer();
		await register('ann@example.com', server.goodPassword);
		await server.api('/password-resets', { email: 'ann@example.com', locale: 'en' });
		const { token } = await newest('ann@example.com', 'reset');
		expect((await server.api('/password-resets/complete', { token, newPassword: server.otherPassword })).status).toBe(200);
		expect(await server.traccar.signIn('ann@example.com', server.otherPassword)).toBe(200);
	});

	test('the help center keeps no password: only the Traccar user id', async () => {
		server = await startTraccarTestServer();
		await register('ann@example.com', server.goodPassword);
		const row = (await server.server.db.get('SELECT password_hash, platform_user_id FROM accounts')) as { password_hash: string; platform_user_id: string };
		expect(row.password_hash).toBe('');
		expect(row.platform_user_id).toBe(String(server.traccar.userByEmail('ann@example.com')?.id));
		const attempts = (await server.server.db.all('SELECT password_hash FROM confirmations')) as { password_hash: string }[];
		expect(attempts.map((attempt) => attempt.password_hash)).toEqual(['']);
	});
});

describe('pre-account hijacking on Traccar', () => {
	const attackerPassword = 'attacker chosen passphrase 42';

	test('the owner who registers after a stranger and follows the link signs in with the owner’s password', async () => {
		server = await startTraccarTestServer();
		const stranger = await register('victim@example.com', attackerPassword);
		server.clock.advance(minutes(6));
		await register('victim@example.com', server.goodPassword);
		await server.api('/registrations/confirm', { token: (await newest('victim@example.com')).token });
		expect(await server.traccar.signIn('victim@example.com', server.goodPassword)).toBe(200);
		expect(await server.traccar.signIn('victim@example.com', attackerPassword)).toBe(401);
		expect((await server.api('/registrations/status', { receipt: stranger.body.receipt })).body.status).toBe('pending');
	});

	test('a stranger’s later attempt kills the owner’s earlier link, and the user stays disabled', async () => {
		server = await startTraccarTestServer();
		await register('victim@example.com', server.goodPassword);
		const owners = await newest('victim@example.com');
		await register('victim@example.com', attackerPassword);
		expect((await server.api('/registrations/confirm', { token: owners.token })).body.code).toBe('invalid_token');
		expect((await server.api('/registrations/confirm-code', { email: 'victim@example.com', code: owners.code })).body.code).toBe('invalid_code');
		expect(server.traccar.userByEmail('victim@example.com')?.disabled).toBe(true);
		expect(await server.traccar.signIn('victim@example.com', attackerPassword)).toBe(400);
	});

	test('registering a confirmed address never changes its password on Traccar', async () => {
		server = await startTraccarTestServer();
		await register('ann@example.com', server.goodPassword);
		await server.api('/registrations/confirm', { token: (await newest('ann@example.com')).token });
		server.clock.advance(minutes(6));
		expect((await register('ann@example.com', attackerPassword)).status).toBe(202);
		expect(await server.traccar.signIn('ann@example.com', server.goodPassword)).toBe(200);
		expect(await server.traccar.signIn('ann@example.com', attackerPassword)).toBe(401);
		expect((await server.mailTo('ann@example.com')).at(-1)?.kind).toBe('exists');
	});

	test('an address the provider made on Traccar is an existing account: its password stays, its owner is told', async () => {
		server = await startTraccarTestServer();
		server.traccar.addUser({ name: 'Bob', email: 'bob@example.com', password: 'bob original passphrase' });
		// Only an administrator's token sees a user the manager did not make; the manager's cannot.
		expect((await register('bob@example.com', attackerPassword)).status).toBe(202);
		expect(await server.traccar.signIn('bob@example.com', 'bob original passphrase')).toBe(200);
		expect(await server.traccar.signIn('bob@example.com', attackerPassword)).toBe(401);
		expect((await server.mailTo('bob@example.com')).map((mail) => mail.kind)).toEqual(['exists']);
	});

	test('the same with an administrator’s token, which sees the user', async () => {
		server = await startTraccarTestServer({ token: 'admin' });
		server.traccar.addUser({ name: 'Bob', email: 'bob@example.com', password: 'bob original passphrase' });
		expect((await register('bob@example.com', attackerPassword)).status).toBe(202);
		expect(await server.traccar.signIn('bob@example.com', 'bob original passphrase')).toBe(200);
		expect((await server.mailTo('bob@example.com')).map((mail) => mail.kind)).toEqual(['exists']);
	});
});
