/**
 * The Traccar start-up check, and the real server process (`main.ts`) configured only through the
 * environment: it runs against a set-up Traccar, and refuses to start against one with no users
 * (`newServer`: the first registration would become administrator) or with a token Traccar refuses.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { afterEach, describe, expect, test } from 'vitest';

import { systemClock } from '../../clock.ts';
import { startServerProcess, type ServerProcess } from '../../../../test-support/server/server-process.ts';
import { request } from '../../../../test-support/server/test-server.ts';
import { startTestTraccar, type TestTraccar, type TestTraccarOptions } from '../../../../test-support/traccar/test-traccar.ts';
import type { TraccarConfig } from './config.ts';
import { traccarPlatform } from './traccar-platform.ts';

let traccar: TestTraccar | undefined;
let server: ServerProcess | undefined;
afterEach(async () => {
	server?.child.kill('SIGTERM');
	await server?.exited;
	server = undefined;
	await traccar?.close();
	traccar = undefined;
});

async function check(options: Partial<TestTraccarOptions> = {}, config: Partial<TraccarConfig> = {}, token: 'managerToken' | 'adminToken' | 'userToken' = 'managerToken') {
	traccar = await startTestTraccar({ clock: systemClock, ...options });
	return traccarPlatform({ url: traccar.url, token: traccar[token] || 'no-token-on-an-empty-server', passwordReset: 'help-center', deviceLimit: null, timeoutMs: 2000, ...config }, () => {}).startupCheck();
}

describe('the start-up check', () => {
	test('passes with a manager’s token, and says what a manager’s users lack', async () => {
		const report = await check();
		expect(report.fatal).toBe(false);
		expect(report.text).toContain('✓ TRACCAR_TOKEN is a manager’s');
		expect(report.text).toMatch(/get no devices \(device limit 0\)/);
	});

	test('passes with an administrator’s token and a device limit', async () => {
		const report = await check({}, { deviceLimit: 5 }, 'adminToken');
		expect(report.fatal).toBe(false);
		expect(report.text).toContain('✓ TRACCAR_TOKEN is an administrator’s');
	});

	test('refuses a server with no users: its first registered user would become administrator', async () => {
		const report = await check({ empty: true });
		expect(report.fatal).toBe(true);
		expect(report.text).toMatch(/has no users yet: its first registered user becomes its administrator/);
	});

	test('refuses a token Traccar refuses, and an ordinary user’s token', async () => {
		expect((await check({}, { token: 'x'.repeat(32) })).text).toMatch(/✗ Traccar refuses TRACCAR_TOKEN/);
		await traccar?.close();
		const ordinary = await check({}, {}, 'userToken');
		expect(ordinary.fatal).toBe(true);
		expect(ordinary.text).toMatch(/an ordinary Traccar user/);
	});

	test('refuses a device limit with a manager’s token (Traccar lets only an administrator set one)', async () => {
		const report = await check({}, { deviceLimit: 3 });
		expect(report.fatal).toBe(true);
		expect(report.text).toMatch(/TRACCAR_DEVICE_LIMIT=3 needs an administrator’s token/);
	});

	test('warns when Traccar’s own registration is on (readers could skip the email check)', async () => {
		const report = await check({ settings: { registration: true } });
		expect(report.fatal).toBe(false);
		expect(report.text).toMatch(/Traccar’s own registration is on/);
	});

	test('a TRACCAR_URL that redirects is refused: the token is never sent where a redirect points', async () => {
		const { createServer } = await import('node:http');
		const redirecting = createServer((_request, response) => response.writeHead(301, { Location: 'https://elsewhere.example/api/server' }).end());
		await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
		try {
			const port = (redirecting.address() as { port: number }).port;
			const report = await check({}, { url: `http://127.0.0.1:${port}` });
			expect(report.fatal).toBe(true);
			expect(report.text).toMatch(/TRACCAR_URL redirects \(to https:\/\/elsewhere\.example/);
		} finally {
			await new Promise<void>((resolve) => redirecting.close(() => resolve()));
		}
	});

	test('an unreachable server is reported, not fatal (registrations answer 503 until it is back)', async () => {
		const report = await check({}, { url: 'http://127.0.0.1:9' });
		expect(report.fatal).toBe(false);
		expect(report.text).toMatch(/cannot be reached now/);
	});
});

describe('the server process on Traccar', () => {
	const base = { SIGNUP_BACKEND: 'traccar', DEV_MAILBOX: 'true', DATA_DIR: ':memory:', STATIC_DIR: 'no-such-dir', SCRYPT_LOG_N: '10' };

	test('runs from its environment alone: a registration confirmed through the help center signs in to Traccar', async () => {
		traccar = await startTestTraccar({ clock: systemClock });
		server = await startServerProcess({ ...base, TRACCAR_URL: traccar.url, TRACCAR_TOKEN: traccar.managerToken });
		const started = server;
		await expect.poll(() => started.output()).toContain(`Accounts live on the Traccar server at ${traccar.url}`);
		expect((await request(`${server.url}/api/v1/registrations`, { email: 'ann@example.com', password: 'velvet kettle orbit lantern', locale: 'en' })).status).toBe(202);
		let token: string | undefined;
		await expect
			.poll(async () => {
				const messages = (await request(`${started.url}/_mailbox/messages.json`)).body as { text: string }[];
				token = /#token=([\w-]+)/.exec(messages[0]?.text ?? '')?.[1];
				return token;
			})
			.toBeTruthy();
		expect(await traccar.signIn('ann@example.com', 'velvet kettle orbit lantern')).toBe(400);
		expect((await request(`${server.url}/api/v1/registrations/confirm`, { token })).status).toBe(200);
		expect(await traccar.signIn('ann@example.com', 'velvet kettle orbit lantern')).toBe(200);
		expect(traccar.violations).toEqual([]);
	});

	test('refuses to start against a Traccar server with no users, saying why', async () => {
		traccar = await startTestTraccar({ clock: systemClock, empty: true, serviceAccountToken: 'service-account-token-0123456789' });
		const child = spawn(process.execPath, [fileURLToPath(new URL('../../main.ts', import.meta.url))], {
			env: { PATH: process.env['PATH'] ?? '', PORT: '0', HOST: '127.0.0.1', ...base, TRACCAR_URL: traccar.url, TRACCAR_TOKEN: 'service-account-token-0123456789' },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
		expect(code, output).toBe(1);
		expect(output).toMatch(/has no users yet: its first registered user becomes its administrator/);
		expect(output).toMatch(/Stopping: the Traccar server cannot be used safely/);
		expect(output).not.toContain('Listening on');
		expect(output).not.toContain('service-account-token-0123456789');
	});

	test('refuses to start without TRACCAR_URL and TRACCAR_TOKEN, naming both', async () => {
		const child = spawn(process.execPath, [fileURLToPath(new URL('../../main.ts', import.meta.url))], {
			env: { PATH: process.env['PATH'] ?? '', PORT: '0', HOST: '127.0.0.1', ...base },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
		expect(code).toBe(1);
		expect(output).toMatch(/TRACCAR_URL must be the http\(s\) address/);
		expect(output).toMatch(/TRACCAR_TOKEN must be set/);
	});
});
