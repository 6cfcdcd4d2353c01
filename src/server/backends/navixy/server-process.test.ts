/**
 * `SIGNUP_BACKEND=navixy` end to end: the real server process (`main.ts`), configured only through
 * the environment, in front of the test platform.
 */
import { afterEach, expect, test } from 'vitest';

import { systemClock } from '../../clock.ts';
import { startServerProcess, type ServerProcess } from '../../../../test-support/server/server-process.ts';
import { request } from '../../../../test-support/server/test-server.ts';
import { startTestPlatform, type TestPlatform } from '../../../../test-support/navixy/test-platform.ts';
import { navixyGoodPassword, testCredentials, testUiDomain } from '../../../../test-support/navixy/navixy-test-server.ts';

let platform: TestPlatform | undefined;
let server: ServerProcess | undefined;
afterEach(async () => {
	server?.child.kill('SIGTERM');
	await server?.exited;
	await platform?.close();
});

test('the server runs on a Navixy platform from its environment alone, and stops cleanly', async () => {
	platform = await startTestPlatform({ clock: systemClock, uiDomain: testUiDomain, panelLogin: testCredentials.panelLogin, panelPassword: testCredentials.panelPassword });
	server = await startServerProcess({
		SIGNUP_BACKEND: 'navixy',
		NAVIXY_API_URL: platform.url,
		NAVIXY_UI_DOMAIN: testUiDomain,
		NAVIXY_PANEL_LOGIN: testCredentials.panelLogin,
		NAVIXY_PANEL_PASSWORD: testCredentials.panelPassword,
		NAVIXY_RECEIPT_SECRET: testCredentials.receiptSecret,
		NAVIXY_TIMEOUT_MS: '2000',
		STATIC_DIR: 'no-such-dir',
		NODE_ENV: 'production',
	});
	const started = server;
	await expect.poll(() => started.output()).toContain(`Accounts live on the Navixy platform at ${platform.url} (${testUiDomain})`);
	const settings = await request(`${server.url}/api/v1/settings`);
	expect(settings.body).toMatchObject({ providerName: 'Acme Tracking', features: { passwordReset: false } });
	const registered = await request(`${server.url}/api/v1/registrations`, { email: 'ann@example.com', password: navixyGoodPassword, locale: 'fr' });
	expect(registered.status).toBe(202);
	expect(platform.users()).toMatchObject([{ login: 'ann@example.com', locale: 'fr_FR' }]);
	expect(platform.emails('ann@example.com')).toHaveLength(1);
	// No development mailbox: the platform sends the mail.
	expect((await request(`${server.url}/_mailbox/messages.json`)).status).toBe(404);
	server.child.kill('SIGTERM');
	await server.exited;
	expect(server.child.exitCode).toBe(0);
});
