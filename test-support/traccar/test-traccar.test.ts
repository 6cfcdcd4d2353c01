/**
 * The Traccar test server against its reference: it enforces what Traccar's resources enforce and
 * refuses what `openapi.yaml` refuses, so a backend that passes against it would pass against Traccar
 * on these points.
 */
import { afterEach, describe, expect, test } from 'vitest';

import { manualClock } from '../../src/server/clock.ts';
import { traccarDocument, traccarOperation } from './reference.ts';
import { startTestTraccar, type TestTraccar, type TestTraccarOptions } from './test-traccar.ts';

let traccar: TestTraccar;
const clock = manualClock(Date.UTC(2026, 0, 15, 9, 0, 0));
afterEach(async () => {
	await traccar?.close();
});

async function start(options: Partial<TestTraccarOptions> = {}) {
	traccar = await startTestTraccar({ clock, ...options });
	return traccar;
}

/** A JSON call, with a token if given. */
async function call(method: string, path: string, body?: unknown, token?: string) {
	const headers: Record<string, string> = {};
	if (token) headers['Authorization'] = `Bearer ${token}`;
	if (body !== undefined) headers['Content-Type'] = 'application/json';
	const response = await fetch(`${traccar.url}/api${path}`, { method, headers, body: body === undefined ? null : JSON.stringify(body) });
	const text = await response.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, text, json: json as Record<string, unknown> };
}

const newUser = (email: string, extra: Record<string, unknown> = {}) => ({ name: email.split('@')[0], email, password: 'a password', ...extra });

describe('the reference itself', () => {
	test('is Traccar 6.14.5’s document, read from disk', () => {
		expect((traccarDocument['info'] as { version: string }).version).toBe('6.14.5');
		expect(traccarOperation('PUT', '/users/7')?.params).toEqual({ id: '7' });
		expect(traccarOperation('POST', '/session')?.operation.open).toBe(true);
		expect(traccarOperation('POST', '/users')?.operation.open).toBe(false);
	});
});

describe('UserResource and PermissionsService', () => {
	test('anonymous registration is refused while the server’s registration is off (the default)', async () => {
		await start();
		expect(traccar.settings.registration).toBe(false);
		const answer = await call('POST', '/users', newUser('ann@example.com'));
		expect(answer.status).toBe(400);
		expect(answer.text).toMatch(/^java\.lang\.SecurityException: Registration disabled/);
	});

	test('the first user of an empty server becomes administrator, and GET /server says newServer to anonymous callers only', async () => {
		await start({ empty: true });
		expect((await call('GET', '/server')).json['newServer']).toBe(true);
		const answer = await call('POST', '/users', newUser('first@example.com'));
		expect(answer.status).toBe(200);
		expect(answer.json).toMatchObject({ administrator: true, deviceLimit: -1 });
		expect(answer.json['password']).toBeUndefined();
		expect((await call('GET', '/server')).json['newServer']).toBe(false);
		const token = traccar.issueToken(Number(answer.json['id']));
		expect((await call('GET', '/server', undefined, token)).json['newServer']).toBeUndefined();
	});

	test('an anonymous request cannot create a disabled user; a manager can, and its users get no devices', async () => {
		await start({ settings: { registration: true } });
		expect((await call('POST', '/users', newUser('ann@example.com', { disabled: true }))).status).toBe(400);
		const made = await call('POST', '/users', newUser('ann@example.com', { disabled: true }), traccar.managerToken);
		expect(made.status).toBe(200);
		expect(made.json).toMatchObject({ disabled: true, administrator: false, deviceLimit: 0 });
		// The anonymous path applies the server's defaults.
		expect((await call('POST', '/users', newUser('bob@example.com'))).json['deviceLimit']).toBe(-1);
	});

	test('only an administrator may set administrator or deviceLimit; an ordinary user may not set disabled', async () => {
		await start();
		expect((await call('POST', '/users', newUser('a@example.com', { deviceLimit: 5 }), traccar.managerToken)).text).toMatch(/Administrator access required/);
		expect((await call('POST', '/users', newUser('b@example.com', { administrator: true }), traccar.managerToken)).text).toMatch(/Administrator access required/);
		expect((await call('POST', '/users', newUser('c@example.com', { deviceLimit: 5 }), traccar.adminToken)).json['deviceLimit']).toBe(5);
		expect((await call('POST', '/users', newUser('d@example.com', { disabled: true }), traccar.userToken)).text).toMatch(/Manager access required/);
	});

	test('email is unique', async () => {
		await start();
		expect((await call('POST', '/users', newUser('ann@example.com'), traccar.managerToken)).status).toBe(200);
		const again = await call('POST', '/users', newUser('ann@example.com'), traccar.managerToken);
		expect(again.status).toBe(400);
		expect(again.text).toMatch(/Unique index or primary key violation/);
	});

	test('a manager sees and changes only its own users; PUT replaces the whole user', async () => {
		await start();
		const mine = await call('POST', '/users', newUser('ann@example.com', { disabled: true }), traccar.managerToken);
		const theirs = traccar.addUser({ name: 'Bob', email: 'bob@example.com', password: 'x' });
		expect((await call('GET', `/users/${theirs.id}`, undefined, traccar.managerToken)).text).toMatch(/User access denied/);
		expect((await call('GET', '/users?keyword=example.com', undefined, traccar.managerToken)).json).toMatchObject([{ email: 'ann@example.com' }]);
		// A partial body resets the other fields: without its email the user cannot be stored…
		const id = mine.json['id'];
		expect((await call('PUT', `/users/${id}`, { id, name: 'ann' }, traccar.managerToken)).text).toMatch(/NULL not allowed for column "EMAIL"/);
		// …and what it leaves out goes back to its default: here `disabled` turns false, a change the manager may make.
		const partial = await call('PUT', `/users/${id}`, { id, name: 'ann', email: 'ann@example.com' }, traccar.managerToken);
		expect(partial.status).toBe(200);
		expect(partial.json).toMatchObject({ disabled: false });
		expect((await call('PUT', `/users/${theirs.id}`, { ...theirs, password: 'y' }, traccar.managerToken)).text).toMatch(/User access denied/);
	});

	test('a request the document refuses is answered 400 and kept as a violation', async () => {
		await start();
		const answer = await call('POST', '/users', newUser('ann@example.com', { disabled: 'yes' }), traccar.managerToken);
		expect(answer.status).toBe(400);
		expect(traccar.violations).toMatchObject([{ method: 'POST', path: '/users', errors: [expect.stringMatching(/disabled must be boolean/)] }]);
		traccar.violations.length = 0;
	});

	test('a bad token is 401; no token on a protected operation is 401', async () => {
		await start();
		expect((await call('GET', '/users', undefined, 'not-a-token')).status).toBe(401);
		expect((await call('GET', '/users')).status).toBe(401);
	});
});

describe('LoginService, SessionResource and PasswordResource', () => {
	test('sign-in: 401 for a wrong password, 400 “User is disabled” for a disabled user with the right one, 200 otherwise', async () => {
		await start();
		const user = traccar.addUser({ name: 'Ann', email: 'Ann@Example.com', password: 'right password', disabled: true });
		expect(await traccar.signIn('ann@example.com', 'wrong password')).toBe(401);
		expect(await traccar.signIn('ann@example.com', 'right password')).toBe(400);
		user.disabled = false;
		expect(await traccar.signIn(' ANN@example.com ', 'right password')).toBe(200);
	});

	test('a disabled user’s token is refused', async () => {
		await start();
		const user = traccar.addUser({ name: 'Ann', email: 'ann@example.com', password: 'p', userLimit: -1 });
		const token = traccar.issueToken(user.id);
		expect((await call('GET', '/users', undefined, token)).status).toBe(200);
		user.disabled = true;
		expect((await call('GET', '/users', undefined, token)).status).toBe(401);
	});

	test('password reset: always 200; the token works for 7 days, then not', async () => {
		await start();
		traccar.addUser({ name: 'Ann', email: 'ann@example.com', password: 'old password' });
		const form = (path: string, fields: Record<string, string>) =>
			fetch(`${traccar.url}/api${path}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
		expect((await form('/password/reset', { email: 'nobody@example.com' })).status).toBe(200);
		expect((await form('/password/reset', { email: 'ann@example.com' })).status).toBe(200);
		const token = traccar.resetEmails[0]?.token ?? '';
		clock.advance(7 * 86_400_000 - 1000);
		expect((await form('/password/update', { token, password: 'new password' })).status).toBe(200);
		expect(await traccar.signIn('ann@example.com', 'new password')).toBe(200);
		clock.advance(2000);
		expect((await form('/password/update', { token, password: 'third password' })).status).toBe(400);
	});
});
