/**
 * The test platform follows the platform's documented contract: if it drifted, the Navixy
 * backend's tests would prove nothing.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';

import { manualClock, type ManualClock } from '../../src/server/clock.ts';
import { documentedTimeZones, errorTable, referenceOperation } from './reference.ts';
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
	hash?: string | undefined;
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

/** A `panel/user/create` the reference accepts: the complete individual shape. */
function validCreate(user: Record<string, unknown> = {}, top: Record<string, unknown> = {}) {
	return {
		user: {
			legal_type: 'individual',
			login: 'ann@example.com',
			first_name: 'Ann',
			middle_name: '',
			last_name: 'Lee',
			phone: '',
			post_country: '',
			post_region: '',
			post_city: '',
			post_street_address: '',
			post_index: '',
			activated: false,
			...user,
		},
		password: 'Velvet#Kettle42',
		locale: 'pt_BR',
		time_zone: 'Europe/London',
		...top,
	};
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
		const created = await call('panel/user/create', validCreate(), { hash, form: true });
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

	test('panel/account/auth reports the session’s permissions as an object; a panel call without its permission is 13', async () => {
		const { body } = await call('panel/account/auth', { login: 'panel', password: 'panel-pw' });
		expect(body['permissions']).toMatchObject({ users: expect.arrayContaining(['create', 'read']) });
		await platform.close();
		platform = await startTestPlatform({ clock, uiDomain: 'track.acme.test', panelLogin: 'panel', panelPassword: 'panel-pw', rateLimits: null, permissions: { users: ['read'] } });
		const hash = await panelHash();
		expect(await call('panel/user/create', validCreate(), { hash })).toMatchObject({ status: 403, body: { status: { code: 13 } } });
		expect((await call('panel/user/list', {}, { hash })).body.success).toBe(true);
	});

	test('panel/user/create answers {id}, and 206 for a login in use', async () => {
		const hash = await panelHash();
		expect((await call('panel/user/create', validCreate(), { hash })).body).toEqual({ success: true, id: 1 });
		expect((await call('panel/user/create', validCreate(), { hash })).body.status.code).toBe(206);
		expect((await call('panel/user/create', validCreate({ login: 'not an email' }), { hash })).body).toMatchObject({
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
				{ id: 1, login: 'ann@example.com', activated: false, verified: false, legal_type: 'individual', dealer_id: 4242 },
				{ id: 2, login: 'joann@example.com', activated: true, verified: true, legal_type: 'individual', dealer_id: 4242 },
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
		expect((await call('user/activate', {}, { hash })).body).toEqual({ success: true });
		expect(platform.users()[0]).toMatchObject({ activated: true, verified: true });
		expect((await call('user/activate', {}, { hash })).body.status.code).toBe(3);
		expect((await call('user/activate', {}, { hash: await panelHash() })).body.status.code).toBe(4);
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

describe('the test platform holds every call to the platform’s reference (reference/*.json, loaded, not retyped)', () => {
	test('every call it answers is an operation of the reference, with the same need for a credential', () => {
		for (const [action, definition] of Object.entries(platform.state.calls)) {
			const documented = referenceOperation(action);
			expect(documented, action).toBeDefined();
			expect(definition.access === 'open', action).toBe(documented?.open);
		}
	});

	test('the error table and the time zones come from the reference: no UTC, the documented statuses', () => {
		expect(documentedTimeZones).toContain('Europe/London');
		expect(documentedTimeZones).not.toContain('UTC');
		expect(documentedTimeZones).not.toContain('Australia/ACT');
		expect([errorTable.get(264)?.httpStatus, errorTable.get(7)?.httpStatus, errorTable.get(15)?.httpStatus]).toEqual([403, 400, 429]);
	});

	test.each([
		['a required field left out', validCreate({ middle_name: undefined }), 'user.middle_name'],
		['no time_zone', validCreate({}, { time_zone: undefined }), 'time_zone'],
		['a name with _', validCreate({ first_name: 'john_doe' }), 'user.first_name'],
		['a name with +', validCreate({ last_name: 'ann+news' }), 'user.last_name'],
		['a name of 101 characters', validCreate({ first_name: 'a'.repeat(101) }), 'user.first_name'],
		['a phone with +', validCreate({ phone: '+491761234567' }), 'user.phone'],
		['a phone of 16 digits', validCreate({ phone: '1'.repeat(16) }), 'user.phone'],
		['a street of 201 characters', validCreate({ post_street_address: 'a'.repeat(201) }), 'user.post_street_address'],
		['a legal type that does not exist', validCreate({ legal_type: 'person' }), 'user.legal_type'],
		['a name that is not a string', validCreate({ first_name: 42 }), 'user.first_name'],
		['a time zone the list does not have (UTC)', validCreate({}, { time_zone: 'UTC' }), 'time_zone'],
		['a password against the dealer’s policy', validCreate({}, { password: 'short' }), 'password'],
		['a comment of 256 characters', validCreate({}, { comment: 'c'.repeat(256) }), 'comment'],
	])('panel/user/create refuses %s: code 7 naming the parameter, and the call is kept as a violation', async (_what, params, parameter) => {
		const { status, body } = await call('panel/user/create', JSON.parse(JSON.stringify(params)), { hash: await panelHash() });
		expect(status).toBe(400);
		expect(body['status'].code).toBe(7);
		expect(body['errors']).toEqual(expect.arrayContaining([{ parameter, error: expect.any(String) }]));
		expect(platform.violations.map((violation) => violation.action)).toEqual(['panel/user/create']);
		expect(platform.users()).toEqual([]);
	});

	test('accepts what the reference allows: letters of any script, the name rule’s signs, empty optional fields', async () => {
		const hash = await panelHash();
		const names = { first_name: "Zoë-Anne O'Brien", last_name: 'Ибрагимова "Ли", д.1/2: ок.', phone: '491761234567' };
		expect((await call('panel/user/create', validCreate(names), { hash })).body).toEqual({ success: true, id: 1 });
		expect(platform.violations).toEqual([]);
	});

	test('user/password/change takes the restore hash as the credential and only a password of the policy', async () => {
		platform.state.addUser({ login: 'ann@example.com', password: 'Velvet#Kettle42', activated: true, verified: true });
		const restore = platform.requestPasswordRestore('ann@example.com');
		expect(restore?.kind).toBe('restore');
		expect((await call('user/password/change', { password: 'short' }, { hash: restore?.hash })).body.status.code).toBe(7);
		expect((await call('user/password/change', { password: 'Velvet#Kettle42' }, { hash: restore?.hash })).body.status.code).toBe(7);
		expect((await call('user/password/change', { password: 'Orbit&Lantern7x' }, { hash: restore?.hash })).body).toEqual({ success: true });
		expect(platform.users()[0]?.password).toBe('Orbit&Lantern7x');
		expect((await call('user/password/change', { password: 'Orbit&Lantern8y' }, { hash: restore?.hash })).body.status.code).toBe(3);
		expect((await call('user/password/change', { password: 'Orbit&Lantern8y' }, { hash: await panelHash() })).body.status.code).toBe(4);
	});

	test('timezone/list and the dealer’s default_user_time_zone', async () => {
		const { body } = await call('timezone/list', { locale: 'en_US' });
		expect(body['list'].map((zone: { zone_id: string }) => zone.zone_id)).toEqual(documentedTimeZones);
		expect((await call('timezone/list', {})).body).toMatchObject({ status: { code: 7 }, errors: [{ parameter: 'locale' }] });
		const settings = await call('panel/dealer/settings/service/read', {}, { hash: await panelHash() });
		expect(settings.body['value']).toMatchObject({ default_user_time_zone: 'Europe/London' });
	});

	test('its own answers are checked too: an answer the reference refuses is a 500 and a violation', async () => {
		await platform.close();
		platform = await startTestPlatform({ clock, uiDomain: 'track.acme.test', panelLogin: 'panel', panelPassword: 'panel-pw', rateLimits: null, permissions: [] as never });
		const response = await fetch(`${platform.url}/panel/account/auth`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login: 'panel', password: 'panel-pw' }) });
		expect(response.status).toBe(500);
		expect(platform.violations).toEqual([{ action: 'panel/account/auth', kind: 'answer', errors: ['/permissions must be object'] }]);
	});
});
