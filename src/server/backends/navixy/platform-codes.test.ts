/**
 * Every documented platform code, injected into the call where it can occur, reaches the browser
 * as a contract problem — never as the platform's own text — and an unknown code becomes
 * `upstream_unavailable` with a log line naming the call and the code.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';

import { ProblemSchema } from '../../../signup/contract.ts';
import type { TestResponse } from '../../../../test-support/server/test-server.ts';
import { platformCodeProblems } from './platform-errors.ts';
import { describeCode } from '../../../../test-support/navixy/platform-calls.ts';
import { navixyGoodPassword, startNavixyTestServer, type NavixyTestServer } from '../../../../test-support/navixy/navixy-test-server.ts';

let server: NavixyTestServer;
beforeEach(async () => {
	server = await startNavixyTestServer();
});
afterEach(async () => {
	await server.close();
});

const register = (email = 'ann@example.com', password = navixyGoodPassword) => server.api('/registrations', { email, password, locale: 'en' });
const resend = (email = 'ann@example.com') => server.api('/registrations/resend', { email, locale: 'en' });

/** Checks a problem answer and that none of the platform's words leaked into it. */
function expectProblem(answer: TestResponse, status: number, code: string) {
	expect(answer.status, answer.text).toBe(status);
	expect(answer.headers.get('content-type')).toBe('application/problem+json');
	const problem = ProblemSchema.parse(answer.body);
	expect(problem.code).toBe(code);
	for (const platformCode of platformCodeProblems.keys()) expect(answer.text).not.toContain(describeCode(platformCode));
	if (code === 'upstream_unavailable') {
		expect(problem.retryAfter).toBeGreaterThan(0);
		expect(answer.headers.get('retry-after')).toBe(String(problem.retryAfter));
	}
	return problem;
}

/** Codes that mean “the platform cannot serve this now” wherever they occur. */
const outageCodes = [1, 5, 6, 8, 11, 12, 13, 14];

describe('the mapping table', () => {
	test('has a row for every code the platform documentation lists', () => {
		const documented = [1, 3, 4, 5, 6, 7, 8, 11, 12, 13, 14, 15, 102, 103, 104, 105, 201, 206, 207, 209, 257, 264, 265];
		expect([...platformCodeProblems.keys()].sort((a, b) => a - b)).toEqual(documented);
	});
});

describe('panel/user/create (registration)', () => {
	test.each(outageCodes.filter((code) => code !== 13))('code %i → upstream_unavailable, logged with the call and the code', async (code) => {
		server.platform.inject('panel/user/create', { code });
		expectProblem(await register(), 503, 'upstream_unavailable');
		expect(server.logs.join('\n')).toContain(`panel/user/create answered code ${code}`);
	});

	test('206 (login in use) → the same 202 as a new address', async () => {
		server.platform.inject('panel/user/create', { code: 206 });
		expect((await register()).status).toBe(202);
	});

	test('257 (registration forbidden) → registration_disabled', async () => {
		server.platform.inject('panel/user/create', { code: 257 });
		expectProblem(await register(), 403, 'registration_disabled');
	});

	test('7 naming the password → weak_password; naming the login → invalid_email; neither is a configuration error', async () => {
		server.platform.inject('panel/user/create', { code: 7, extra: { errors: [{ parameter: 'password', error: 'too simple' }] } });
		expect(expectProblem(await register(), 422, 'weak_password').rules).toEqual([]);
		server.platform.inject('panel/user/create', { code: 7, extra: { errors: [{ parameter: 'user.login', error: 'bad' }] } });
		expectProblem(await register(), 422, 'invalid_email');
		expect(server.logs.join('\n')).not.toContain('configuration error');
		expect((await server.api('/health')).body).toEqual({ status: 'ok', checks: [{ name: 'time_zone', status: 'ok' }] });
	});

	test.each([
		['a field the reader did not type', { errors: [{ parameter: 'user.post_index', error: 'invalid format' }] }, 'user.post_index: invalid format'],
		['the login and a field the reader did not type', { errors: [{ parameter: 'user.login', error: 'x' }, { parameter: 'time_zone', error: 'unknown' }] }, 'user.login: x; time_zone: unknown'],
		['no field at all', {}, 'no parameter named'],
	])('7 naming %s → registration_unavailable (not a retry), logged with the parameters, counted by the health check', async (_what, extra, logged) => {
		server.platform.inject('panel/user/create', { code: 7, extra });
		const problem = expectProblem(await register(), 503, 'registration_unavailable');
		expect(problem.retryAfter).toBeUndefined();
		expect(server.logs.join('\n')).toContain(`configuration error: panel/user/create refused parameters the reader did not type (code 7; ${logged})`);
		expect(server.backend.board.configurationErrors()).toBe(1);
		const health = (await server.api('/health')).body as { status: string; checks: Array<{ name: string; ok: boolean }> };
		expect(health).toEqual({ status: 'degraded', checks: [expect.objectContaining({ name: 'time_zone', status: 'ok' }), { name: 'registrations', status: 'degraded' }] });
		// The next registration that the platform accepts clears it.
		expect((await register('bob@example.com')).status).toBe(202);
		expect((await server.api('/health')).body).toMatchObject({ status: 'ok' });
	});

	test('13 (operation not permitted) → registration_unavailable: the panel account lacks users: create', async () => {
		server.platform.inject('panel/user/create', { code: 13 });
		expectProblem(await register(), 503, 'registration_unavailable');
		expect(server.logs.join('\n')).toContain('needs the users: create permission');
		expect((await server.api('/health')).body).toMatchObject({ status: 'degraded', checks: expect.arrayContaining([{ name: 'panel_permissions', status: 'degraded' }]) });
	});

	test('3 or 4 (wrong hash, session ended) → a new panel session and one more try', async () => {
		for (const code of [3, 4]) {
			server.platform.inject('panel/user/create', { code });
			expect((await register(`renew${code}@example.com`)).status).toBe(202);
		}
		expect(server.platform.calls.filter((call) => call.action === 'panel/account/auth')).toHaveLength(3);
		server.platform.inject('panel/user/create', { code: 4 }, 2);
		expectProblem(await register('twice@example.com'), 503, 'upstream_unavailable');
	});

	test('15 (too many requests) → upstream_unavailable with Retry-After, and no more calls until the back-off is over', async () => {
		server.platform.inject('panel/user/create', { code: 15 });
		expect(expectProblem(await register(), 503, 'upstream_unavailable').retryAfter).toBe(1);
		const creates = () => server.platform.calls.filter((call) => call.action === 'panel/user/create').length;
		const before = creates();
		expectProblem(await register(), 503, 'upstream_unavailable');
		expect(creates()).toBe(before);
		server.clock.advance(1000);
		expect((await register()).status).toBe(202);
	});

	test('HTTP 429 without an envelope counts as 15, and a platform Retry-After is honoured (at most 60 s)', async () => {
		server.platform.inject('panel/user/create', { raw: 'slow down', httpStatus: 429, contentType: 'text/plain' });
		expect(expectProblem(await register(), 503, 'upstream_unavailable').retryAfter).toBe(1);
		server.clock.advance(1000);
		server.platform.inject('panel/user/create', { raw: '', httpStatus: 429, headers: { 'Retry-After': '7' } });
		expect(expectProblem(await register(), 503, 'upstream_unavailable').retryAfter).toBe(7);
		server.clock.advance(7000);
		server.platform.inject('panel/user/create', { raw: '{}', httpStatus: 429, headers: { 'Retry-After': '3600' } });
		expect(expectProblem(await register(), 503, 'upstream_unavailable').retryAfter).toBe(60);
	});

	test('an undocumented code → upstream_unavailable, logged with the call and the code', async () => {
		server.platform.inject('panel/user/create', { code: 999, extra: { secret_detail: 'internal' } });
		const problem = expectProblem(await register(), 503, 'upstream_unavailable');
		expect(JSON.stringify(problem)).not.toContain('internal');
		expect(server.logs).toContainEqual(expect.stringMatching(/^navixy: panel\/user\/create answered the undocumented code 999 \(HTTP 400\)/));
	});
});

describe('user/resend_activation (resend and registration)', () => {
	test.each([201, 264, 265])('code %i → the generic 202, without Retry-After', async (code) => {
		server.platform.inject('user/resend_activation', { code, extra: code === 264 ? { timeout: 'PT5M', remainder: 'PT4M' } : {} });
		const answer = await resend();
		expect(answer.status).toBe(202);
		expect(answer.body).toEqual({ status: 'accepted', resendAfterSeconds: 300 });
		expect(answer.headers.get('retry-after')).toBeNull();
	});

	test('209 (email could not be sent) → upstream_unavailable for that address, with Retry-After the real wait; other addresses go on', async () => {
		await server.api('/settings');
		server.platform.inject('user/resend_activation', { code: 209 });
		expectProblem(await resend('known@example.com'), 503, 'upstream_unavailable');
		expect(server.logs.join('\n')).toContain('user/resend_activation answered code 209');
		const calls = server.platform.calls.length;
		server.clock.advance(20_000);
		const again = await resend('known@example.com');
		expectProblem(again, 503, 'upstream_unavailable');
		expect(again.headers.get('retry-after')).toBe('40');
		expect(server.platform.calls.length).toBe(calls);
		// Every other address is served as usual meanwhile.
		expect((await resend('unknown@example.com')).status).toBe(202);
		expect((await register('new@example.com')).status).toBe(202);
		server.clock.advance(40_000);
		expect((await resend('known@example.com')).status).toBe(202);
	});

	test.each([...outageCodes, 15, 4242])('code %i → upstream_unavailable', async (code) => {
		server.platform.inject('user/resend_activation', { code });
		expectProblem(await resend(), 503, 'upstream_unavailable');
		expect(server.logs.join('\n')).toContain(`user/resend_activation answered`);
	});

	test('after a successful create, a 264 or 265 from the activation email still answers 202', async () => {
		server.platform.inject('user/resend_activation', { code: 264 });
		expect((await register('a@example.com')).status).toBe(202);
		server.platform.inject('user/resend_activation', { code: 265 });
		expect((await register('b@example.com')).status).toBe(202);
	});
});

describe('dealer/get_ui_config (settings)', () => {
	test.each([12, 201, 1, 15, 777])('code %i before any settings were fetched → upstream_unavailable on /settings and /registrations', async (code) => {
		server.platform.inject('dealer/get_ui_config', { code }, 2);
		expectProblem(await server.api('/settings'), 503, 'upstream_unavailable');
		expectProblem(await register(), 503, 'upstream_unavailable');
		expect(server.logs.join('\n')).toContain('dealer/get_ui_config answered');
	});
});

describe('user/activate (the confirm page)', () => {
	test.each([3, 4])('code %i → invalid_token', async (code) => {
		server.platform.inject('user/activate', { code });
		expectProblem(await server.api('/registrations/confirm', { token: 'a'.repeat(32) }), 400, 'invalid_token');
	});

	test.each([1, 7, 14, 15, 501])('code %i → upstream_unavailable', async (code) => {
		server.platform.inject('user/activate', { code });
		expectProblem(await server.api('/registrations/confirm', { token: 'a'.repeat(32) }), 503, 'upstream_unavailable');
	});
});

describe('panel/account/auth (the panel session)', () => {
	test.each([11, 12])('code %i → upstream_unavailable, logged; the credentials are not tried again for 10 s', async (code) => {
		server.platform.inject('panel/account/auth', { code });
		expectProblem(await register(), 503, 'upstream_unavailable');
		expect(server.logs.join('\n')).toContain(`panel/account/auth answered code ${code}`);
		expectProblem(await register(), 503, 'upstream_unavailable');
		expect(server.platform.calls.filter((call) => call.action === 'panel/account/auth')).toHaveLength(1);
		server.clock.advance(10_000);
		expect((await register()).status).toBe(202);
	});
});

describe('panel/user/list (status)', () => {
	test.each([1, 4, 13, 999])('code %i → the status falls back to what time alone says, and the failure is logged', async (code) => {
		const { receipt } = (await register()).body as { receipt: string };
		server.platform.activate('ann@example.com');
		server.platform.inject('panel/user/list', { code }, code === 4 ? 2 : 1);
		expect((await server.api('/registrations/status', { receipt })).body).toMatchObject({ status: 'pending' });
		expect(server.logs.join('\n')).toContain('panel/user/list answered');
		expect((await server.api('/registrations/status', { receipt })).body).toMatchObject({ status: 'confirmed' });
	});

	test.each([8, 14])('a lookup answered %i once is tried again: the status still catches the confirmation', async (code) => {
		const { receipt } = (await register()).body as { receipt: string };
		server.platform.activate('ann@example.com');
		server.platform.inject('panel/user/list', { code });
		expect((await server.api('/registrations/status', { receipt })).body).toMatchObject({ status: 'confirmed' });
	});

	test('a create whose answer was lost, though the platform carried it out: the lookup finds the account, 202 and the email', async () => {
		server.platform.inject('panel/user/create', { loseAnswer: true });
		expect((await register()).status).toBe(202);
		expect(await server.accounts()).toEqual(['ann@example.com']);
		expect(server.platform.emails('ann@example.com')).toHaveLength(1);
		expect(server.logs.join('\n')).toContain('panel/user/create gave no answer');
		// Lost before it was carried out: no account, and the reader is told so.
		server.platform.inject('panel/user/create', { drop: true });
		expectProblem(await register('bob@example.com'), 503, 'upstream_unavailable');
		expect(await server.accounts()).toEqual(['ann@example.com']);
	});

	test('after the account is created, a failing lookup or activation email still answers 202: the account exists', async () => {
		server.platform.inject('panel/user/list', { code: 1 });
		server.platform.inject('user/resend_activation', { code: 209 });
		const answer = await register();
		expect(answer.status).toBe(202);
		expect(await server.accounts()).toEqual(['ann@example.com']);
		expect(server.logs.join('\n')).toContain('after a registration, the activation email could not be sent');
		// The status page's resend sends it once the platform can.
		server.clock.advance(60_000);
		expect((await resend()).status).toBe(202);
		expect(server.platform.emails('ann@example.com')).toHaveLength(1);
	});
});

test('the platform’s descriptions never reach an answer, whatever the code', async () => {
	for (const code of platformCodeProblems.keys()) {
		server.platform.inject('user/resend_activation', { code, extra: { note: describeCode(code) } });
		const answer = await resend(`c${code}@example.com`);
		expect(answer.text).not.toContain(describeCode(code));
		server.clock.advance(60_000);
	}
});
