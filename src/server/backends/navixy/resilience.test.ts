/**
 * The platform down, slow, or answering nonsense: every answer is a well-formed problem
 * (`upstream_unavailable`), never a 500, never a hang; settings survive a short outage; the panel
 * session renews itself.
 */
import { createServer, type Server } from 'node:net';

import { describe, expect, test } from 'vitest';

import { ProblemSchema } from '../../../signup/contract.ts';
import type { TestResponse } from '../../../../test-support/server/test-server.ts';
import type { InjectedFault } from '../../../../test-support/navixy/test-platform.ts';
import { navixyGoodPassword, navixyServerPerTest, type NavixyTestServer } from '../../../../test-support/navixy/navixy-test-server.ts';

const navixy = navixyServerPerTest();
const start = navixy.start;

const registration = { email: 'ann@example.com', password: navixyGoodPassword, locale: 'en' };

function expectUnavailable(answer: TestResponse): void {
	expect(answer.status, answer.text).toBe(503);
	expect(ProblemSchema.parse(answer.body)).toMatchObject({ code: 'upstream_unavailable', retryAfter: expect.any(Number) });
	expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
}

/** Every route that reaches the platform, in the order a reader would use them. */
async function everyRoute(api: NavixyTestServer['api'], receipt: string) {
	return {
		settings: await api('/settings'),
		register: await api('/registrations', registration),
		resend: await api('/registrations/resend', { email: 'ann@example.com', locale: 'en' }),
		confirm: await api('/registrations/confirm', { token: 'a'.repeat(32) }),
		status: await api('/registrations/status', { receipt }),
	};
}

describe('the platform is down (connection refused)', () => {
	test('every route answers upstream_unavailable, except the status, which falls back to time', async () => {
		const { api, platform, logs } = await start();
		const { receipt } = (await api('/registrations', { ...registration, email: 'first@example.com' })).body as { receipt: string };
		await platform.goDown();
		navixy.server.clock.advance(61_000);
		const answers = await everyRoute(api, receipt);
		// Settings were fetched before the outage: served stale, the form keeps working.
		expect(answers.settings.status).toBe(200);
		expectUnavailable(answers.register);
		expectUnavailable(answers.resend);
		expectUnavailable(answers.confirm);
		expect(answers.status.body).toMatchObject({ status: 'pending' });
		expect(logs.join('\n')).toMatch(/unreachable \(ECONNREFUSED\)/);
	});

	test('before any settings were fetched, /settings and /registrations are upstream_unavailable', async () => {
		const closed = await closedPort();
		const { api } = await start({ config: { apiUrl: `http://127.0.0.1:${closed}/v2` } });
		expectUnavailable(await api('/settings'));
		expectUnavailable(await api('/registrations', registration));
	});

	test('stale settings are served while it is away, and refreshed when it is back', async () => {
		const { api, platform, clock, logs } = await start();
		expect((await api('/settings')).body.providerName).toBe('Acme Tracking');
		platform.updateSettings({ service_title: 'Acme Fleet' });
		await platform.goDown();
		clock.advance(61_000);
		expect((await api('/settings')).body.providerName).toBe('Acme Tracking');
		await expect.poll(() => logs.join('\n')).toContain('dealer/get_ui_config: unreachable');
		await platform.comeBack();
		// A failed refresh is not repeated for 5 s; then the next request refreshes in the background.
		clock.advance(5000);
		await expect.poll(async () => (await api('/settings')).body.providerName).toBe('Acme Fleet');
	});
});

describe('the platform is slow', () => {
	test('a call that outlasts the timeout is upstream_unavailable, in about the timeout', async () => {
		const { api, platform, logs } = await start({ config: { timeoutMs: 150 } });
		await api('/settings');
		platform.inject('panel/user/create', { delayMs: 3000 });
		const started = performance.now();
		expectUnavailable(await api('/registrations', registration));
		expect(performance.now() - started).toBeLessThan(2500);
		expect(logs.join('\n')).toContain('panel/user/create: no answer within 150 ms');
	});

	test('a slow first settings fetch is tried once more; slow twice, it is upstream_unavailable', async () => {
		const { api, platform } = await start({ config: { timeoutMs: 150 } });
		platform.inject('dealer/get_ui_config', { delayMs: 1000 });
		// Without the second try, the first answer (after 1 s, over the 150 ms timeout) would be a 503.
		expect((await api('/settings')).status).toBe(200);
		await navixy.server.close();
		const again = await start({ config: { timeoutMs: 150 } });
		again.platform.inject('dealer/get_ui_config', { delayMs: 1000 }, 2);
		expectUnavailable(await again.api('/settings'));
	});

	test.each([8, 14])('a read answered %i (the platform’s passing trouble) is tried once more; a write is not', async (code) => {
		const { api, platform } = await start();
		platform.inject('dealer/get_ui_config', { code });
		expect((await api('/settings')).status).toBe(200);
		platform.inject('panel/user/create', { code });
		expectUnavailable(await api('/registrations', registration));
		expect(platform.calls.filter((call) => call.action === 'panel/user/create')).toHaveLength(1);
	});
});

describe('malformed platform answers', () => {
	const cases: Array<[string, string, InjectedFault]> = [
		['not JSON', 'panel/user/create', { raw: 'Service Unavailable', contentType: 'text/plain' }],
		['an HTML error page with HTTP 502', 'panel/user/create', { raw: '<html><body>Bad gateway</body></html>', httpStatus: 502, contentType: 'text/html' }],
		['an empty body', 'panel/user/create', { raw: '' }],
		['a JSON array', 'panel/user/create', { raw: '[1,2]' }],
		['success false without a status', 'panel/user/create', { raw: '{"success":false}' }],
		['a status code that is not a number', 'panel/user/create', { raw: '{"success":false,"status":{"code":"7"}}' }],
		['success without a hash', 'panel/account/auth', { raw: '{"success":true}' }],
		['success without settings', 'dealer/get_ui_config', { raw: '{"success":true,"dealer":{"id":1}}' }],
		['a dropped connection', 'panel/user/create', { drop: true }],
		['a body over 1 MiB', 'panel/user/create', { raw: `{"success":true,"pad":"${'x'.repeat(1_100_000)}"}` }],
	];

	test.each(cases)('%s (%s) → upstream_unavailable, never 500', async (_name, action, fault) => {
		const { api, platform, logs } = await start();
		platform.inject(action, fault);
		expectUnavailable(await api('/registrations', registration));
		expect(logs.filter((line) => line.startsWith('internal'))).toEqual([]);
		expect(logs.join('\n')).toContain(action);
	});

	test('a resend answered with nonsense is upstream_unavailable; a confirm too', async () => {
		const { api, platform } = await start();
		platform.inject('user/resend_activation', { raw: 'oops', contentType: 'text/plain' });
		expectUnavailable(await api('/registrations/resend', { email: 'ann@example.com', locale: 'en' }));
		platform.inject('user/activate', { raw: '{"status":{"code":3}}' });
		expectUnavailable(await api('/registrations/confirm', { token: 'a'.repeat(32) }));
	});
});

describe('the panel session', () => {
	test('is created once and shared by concurrent calls', async () => {
		const { api, platform } = await start();
		await api('/settings');
		const answers = await Promise.all(Array.from({ length: 5 }, (_, index) => api('/registrations', { ...registration, email: `u${index}@example.com` })));
		expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202, 202, 202]);
		expect(platform.calls.filter((call) => call.action === 'panel/account/auth')).toHaveLength(1);
	});

	test('is renewed after 23 hours, before the documented 24 end it: no failed call', async () => {
		const { api, platform, clock } = await start();
		expect((await api('/registrations', registration)).status).toBe(202);
		clock.advance(23 * 3600_000);
		expect((await api('/registrations', { ...registration, email: 'bob@example.com' })).status).toBe(202);
		const panelCalls = platform.calls.filter((call) => call.action.startsWith('panel/')).map((call) => `${call.action} ${call.code}`);
		expect(panelCalls).toEqual([
			'panel/account/auth 0',
			'panel/dealer/settings/service/read 0',
			'panel/user/create 0',
			'panel/user/list 0',
			'panel/account/auth 0',
			'panel/user/create 0',
			'panel/user/list 0',
		]);
	});

	test('a session the platform ended early (4) gets one new sign-in and one more try', async () => {
		const { api, platform, clock } = await start({ platform: { panelSessionTtlMs: 3600_000 } });
		expect((await api('/registrations', registration)).status).toBe(202);
		clock.advance(2 * 3600_000);
		const from = platform.calls.length;
		expect((await api('/registrations', { ...registration, email: 'bob@example.com' })).status).toBe(202);
		const calls = platform.calls.slice(from).filter((call) => call.action !== 'dealer/get_ui_config');
		expect(calls.map((call) => `${call.action} ${call.code}`)).toEqual([
			'panel/user/create 4',
			'panel/account/auth 0',
			'panel/user/create 0',
			'panel/user/list 0',
			'user/resend_activation 0',
		]);
	});

	test('survives a platform that forgot its sessions (3)', async () => {
		const { api, platform } = await start();
		expect((await api('/registrations', registration)).status).toBe(202);
		platform.endPanelSessions();
		expect((await api('/registrations', { ...registration, email: 'bob@example.com' })).status).toBe(202);
	});

	test('wrong panel credentials: upstream_unavailable and a log line, never the credentials in either', async () => {
		const { api, logs } = await start({ config: { panelPassword: 'not-the-password' } });
		const answer = await api('/registrations', registration);
		expectUnavailable(answer);
		expect(logs.join('\n')).toContain('panel/account/auth answered code 12');
		expect(`${answer.text}${logs.join('\n')}`).not.toContain('not-the-password');
	});
});

describe('the platform’s rate limit (the documented 10 panel calls a second)', () => {
	test('a burst beyond it gets upstream_unavailable with Retry-After, never 500, and the rest go through', async () => {
		const { api } = await start({ platform: { rateLimits: { panelPerSecond: 10, userPerSecond: 50 } } });
		await api('/settings');
		const answers = await Promise.all(Array.from({ length: 30 }, (_, index) => api('/registrations', { ...registration, email: `burst${index}@example.com` })));
		const statuses = answers.map((answer) => answer.status);
		expect(statuses.filter((status) => status === 202).length).toBeGreaterThan(0);
		expect(statuses.filter((status) => status === 503).length).toBeGreaterThan(0);
		expect(statuses.every((status) => status === 202 || status === 503)).toBe(true);
		for (const answer of answers.filter((candidate) => candidate.status === 503)) expectUnavailable(answer);
	});
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
	const probe: Server = createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
	const { port } = probe.address() as { port: number };
	await new Promise<void>((resolve) => probe.close(() => resolve()));
	return port;
}

describe('a platform that fails 30 % of calls at random', () => {
	test('every reader told 202 has an account, and no reader told it failed has one', async () => {
		const { api, platform } = await start();
		platform.failRandomly(0.3, 20260115);
		const outcomes: Array<{ email: string; status: number; code: unknown }> = [];
		for (let batch = 0; batch < 12; batch++) {
			const emails = Array.from({ length: 5 }, (_, index) => `reader${batch * 5 + index}@example.com`);
			const answers = await Promise.all(emails.map((email) => api('/registrations', { ...registration, email })));
			answers.forEach((answer, index) => outcomes.push({ email: emails[index] ?? '', status: answer.status, code: (answer.body as { code?: unknown }).code }));
		}
		platform.failRandomly(0);
		const accounts = new Set(platform.users().map((user) => user.login));
		const told202 = outcomes.filter((outcome) => outcome.status === 202);
		const toldFailed = outcomes.filter((outcome) => outcome.status !== 202);
		// Both kinds happen, so the test counts something.
		expect(told202.length).toBeGreaterThan(5);
		expect(toldFailed.length).toBeGreaterThan(5);
		expect(told202.filter((outcome) => !accounts.has(outcome.email))).toEqual([]);
		expect(toldFailed.filter((outcome) => accounts.has(outcome.email))).toEqual([]);
		// Failures are the platform's passing trouble, said so: never a 500, never a configuration error.
		expect(new Set(toldFailed.map((outcome) => `${outcome.status} ${String(outcome.code)}`))).toEqual(new Set(['503 upstream_unavailable']));
		console.log(`30 % random platform failures: ${told202.length} of ${outcomes.length} registrations answered 202, ${toldFailed.length} upstream_unavailable; both invariants hold`);
	});
});
