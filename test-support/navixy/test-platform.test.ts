/**
 * The test platform follows the platform's documented contract: if it drifted, the Navixy
 * backend's tests would prove nothing.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';

import { manualClock, type ManualClock } from '../../src/server/clock.ts';
import { startTestPlatform, type TestPlatform } from './test-platform.ts';

let clock: ManualClock;
let platform: TestPlatform;
beforeEach(async () => {
	clock = manualClock(Date.UTC(2026, 0, 15, 9, 0, 0));
	platform = await startTestPlatform({ clock, uiDomain: 'track.acme.test', panelLogin: 'panel', panelPassword: 'panel-pw', rateLimits: null });
});
afterEach(async () => {
	await platform.close();
});

interface CallOptions {
	hash?: string;
	/** Send the hash as a `hash` parameter instead of the header. */
	hashParam?: boolean;
	form?: boolean;
	query?: boolean;
}

/** Calls the platform; resolves with the HTTP status and the parsed body. */
async function call(action: string, params: Record<string, unknown> = {}, options: CallOptions = {}) {
	const headers: Record<string, string> = {};
	const all = { ...params, ...(options.hash && options.hashParam ? { hash: options.hash } : {}) };
	if (options.hash && !options.hashParam) headers['Authorization'] = `NVX ${options.hash}`;
	const encoded = new URLSearchParams(Object.entries(all).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]));
	let url = `${platform.url}/${action}`;
	let body: string | undefined;
	if (options.query) url += `?${encoded}`;
	else if (options.form) {
		headers['Content-Type'] = 'application/x-www-form-urlencoded';
		body = encoded.toString();
	} else {
		headers['Content-Type'] = 'application/json';
		body = JSON.stringify(all);
	}
	const response = await fetch(url, { method: 'POST', headers, ...(body === undefined ? {} : { body }) });
	return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const panelHash = async () => (await call('panel/account/auth', { login: 'panel', password: 'panel-pw' })).body['hash'] as string;

describe('the Navixy-compatible test platform', () => {
	test('answers the documented envelope: success true, or success false with status {code, description} and HTTP 400', async () => {
		const ok = await call('dealer/get_ui_config', { domain: 'track.acme.test' });
		expect(ok.status).toBe(200);
		expect(ok.body).toMatchObject({ success: true, dealer: { ui_domain: 'track.acme.test' }, settings: { allow_registration: true } });
		const failed = await call('dealer/get_ui_config', { domain: 'other.test' });
		expect(failed).toEqual({ status: 400, body: { success: false, status: { code: 12, description: expect.any(String) } } });
		platform.updateSettings(null);
		expect((await call('dealer/get_ui_config', { domain: 'track.acme.test' })).body.status.code).toBe(201);
	});

	test('takes parameters as JSON, form or query', async () => {
		for (const options of [{}, { form: true }, { query: true }]) {
			expect((await call('dealer/get_ui_config', { domain: 'track.acme.test' }, options)).body.success, JSON.stringify(options)).toBe(true);
		}
		const hash = await panelHash();
		const created = await call('panel/user/create', { user: { login: 'ann@example.com', activated: false }, password: 'x' }, { hash, form: true });
		expect(created.body).toEqual({ success: true, id: 1 });
		expect(platform.users()[0]).toMatchObject({ login: 'ann@example.com', activated: false });
	});

	test('a body that is not JSON is a wrong request format (5)', async () => {
		const response = await fetch(`${platform.url}/dealer/get_ui_config`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"domain":' });
		expect((await response.json()).status.code).toBe(5);
	});

	test('a panel call needs a live panel hash, in the Authorization header or a hash parameter', async () => {
		const hash = await panelHash();
		expect((await call('panel/user/list', {}, { hash })).body).toEqual({ success: true, list: [], count: 0 });
		expect((await call('panel/user/list', {}, { hash, hashParam: true })).body.success).toBe(true);
		expect((await call('panel/user/list', {}, { hash: 'f'.repeat(32) })).body.status.code).toBe(3);
		expect((await call('panel/user/list')).body.status.code).toBe(3);
	});

	test('panel and user hashes are not interchangeable (4)', async () => {
		platform.state.addUser({ login: 'ann@example.com', password: 'Secret#Pass123', activated: true, verified: true });
		const user = await call('user/auth', { login: 'ann@example.com', password: 'Secret#Pass123' });
		expect(user.body).toEqual({ success: true, type: 'authenticated', hash: expect.any(String) });
		const userHash = user.body['hash'] as string;
		expect((await call('user/get_info', {}, { hash: userHash })).body.user_info).toMatchObject({ login: 'ann@example.com', verified: true });
		expect((await call('panel/user/list', {}, { hash: userHash })).body.status.code).toBe(4);
		expect((await call('user/get_info', {}, { hash: await panelHash() })).body.status.code).toBe(4);
	});

	test('a panel session ends after 24 hours (4); a new sign-in works', async () => {
		const hash = await panelHash();
		clock.advance(24 * 3600_000 - 1);
		expect((await call('panel/user/list', {}, { hash })).body.success).toBe(true);
		clock.advance(1);
		expect((await call('panel/user/list', {}, { hash })).body.status.code).toBe(4);
		expect((await call('panel/user/list', {}, { hash: await panelHash() })).body.success).toBe(true);
		platform.endPanelSessions();
		expect((await call('panel/user/list', {}, { hash })).body.status.code).toBe(3);
	});

	test('panel/account/auth refuses wrong credentials (12) and a blocked provider (11)', async () => {
		expect((await call('panel/account/auth', { login: 'panel', password: 'wrong' })).body.status.code).toBe(12);
		await platform.close();
		platform = await startTestPlatform({ clock, uiDomain: 'track.acme.test', panelLogin: 'panel', panelPassword: 'panel-pw', blocked: true });
		expect((await call('panel/account/auth', { login: 'panel', password: 'panel-pw' })).body.status.code).toBe(11);
	});

	test('panel/user/create answers {id}, and 206 for a login in use', async () => {
		const hash = await panelHash();
		const user = { login: 'ann@example.com', activated: false, verified: false, first_name: 'ann', legal_type: 'individual' };
		const params = { user, password: 'Velvet#Kettle42', locale: 'pt_BR', time_zone: 'UTC' };
		expect((await call('panel/user/create', params, { hash })).body).toEqual({ success: true, id: 1 });
		expect((await call('panel/user/create', params, { hash })).body.status.code).toBe(206);
		expect((await call('panel/user/create', { ...params, user: { login: 'not an email' } }, { hash })).body).toMatchObject({
			status: { code: 7 },
			errors: [{ parameter: 'user.login', error: expect.any(String) }],
		});
		expect(platform.emails()).toEqual([]);
	});

	test('panel/user/list filters by login and reports activated and verified', async () => {
		platform.state.addUser({ login: 'ann@example.com', password: 'x', activated: false, verified: false });
		platform.state.addUser({ login: 'joann@example.com', password: 'x', activated: true, verified: true });
		const { body } = await call('panel/user/list', { filter: 'ann@example.com', limit: 10, offset: 0 }, { hash: await panelHash() });
		expect(body).toEqual({
			success: true,
			count: 2,
			list: [
				{ id: 1, login: 'ann@example.com', activated: false, verified: false },
				{ id: 2, login: 'joann@example.com', activated: true, verified: true },
			],
		});
	});

	test('user/resend_activation: 201 unknown, an email, 264 within five minutes (HTTP 403, timeout and remainder), 265 once active', async () => {
		expect(await call('user/resend_activation', { login: 'ann@example.com' })).toMatchObject({ status: 400, body: { status: { code: 201 } } });
		platform.state.addUser({ login: 'ann@example.com', password: 'x', activated: false, verified: false });
		expect((await call('user/resend_activation', { login: 'ann@example.com' })).body).toEqual({ success: true });
		expect(platform.emails('ann@example.com')).toHaveLength(1);
		clock.advance(60_000 + 12_000);
		const tooSoon = await call('user/resend_activation', { login: 'ann@example.com' });
		expect(tooSoon).toEqual({ status: 403, body: { success: false, status: { code: 264, description: expect.any(String) }, timeout: 'PT5M', remainder: 'PT3M48S' } });
		clock.advance(4 * 60_000);
		expect((await call('user/resend_activation', { login: 'ann@example.com' })).body.success).toBe(true);
		platform.activate('ann@example.com');
		expect(await call('user/resend_activation', { login: 'ann@example.com' })).toMatchObject({ status: 403, body: { status: { code: 265 } } });
	});

	test('user/activate takes the link’s hash once; a session hash is the wrong kind (4), anything else wrong (3)', async () => {
		platform.state.addUser({ login: 'ann@example.com', password: 'x', activated: false, verified: false });
		await call('user/resend_activation', { login: 'ann@example.com' });
		const hash = platform.emails('ann@example.com')[0]?.hash;
		expect((await call('user/activate', { hash })).body).toEqual({ success: true });
		expect(platform.users()[0]).toMatchObject({ activated: true, verified: true });
		expect((await call('user/activate', { hash })).body.status.code).toBe(3);
		expect((await call('user/activate', { hash: await panelHash() })).body.status.code).toBe(4);
	});

	test('answers each injected code with its documented HTTP status', async () => {
		const expected: Record<number, number> = { 1: 500, 3: 400, 6: 500, 7: 400, 8: 503, 13: 403, 14: 503, 15: 429, 264: 403, 265: 403 };
		for (const [code, status] of Object.entries(expected)) {
			platform.inject('dealer/get_ui_config', { code: Number(code) });
			expect(await call('dealer/get_ui_config', { domain: 'track.acme.test' }), code).toMatchObject({ status, body: { success: false, status: { code: Number(code) } } });
		}
	});

	test('enforces the documented rate limits: 10 panel calls a second per provider, 50 user calls a second per IP (15, HTTP 429)', async () => {
		await platform.close();
		platform = await startTestPlatform({ clock, uiDomain: 'track.acme.test', panelLogin: 'panel', panelPassword: 'panel-pw' });
		const panel = await Promise.all(Array.from({ length: 11 }, () => call('panel/account/auth', { login: 'panel', password: 'panel-pw' })));
		expect(panel.filter((answer) => answer.status === 429).map((answer) => answer.body.status.code)).toEqual([15]);
		const user = await Promise.all(Array.from({ length: 51 }, () => call('dealer/get_ui_config', { domain: 'track.acme.test' })));
		expect(user.filter((answer) => answer.status === 429)).toHaveLength(1);
	});
});
