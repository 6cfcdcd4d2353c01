/**
 * Traccar failing: every flow that calls it answers `upstream_unavailable` (503, `Retry-After`)
 * when Traccar is down, slow, failing or drops the connection, and loses nothing — no half-made
 * attempt, a link or code that still works once Traccar is back, a retried registration that finds
 * the user an unanswered call made. A refused token is the provider's mistake: `registration_unavailable`
 * (no “try again”), and a degraded `/health`.
 */
import { afterEach, describe, expect, test } from 'vitest';

import { startTraccarTestServer, type TraccarTestServer } from '../../../../test-support/traccar/traccar-test-server.ts';

let server: TraccarTestServer;
afterEach(async () => {
	await server?.close();
});

const minutes = (count: number) => count * 60_000;
const register = (email: string, password = server.goodPassword) => server.api('/registrations', { email, password, locale: 'en' });
async function newest(email: string, kind: 'confirm' | 'reset' = 'confirm') {
	const mail = (await server.mailTo(email)).filter((message) => message.kind === kind).at(-1);
	if (!mail) throw new Error(`no ${kind} email for ${email}`);
	return mail;
}
const accountRows = async () => (await server.server.db.get('SELECT COUNT(*) AS n FROM accounts')) as { n: number };

function expectUnavailable(answer: { status: number; body: { code: string }; headers: Headers }): void {
	expect(answer.status).toBe(503);
	expect(answer.body.code).toBe('upstream_unavailable');
	expect(Number(answer.headers.get('Retry-After'))).toBeGreaterThan(0);
}

describe('Traccar unavailable', () => {
	for (const [name, failure] of [
		['down', 'down'],
		['answering 500', 500],
		['dropping the connection', 'drop'],
	] as const) {
		test(`a registration while Traccar is ${name} is 503 and records nothing; the next one works`, async () => {
			server = await startTraccarTestServer();
			if (failure === 'down') server.traccar.down();
			else server.traccar.failNext(1, failure);
			expectUnavailable(await register('ann@example.com'));
			server.traccar.up();
			expect((await accountRows()).n).toBe(0);
			expect(await server.mailTo('ann@example.com')).toEqual([]);
			expect((await register('ann@example.com')).status).toBe(202);
			await server.api('/registrations/confirm', { token: (await newest('ann@example.com')).token });
			expect(await server.traccar.signIn('ann@example.com', server.goodPassword)).toBe(200);
		});
	}

	test('a slow Traccar (past TRACCAR_TIMEOUT_MS) is 503 too', async () => {
		server = await startTraccarTestServer({ config: { timeoutMs: 150 } });
		server.traccar.latencyMs = 400;
		expectUnavailable(await register('ann@example.com'));
		expect(server.logs.join('\n')).toMatch(/no answer within 150 ms/);
	});

	test('a registration whose answer was lost is found again by the next attempt, which gets its own password', async () => {
		server = await startTraccarTestServer();
		// The user is created on Traccar, but the answer never arrives.
		server.traccar.failNext(1, 'drop-after', 'POST /users');
		expectUnavailable(await register('ann@example.com', 'first attempt passphrase'));
		expect(server.traccar.userByEmail('ann@example.com')?.disabled).toBe(true);
		expect((await accountRows()).n).toBe(0);
		expect((await register('ann@example.com')).status).toBe(202);
		expect(server.traccar.users().filter((user) => user.email === 'ann@example.com')).toHaveLength(1);
		await server.api('/registrations/confirm', { token: (await newest('ann@example.com')).token });
		expect(await server.traccar.signIn('ann@example.com', server.goodPassword)).toBe(200);
		expect(await server.traccar.signIn('ann@example.com', 'first attempt passphrase')).toBe(401);
	});

	test('a failed new attempt on a pending address kills the older link: no link activates a password it was not issued for', async () => {
		server = await startTraccarTestServer();
		await register('ann@example.com', 'first attempt passphrase');
		const first = await newest('ann@example.com');
		server.clock.advance(minutes(6));
		// The second attempt's PUT reaches Traccar (the password changes) but its answer is lost.
		server.traccar.failNext(1, 'drop-after', 'PUT /users/{id}');
		expectUnavailable(await register('ann@example.com', 'second attempt passphrase'));
		expect(server.traccar.userByEmail('ann@example.com')?.password).toBe('second attempt passphrase');
		expect((await server.api('/registrations/confirm', { token: first.token })).body.code).toBe('invalid_token');
		expect(server.traccar.userByEmail('ann@example.com')?.disabled).toBe(true);
		// A new attempt works as ever.
		expect((await register('ann@example.com')).status).toBe(202);
		await server.api('/registrations/confirm', { token: (await newest('ann@example.com')).token });
		expect(await server.traccar.signIn('ann@example.com', server.goodPassword)).toBe(200);
	});

	test('a confirmation while Traccar is down is 503 and the link still works afterwards', async () => {
		server = await startTraccarTestServer();
		const { receipt } = (await register('ann@example.com')).body as { receipt: string };
		const { token } = await newest('ann@example.com');
		server.traccar.down();
		expectUnavailable(await server.api('/registrations/confirm', { token }));
		expect((await server.api('/registrations/status', { receipt })).body.status).toBe('pending');
		server.traccar.up();
		expect((await server.api('/registrations/confirm', { token })).status).toBe(200);
		expect(await server.traccar.signIn('ann@example.com', server.goodPassword)).toBe(200);
		expect((await server.api('/registrations/status', { receipt })).body.status).toBe('confirmed');
	});

	test('a code confirmation while Traccar is down is 503, counts no wrong code, and the code works afterwards', async () => {
		server = await startTraccarTestServer();
		await register('ann@example.com');
		const { code } = await newest('ann@example.com');
		server.traccar.down();
		for (let index = 0; index < 6; index++) expectUnavailable(await server.api('/registrations/confirm-code', { email: 'ann@example.com', code }));
		server.traccar.up();
		expect((await server.api('/registrations/confirm-code', { email: 'ann@example.com', code })).status).toBe(200);
		expect(await server.traccar.signIn('ann@example.com', server.goodPassword)).toBe(200);
	});

	test('a reset while Traccar is down is 503 and the reset link still works afterwards', async () => {
		server = await startTraccarTestServer();
		await register('ann@example.com');
		await server.api('/registrations/confirm', { token: (await newest('ann@example.com')).token });
		await server.api('/password-resets', { email: 'ann@example.com', locale: 'en' });
		const { token } = await newest('ann@example.com', 'reset');
		server.traccar.down();
		expectUnavailable(await server.api('/password-resets/complete', { token, newPassword: server.otherPassword }));
		server.traccar.up();
		expect(await server.traccar.signIn('ann@example.com', server.goodPassword)).toBe(200);
		expect((await server.api('/password-resets/complete', { token, newPassword: server.otherPassword })).status).toBe(200);
		expect(await server.traccar.signIn('ann@example.com', server.otherPassword)).toBe(200);
	});

	test('status, resend and reset requests never call Traccar: they work while it is down', async () => {
		server = await startTraccarTestServer();
		const { receipt } = (await register('ann@example.com')).body as { receipt: string };
		server.traccar.down();
		const before = server.traccar.requests.length;
		expect((await server.api('/registrations/status', { receipt })).status).toBe(200);
		server.clock.advance(minutes(6));
		expect((await server.api('/registrations/resend', { email: 'ann@example.com', locale: 'en' })).status).toBe(202);
		expect((await server.api('/password-resets', { email: 'ann@example.com', locale: 'en' })).status).toBe(202);
		expect((await server.mailTo('ann@example.com')).map((mail) => mail.kind)).toEqual(['confirm', 'confirm', 'reset']);
		expect(server.traccar.requests.length).toBe(before);
	});

	test('a user deleted on Traccar meanwhile is made again by the next attempt', async () => {
		server = await startTraccarTestServer();
		await register('ann@example.com', 'first attempt passphrase');
		server.traccar.deleteUser(server.traccar.userByEmail('ann@example.com')?.id ?? 0);
		server.clock.advance(minutes(6));
		expect((await register('ann@example.com')).status).toBe(202);
		await server.api('/registrations/confirm', { token: (await newest('ann@example.com')).token });
		expect(await server.traccar.signIn('ann@example.com', server.goodPassword)).toBe(200);
	});
});

describe('a misconfigured Traccar connection', () => {
	test('a revoked token: registration_unavailable without Retry-After, /health degraded, the log names TRACCAR_TOKEN', async () => {
		server = await startTraccarTestServer();
		expect((await server.api('/health')).body).toEqual({ status: 'ok', checks: [{ name: 'database', status: 'ok' }, { name: 'traccar_token', status: 'ok' }] });
		server.traccar.revokeToken(server.traccar.managerToken);
		const answer = await register('ann@example.com');
		expect(answer.status).toBe(503);
		expect(answer.body.code).toBe('registration_unavailable');
		expect(answer.headers.get('Retry-After')).toBeNull();
		const health = await server.api('/health');
		expect(health.status).toBe(200);
		expect(health.body).toEqual({ status: 'degraded', checks: [{ name: 'database', status: 'ok' }, { name: 'traccar_token', status: 'degraded' }] });
		expect(server.logs.join('\n')).toMatch(/TRACCAR_TOKEN/);
		expect(server.logs.join('\n')).not.toContain(server.traccar.managerToken);
		expect((await accountRows()).n).toBe(0);
	});

	test('an ordinary user’s token cannot create disabled users: registration_unavailable, degraded health', async () => {
		server = await startTraccarTestServer({ token: 'user' });
		const answer = await register('ann@example.com');
		expect(answer.body.code).toBe('registration_unavailable');
		expect((await server.api('/health')).body.status).toBe('degraded');
		expect(server.logs.join('\n')).toMatch(/Manager access required|Registration disabled/);
		expect(server.traccar.userByEmail('ann@example.com')).toBeUndefined();
	});

	test('a manager whose user limit is reached: registration_unavailable', async () => {
		server = await startTraccarTestServer({ traccar: { managerUserLimit: 1 } });
		expect((await register('ann@example.com')).status).toBe(202);
		const answer = await register('bob@example.com');
		expect(answer.body.code).toBe('registration_unavailable');
		expect(server.logs.join('\n')).toMatch(/Manager user limit reached/);
	});
});
