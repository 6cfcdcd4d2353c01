/**
 * `TRACCAR_PASSWORD_RESET=traccar`: the help center's recovery form hands the request to Traccar's
 * own `POST /api/password/reset` (after answering, with the help center's cooldown), Traccar's
 * email and page complete it, and the help center completes no reset itself.
 */
import { afterEach, expect, test } from 'vitest';

import { startTraccarTestServer, type TraccarTestServer } from '../../../../test-support/traccar/traccar-test-server.ts';

let server: TraccarTestServer;
afterEach(async () => {
	await server?.close();
});

/** Traccar's own reset: what its page does with the token of its email. */
async function completeOnTraccar(token: string, password: string): Promise<number> {
	const response = await fetch(`${server.traccar.url}/api/password/update`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ token, password }).toString(),
	});
	await response.text();
	return response.status;
}

async function confirmedAccount(email: string): Promise<void> {
	await server.api('/registrations', { email, password: server.goodPassword, locale: 'en' });
	const token = (await server.mailTo(email)).at(-1)?.token;
	expect((await server.api('/registrations/confirm', { token })).status).toBe(200);
}

test('the settings say there is no reset page here, but a request form', async () => {
	server = await startTraccarTestServer({ passwordReset: 'traccar' });
	expect((await server.api('/settings')).body.features).toMatchObject({ passwordReset: false, passwordResetRequest: true });
	const answer = await server.api('/password-resets/complete', { token: 'Z'.repeat(43), newPassword: server.otherPassword });
	expect(answer.status).toBe(404);
	expect(answer.body.code).toBe('not_found');
});

test('a request goes to Traccar, whose emailed token sets the new password there', async () => {
	server = await startTraccarTestServer({ passwordReset: 'traccar' });
	await confirmedAccount('ann@example.com');
	const answer = await server.api('/password-resets', { email: 'ann@example.com', locale: 'en' });
	expect(answer.status).toBe(202);
	expect(answer.body).toEqual({ status: 'accepted', resendAfterSeconds: 300 });
	await expect.poll(() => server.traccar.resetEmails.length).toBe(1);
	// The help center sent no reset email of its own.
	expect((await server.mailTo('ann@example.com')).map((mail) => mail.kind)).toEqual(['confirm']);
	const token = server.traccar.resetEmails[0]?.token ?? '';
	expect(await completeOnTraccar(token, server.otherPassword)).toBe(200);
	expect(await server.traccar.signIn('ann@example.com', server.otherPassword)).toBe(200);
	expect(await server.traccar.signIn('ann@example.com', server.goodPassword)).toBe(401);
});

test('the help center’s cooldown holds: one request reaches Traccar per address per five minutes, known or not', async () => {
	server = await startTraccarTestServer({ passwordReset: 'traccar' });
	await confirmedAccount('ann@example.com');
	for (let index = 0; index < 3; index++) await server.api('/password-resets', { email: 'ann@example.com', locale: 'en' });
	await server.api('/password-resets', { email: 'nobody@example.com', locale: 'en' });
	await expect.poll(() => server.traccar.requests.filter((line) => line === 'POST /api/password/reset').length).toBe(2);
	expect(server.traccar.resetEmails.map((mail) => mail.email)).toEqual(['ann@example.com']);
	server.clock.advance(5 * 60_000);
	await server.api('/password-resets', { email: 'ann@example.com', locale: 'en' });
	await expect.poll(() => server.traccar.resetEmails.length).toBe(2);
});

test('Traccar down: the request still answers 202 at once (the failure is logged for the provider)', async () => {
	server = await startTraccarTestServer({ passwordReset: 'traccar' });
	server.traccar.down();
	expect((await server.api('/password-resets', { email: 'ann@example.com', locale: 'en' })).status).toBe(202);
	await expect.poll(() => server.logs.join('\n')).toMatch(/password-reset request could not be passed on/);
});

test('Traccar’s reset token is an ordinary token that lives 7 days', async () => {
	server = await startTraccarTestServer({ passwordReset: 'traccar' });
	await confirmedAccount('ann@example.com');
	await server.api('/password-resets', { email: 'ann@example.com', locale: 'en' });
	await expect.poll(() => server.traccar.resetEmails.length).toBe(1);
	server.clock.advance(7 * 86_400_000);
	expect(await completeOnTraccar(server.traccar.resetEmails[0]?.token ?? '', server.otherPassword)).toBe(400);
	expect(await server.traccar.signIn('ann@example.com', server.goodPassword)).toBe(200);
});
