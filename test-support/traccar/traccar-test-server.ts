/**
 * Test support: the sign-up API with the Traccar backend — the built-in backend's database,
 * development mailbox and manual clock (`startTestServer`) with the Traccar test server holding the
 * accounts, both on loopback and sharing the clock. It is the Traccar {@link SignupServerFactory} of
 * the shared suites, and gives Traccar tests the test server and the backend's log.
 */
import { featuresFor, type TraccarPasswordReset } from '../../src/providers/features.ts';
import type { TraccarConfig } from '../../src/server/backends/traccar/config.ts';
import type { TraccarBackend } from '../../src/server/backends/traccar/traccar-backend.ts';
import type { SentMail, SignupServerFactory, SignupServerOptions, SignupTestServer } from '../server/signup-server.ts';
import { goodPassword, secretsIn, startTestServer, type TestServer, type TestServerOptions } from '../server/test-server.ts';
import { startTestTraccar, type TestTraccar, type TestTraccarOptions } from './test-traccar.ts';

/** What a Traccar test server can be asked to be, beyond the shared options. */
export interface TraccarTestServerOptions extends SignupServerOptions {
	/** The Traccar test server's setup (the clock is shared and set here). */
	traccar?: Partial<Omit<TestTraccarOptions, 'clock'>>;
	/** Who completes resets (default the help center). */
	passwordReset?: TraccarPasswordReset;
	/** Which token the backend gets: the manager's (default), the administrator's, an ordinary user's, or one given. */
	token?: 'manager' | 'admin' | 'user' | { value: string };
	/** The backend's configuration beyond the above (a closed port as `url`, a device limit…). */
	config?: Partial<TraccarConfig>;
	/** The built-in test server's options (a real-time clock for the timing suites, say). */
	server?: TestServerOptions;
	/** Whether `close()` may pass although the reference refused requests (only tests that send such on purpose). */
	allowReferenceViolations?: boolean;
}

/** A running Traccar test server. */
export interface TraccarTestServer extends SignupTestServer {
	traccar: TestTraccar;
	backend: TraccarBackend;
	server: TestServer;
	logs: string[];
}

/** Starts the sign-up API on the Traccar backend in front of a Traccar test server. */
export async function startTraccarTestServer(options: TraccarTestServerOptions = {}): Promise<TraccarTestServer> {
	const logs: string[] = [];
	// The Traccar server starts first so that it shares the API's clock: the API's is made by
	// startTestServer, so this one reads it through a forwarder set right after.
	let now = () => Date.UTC(2026, 0, 15, 9, 0, 0);
	const traccar = await startTestTraccar({ ...options.traccar, clock: { now: () => now() } });
	const token = options.token ?? 'manager';
	const value = typeof token === 'object' ? token.value : token === 'admin' ? traccar.adminToken : token === 'user' ? traccar.userToken : traccar.managerToken;
	const passwordReset = options.passwordReset ?? 'help-center';
	const traccarConfig: TraccarConfig = { url: traccar.url, token: value, passwordReset, deviceLimit: null, timeoutMs: 2000, ...options.config };
	const server = await startTestServer({
		...options.server,
		provider: { backend: 'traccar', passwordReset: passwordReset === 'traccar' ? 'platform' : 'help-center', features: featuresFor('traccar', passwordReset === 'traccar' ? 'platform' : 'help-center'), selfRegistration: options.selfRegistration ?? true, ...options.server?.provider },
		...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
		...(options.app ? { app: options.app } : {}),
		config: { backend: 'traccar', traccar: traccarConfig, ...options.server?.config },
		log: (line) => logs.push(line),
	});
	now = () => server.clock.now();

	return {
		url: server.url,
		api: server.api,
		clock: server.clock,
		goodPassword,
		otherPassword: 'another long enough passphrase',
		traccar,
		backend: server.backend as TraccarBackend,
		server,
		logs,
		async mailTo(email) {
			await server.deliverMail();
			const rows = await server.db.all<{ kind: SentMail['kind']; text: string }>(
				'SELECT o.kind, m.text FROM dev_mailbox m JOIN outbox o ON o.id = m.outbox_id WHERE m.recipient = ? ORDER BY m.id',
				email,
			);
			return rows.map((row) => ({ kind: row.kind, ...secretsIn(row) }));
		},
		async accounts() {
			return (await server.db.all<{ email: string }>('SELECT email FROM accounts ORDER BY id')).map((row) => row.email);
		},
		async passwordMatches(email, password) {
			// The account's password is Traccar's: the help center keeps none.
			return traccar.userByEmail(email)?.password === password;
		},
		async close() {
			await server.close();
			await traccar.close();
			if (options.allowReferenceViolations !== true && traccar.violations.length > 0) {
				const list = traccar.violations.map((violation) => `${violation.method} ${violation.path}: ${violation.errors.join('; ')}`).join('\n  ');
				throw new Error(`The Traccar reference refused ${traccar.violations.length} request(s):\n  ${list}`);
			}
		},
	};
}

/** The Traccar backend, for the shared suites. */
export const traccarSignupServer: SignupServerFactory = {
	name: 'traccar',
	traits: {
		existsNotice: true,
		linkReplacement: true,
		linkExpiry: true,
		pendingPasswordKept: {
			lacking: 'only the newest attempt’s password is on Traccar (the user stays disabled until an attempt is confirmed), so a later attempt replaces it',
		},
	},
	start: (options = {}) => startTraccarTestServer(options),
};
