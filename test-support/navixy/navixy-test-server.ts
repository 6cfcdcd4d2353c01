/**
 * Test support: the sign-up API with the Navixy backend, in front of the Navixy-compatible test
 * platform, both on loopback and sharing one manual clock. It is the Navixy
 * {@link SignupServerFactory} of the shared suites, and gives Navixy tests the platform, the
 * backend's log and a short platform timeout.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { serve } from '@hono/node-server';
import { afterEach } from 'vitest';

import { manualClock } from '../../src/server/clock.ts';
import { loadConfig } from '../../src/server/env.ts';
import { createRuntime } from '../../src/server/runtime.ts';
import type { ProviderSettings } from '../../src/server/settings.ts';
import type { SignupServerFactory, SignupServerOptions, SignupTestServer } from '../server/signup-server.ts';
import { noRateLimits, request, testProvider } from '../server/test-server.ts';
import type { NavixyBackend } from '../../src/server/backends/navixy/navixy-backend.ts';
import { navixyLoginPage, type NavixyConfig } from '../../src/server/backends/navixy/config.ts';
import { startTestPlatform, type TestPlatform, type TestPlatformOptions } from './test-platform.ts';

/** The provider's panel credentials and receipt secret in tests: no answer may ever contain them. */
export const testCredentials = {
	panelLogin: 'acme-panel-admin',
	panelPassword: 'Panel-Secret-7f3a9c',
	receiptSecret: 'test-receipt-secret-0123456789abcdef-XYZ',
};

/** The provider's UI domain in tests. */
export const testUiDomain = 'track.acme.test';

/** What a Navixy test server can be asked to be, beyond the shared options. */
export interface NavixyTestServerOptions extends SignupServerOptions {
	/**
	 * The test platform's setup (the clock is shared and set here). Its rate limits are off unless
	 * given: tests make calls in quick bursts, and only the tests of the limit should meet it.
	 */
	platform?: Partial<Omit<TestPlatformOptions, 'clock'>>;
	/** The backend's configuration; `apiUrl` may point somewhere else (a closed port). */
	config?: Partial<NavixyConfig>;
	provider?: Partial<ProviderSettings>;
	/**
	 * Whether `close()` may pass although the platform's reference refused calls. Only a test that
	 * makes the backend send a refused call on purpose (a wrong time zone) sets it, and checks
	 * `platform.violations` itself.
	 */
	allowReferenceViolations?: boolean;
}

/** A running Navixy test server. */
export interface NavixyTestServer extends SignupTestServer {
	platform: TestPlatform;
	backend: NavixyBackend;
	config: NavixyConfig;
	/** What the backend logged, oldest first. */
	logs: string[];
}

/** A password the documented platform policy accepts (12–20, upper, lower, digit, one of `!@#$%^&*`). */
export const navixyGoodPassword = 'Velvet#Kettle42';

/** Starts the platform and the API in front of it. */
export async function startNavixyTestServer(options: NavixyTestServerOptions = {}): Promise<NavixyTestServer> {
	const clock = manualClock(Date.UTC(2026, 0, 15, 9, 0, 0));
	const platform = await startTestPlatform({
		clock,
		uiDomain: testUiDomain,
		panelLogin: testCredentials.panelLogin,
		panelPassword: testCredentials.panelPassword,
		rateLimits: null,
		...options.platform,
	});
	if (options.selfRegistration === false) platform.updateSettings({ allow_registration: false });
	const config: NavixyConfig = {
		apiUrl: platform.url,
		uiDomain: testUiDomain,
		panelLogin: testCredentials.panelLogin,
		panelPassword: testCredentials.panelPassword,
		receiptSecret: testCredentials.receiptSecret,
		// Generous, so that a busy test machine does not turn loopback calls into timeouts; the tests
		// of a slow platform set a short one.
		timeoutMs: 3000,
		settingsTtlSeconds: 60,
		sendActivation: true,
		// The dealer's default_user_time_zone (Europe/London on the test platform), as in production without NAVIXY_TIME_ZONE.
		timeZone: null,
		nameFallback: '-',
		passwordReset: false,
		loginUrl: navixyLoginPage(testUiDomain, 'user'),
		...options.config,
	};
	const logs: string[] = [];
	const runtime = await createRuntime({
		config: { ...loadConfig({}), navixy: config, backend: 'navixy', rateLimits: { ...noRateLimits, ...options.rateLimits } },
		provider: { ...testProvider, ...options.provider },
		clock,
		log: (line) => logs.push(line),
		app: { logError: (error) => logs.push(`internal: ${String(error)}`), ...options.app },
	});
	const { app } = runtime;
	const backend = runtime.backend as NavixyBackend;
	const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
	await new Promise<void>((resolve) => server.once('listening', () => resolve()));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	return {
		url,
		clock,
		platform,
		backend,
		config,
		logs,
		api: (path, body, init) => request(`${url}/api/v1${path}`, body, init),
		goodPassword: navixyGoodPassword,
		otherPassword: 'Orbit&Lantern7x',
		async mailTo(email) {
			return platform.emails(email).map((mail) => ({ kind: 'confirm' as const, token: mail.hash, code: undefined }));
		},
		async accounts() {
			return platform.users().map((user) => user.login);
		},
		async passwordMatches(email, password) {
			return platform.users().some((user) => user.login === email && user.password === password);
		},
		async close() {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			await platform.close();
			// A test fails if the backend ever sent a call the platform's reference refuses.
			if (options.allowReferenceViolations !== true && platform.violations.length > 0) {
				const list = platform.violations.map((violation) => `${violation.action} (${violation.kind}): ${violation.errors.join('; ')}`).join('\n  ');
				throw new Error(`The platform's reference refused ${platform.violations.length} call(s):\n  ${list}`);
			}
		},
	};
}

/** The Navixy backend, for the shared suites. */
export const navixySignupServer: SignupServerFactory = {
	name: 'navixy',
	traits: {
		existsNotice: { lacking: 'the platform sends no “account exists” email (resend_activation answers 265 for an active account)' },
		linkReplacement: { lacking: 'the platform does not document whether a new activation link kills the older one' },
		linkExpiry: { lacking: 'the platform documents no expiry answer for user/activate (only 4, wrong kind of hash)' },
		pendingPasswordKept: true,
	},
	// Without the platform's rate limit (the default of the test server): the shared suites drive
	// hundreds of requests a second through one provider, which the real platform would throttle
	// (10 panel calls/s); the Navixy tests check the limit itself.
	start: (options = {}) => startNavixyTestServer(options),
};

/** A Navixy test server per test: {@link NavixyServerPerTest.start} starts it, the test's end closes it. */
export interface NavixyServerPerTest {
	start(options?: NavixyTestServerOptions): Promise<NavixyTestServer>;
	/** The server the running test started (an error before `start`). */
	readonly server: NavixyTestServer;
}

/** Registers the `afterEach` that closes the server each test starts; call at a test file's top level. */
export function navixyServerPerTest(): NavixyServerPerTest {
	let current: NavixyTestServer | undefined;
	afterEach(async () => {
		await current?.close();
		current = undefined;
	});
	return {
		async start(options = {}) {
			current = await startNavixyTestServer(options);
			return current;
		},
		get server() {
			if (!current) throw new Error('No Navixy test server: call start() in the test first.');
			return current;
		},
	};
}
