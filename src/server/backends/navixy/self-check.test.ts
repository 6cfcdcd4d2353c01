/**
 * The provider sees its own misconfiguration: the start-up self-check (also `npm run
 * navixy:check`) names each failing check and what to do, `GET /health` says `degraded` with the
 * failing checks by name and never a secret, and a time zone the platform does not list stops the
 * server before it listens.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { afterEach, describe, expect, test } from 'vitest';

import { systemClock } from '../../clock.ts';
import { startTestPlatform, type TestPlatform } from '../../../../test-support/navixy/test-platform.ts';
import { startNavixyTestServer, testCredentials, testUiDomain, type NavixyTestServer, type NavixyTestServerOptions } from '../../../../test-support/navixy/navixy-test-server.ts';

let server: NavixyTestServer | undefined;
let platform: TestPlatform | undefined;
afterEach(async () => {
	await server?.close();
	await platform?.close();
	server = undefined;
	platform = undefined;
});

async function start(options: NavixyTestServerOptions = {}): Promise<NavixyTestServer> {
	server = await startNavixyTestServer(options);
	return server;
}

const secrets = [testCredentials.panelPassword, testCredentials.receiptSecret];

describe('the self-check', () => {
	test('a platform set up right: every check passes, and /health says ok with the checks by name', async () => {
		const { backend, api } = await start();
		const report = await backend.selfCheck();
		expect(report).toMatchObject({ ok: true, fatal: false });
		expect(report.checks.map((check) => `${check.name} ${check.ok}`)).toEqual(['ui_config true', 'panel_sign_in true', 'panel_permissions true', 'time_zone true']);
		expect(report.text).toContain('new users get the time zone Europe/London');
		expect((await api('/health')).body).toEqual({
			status: 'ok',
			checks: [
				{ name: 'ui_config', status: 'ok' },
				{ name: 'panel_sign_in', status: 'ok' },
				{ name: 'panel_permissions', status: 'ok' },
				{ name: 'time_zone', status: 'ok' },
			],
		});
	});

	test.each<[string, NavixyTestServerOptions, string, string]>([
		['an unknown UI domain (12)', { config: { uiDomain: 'track.other.test' } }, 'ui_config', 'the platform knows no dealer for NAVIXY_UI_DOMAIN=track.other.test (code 12)'],
		['a wrong panel password (12)', { config: { panelPassword: 'Wrong-Panel-Secret' } }, 'panel_sign_in', 'panel/account/auth refused NAVIXY_PANEL_LOGIN or NAVIXY_PANEL_PASSWORD (code 12)'],
		['a blocked dealer (11)', { platform: { blocked: true } }, 'panel_sign_in', 'the dealer is blocked (code 11)'],
		['a panel account that may not create users', { platform: { permissions: { users: ['read'] } } }, 'panel_permissions', 'the panel account lacks users: create'],
		['a platform with no permissions object for the category', { platform: { permissions: { base: ['get_dealer_info'], service_settings: ['read'] } } }, 'panel_permissions', 'lacks users: create, users: read'],
		['a platform that is down', { config: { apiUrl: 'http://127.0.0.1:9/v2', timeoutMs: 500 } }, 'ui_config', 'NAVIXY_API_URL=http://127.0.0.1:9/v2 did not answer'],
	])('%s: the check fails with what to do, /health is degraded, nothing secret anywhere', async (_what, options, name, message) => {
		const { backend, api } = await start(options);
		const report = await backend.selfCheck();
		expect(report.ok).toBe(false);
		expect(report.checks.find((check) => check.name === name)).toMatchObject({ ok: false, message: expect.stringContaining(message) });
		expect(report.text).toContain(`FAIL ${name}: `);
		const health = await api('/health');
		expect(health.status).toBe(200);
		expect(health.body).toMatchObject({ status: 'degraded', checks: expect.arrayContaining([{ name, status: 'degraded' }]) });
		for (const secret of [...secrets, 'Wrong-Panel-Secret']) {
			expect(report.text).not.toContain(secret);
			expect(health.text).not.toContain(secret);
		}
		// Only names and states are served: the messages stay in the log.
		expect(health.text).not.toContain('NAVIXY_');
	});

	test('a platform that is down is not fatal: the time zone is checked again at the first registration', async () => {
		const { backend, platform: running } = await start();
		await running.goDown();
		const report = await backend.selfCheck();
		expect(report.fatal).toBe(false);
		expect(report.checks.find((check) => check.name === 'time_zone')?.message).toContain('checked again at the first registration');
		await running.comeBack();
	});
});

const root = fileURLToPath(new URL('../../../..', import.meta.url));

/** Runs a script or the server with `env`; resolves with its exit code and output. */
function run(file: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
	const child = spawn(process.execPath, [file], { cwd: root, env: { PATH: process.env['PATH'] ?? '', PORT: '0', HOST: '127.0.0.1', STATIC_DIR: 'no-such-dir', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

function platformEnv(url: string, extra: Record<string, string> = {}): Record<string, string> {
	return {
		SIGNUP_BACKEND: 'navixy',
		NAVIXY_API_URL: url,
		NAVIXY_UI_DOMAIN: testUiDomain,
		NAVIXY_PANEL_LOGIN: testCredentials.panelLogin,
		NAVIXY_PANEL_PASSWORD: testCredentials.panelPassword,
		NAVIXY_RECEIPT_SECRET: testCredentials.receiptSecret,
		NAVIXY_TIMEOUT_MS: '2000',
		...extra,
	};
}

describe('npm run navixy:check and the server’s start', () => {
	test('navixy:check exits 0 when every check passes, 1 naming the failing check, 2 without a Navixy configuration', async () => {
		platform = await startTestPlatform({ clock: systemClock, uiDomain: testUiDomain, panelLogin: testCredentials.panelLogin, panelPassword: testCredentials.panelPassword });
		const good = await run('scripts/navixy-check.ts', platformEnv(platform.url));
		expect(good.code, good.output).toBe(0);
		expect(good.output).toContain('every check passed');
		const bad = await run('scripts/navixy-check.ts', platformEnv(platform.url, { NAVIXY_PANEL_PASSWORD: 'Wrong-Panel-Secret' }));
		expect(bad.code, bad.output).toBe(1);
		expect(bad.output).toContain('FAIL panel_sign_in: panel/account/auth refused NAVIXY_PANEL_LOGIN or NAVIXY_PANEL_PASSWORD');
		expect(bad.output).not.toContain('Wrong-Panel-Secret');
		expect((await run('scripts/navixy-check.ts', {})).code).toBe(2);
	});

	test('the server prints the report on stderr and does not start with a time zone the platform does not list', async () => {
		platform = await startTestPlatform({ clock: systemClock, uiDomain: testUiDomain, panelLogin: testCredentials.panelLogin, panelPassword: testCredentials.panelPassword });
		const stopped = await run('src/server/main.ts', platformEnv(platform.url, { NAVIXY_TIME_ZONE: 'Europe/Atlantis' }));
		expect(stopped.code).toBe(1);
		expect(stopped.output).toContain('FAIL time_zone: NAVIXY_TIME_ZONE=Europe/Atlantis is not a time zone of the platform');
		expect(stopped.output).toContain('such as Europe/London');
		expect(stopped.output).not.toContain('Listening on');
	});
});
