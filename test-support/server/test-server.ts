/**
 * Test support (not a test): the real app on a loopback port with a real in-memory SQLite database,
 * a manual clock, a cheap scrypt cost, and either the development mailbox or a real SMTP server.
 * Nothing of our own is mocked.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { serve } from '@hono/node-server';

import { resolveProvider } from '../../src/providers/resolve.ts';
import { ProviderProfileSchema } from '../../src/providers/schema.ts';
import type { AppDeps } from '../../src/server/app.ts';
import { openSqliteStore } from '../../src/server/backends/local/database.ts';
import type { SignupBackend } from '../../src/server/backends/types.ts';
import { manualClock, type ManualClock } from '../../src/server/clock.ts';
import { loadConfig, type ServerConfig } from '../../src/server/env.ts';
import type { LimitStore } from '../../src/server/http/limit-store.ts';
import type { RateLimits } from '../../src/server/http/rate-limits.ts';
import { capConnections, serverOptions, type ServerLimits } from '../../src/server/http/server-limits.ts';
import { defaultRetryPolicy, type MailWorker, type RetryPolicy } from '../../src/server/mail/worker.ts';
import { scryptHasher, type HasherOptions } from '../../src/server/passwords/password-hash.ts';
import type { MailboxMessage } from '../../src/server/routes/mailbox.ts';
import { createRuntime, type Runtime } from '../../src/server/runtime.ts';
import type { ProviderSettings, SignupRules } from '../../src/server/settings.ts';
import type { Store } from '../../src/server/store/store.ts';

/** The profile of the provider the tests run as: every language, English at the root, the built-in backend. */
export const testProfile = ProviderProfileSchema.parse({
	id: 'acme',
	name: 'Acme Tracking',
	colors: { light: '#0b6e4f', dark: '#5fd3a8' },
	loginUrl: 'https://login.acme.test/',
	support: { email: 'help@acme.test', phone: '+1 555 0100' },
	senderAddress: 'no-reply@acme.test',
	siteUrl: 'https://help.acme.test/',
});

/** The provider the tests run as, resolved as the server resolves its own. */
export const testProvider: ProviderSettings = resolveProvider(testProfile);

/** A password every default policy accepts. */
export const goodPassword = 'velvet kettle orbit lantern';

/** Limits high enough never to get in a test's way. */
export const noRateLimits: RateLimits = {
	register: { points: 1e9, seconds: 1 },
	email: { points: 1e9, seconds: 1 },
	confirm: { points: 1e9, seconds: 1 },
	status: { points: 1e9, seconds: 1 },
	changeAddress: { points: 1e9, seconds: 1 },
};

/** How to build a test server; everything is optional. */
export interface TestServerOptions {
	provider?: Partial<ProviderSettings>;
	/** The provider's timings and limits (they live on the provider). */
	rules?: Partial<SignupRules>;
	rateLimits?: Partial<RateLimits>;
	/** Send through this SMTP server instead of the development mailbox. */
	smtpUrl?: string;
	retry?: Partial<RetryPolicy>;
	/** Let the clock run in real time (still advanceable); the default clock stands still. */
	realTime?: boolean;
	/** Run the mail worker's loop (default false: tests call `deliverMail()`). */
	startWorker?: boolean;
	pollIntervalMs?: number;
	/** The password hasher's options; the default is a cheap cost (N=2^10). */
	hashing?: HasherOptions;
	app?: Partial<AppDeps>;
	/** The HTTP server's own limits (request timeouts, connection cap); default the production ones. */
	serverLimits?: ServerLimits;
	/** The database to run on (a PostgreSQL store, say), made fresh for this server; default SQLite. */
	store?: () => Promise<Store>;
	/** Keep the database in files in this folder instead of in memory. */
	dataDir?: string;
	/** Configuration to change beyond the above (the development mailbox's access, say). */
	config?: Partial<ServerConfig>;
	/** Where the backend and the worker report; default nowhere. */
	log?: (line: string) => void;
	limitStore?: LimitStore;
}

/** A running test server. */
export interface TestServer {
	url: string;
	clock: ManualClock;
	db: Store;
	backend: SignupBackend;
	worker: MailWorker;
	/** A JSON request to the API (path relative to `/api/v1`). */
	api(path: string, body?: unknown, init?: RequestInit): Promise<TestResponse>;
	/** Runs the mail worker until nothing is due; resolves with the number of messages handled. */
	deliverMail(): Promise<number>;
	/** The development mailbox, oldest first. */
	mailbox(): Promise<MailboxMessage[]>;
	/** The check the server process runs at start (`runtime.selfCheck`), with what it calls. */
	selfCheck: Runtime['selfCheck'];
	close(): Promise<void>;
}

/** A parsed answer. */
export interface TestResponse {
	status: number;
	headers: Headers;
	/** The parsed JSON body, or the text when it is not JSON. */
	body: any;
	/** The raw body. */
	text: string;
}

/** Starts a test server on `127.0.0.1`, port 0. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
	const clock = options.realTime ? runningClock() : manualClock(Date.UTC(2026, 0, 15, 9, 0, 0));
	const db = options.store ? await options.store() : openSqliteStore(options.dataDir ?? ':memory:');
	const provider = { ...testProvider, ...options.provider, ...options.rules };
	const base = loadConfig({ DEV_MAILBOX: 'true' });
	const config: ServerConfig = {
		...base,
		smtpUrl: options.smtpUrl ?? null,
		rateLimits: { ...noRateLimits, ...options.rateLimits },
		mail: { ...base.mail, pollIntervalMs: options.pollIntervalMs ?? 20 },
		...options.config,
	};
	const runtime = await createRuntime({
		config,
		provider,
		clock,
		database: db,
		hasher: scryptHasher({ params: { logN: 10, r: 8, p: 1 }, ...options.hashing }),
		retry: { ...defaultRetryPolicy, ...options.retry },
		log: options.log ?? (() => {}),
		...(options.limitStore ? { limitStore: options.limitStore } : {}),
		...(options.app ? { app: options.app } : {}),
	});
	const { app, backend } = runtime;
	const worker = runtime.worker as MailWorker;
	const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1', serverOptions: serverOptions(options.serverLimits) }) as Server;
	capConnections(server, options.serverLimits);
	await new Promise<void>((resolve) => server.once('listening', () => resolve()));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	if (options.startWorker) worker.start();

	return {
		url,
		clock,
		db,
		backend,
		worker,
		api: (path, body, init) => request(`${url}/api/v1${path}`, body, init),
		async deliverMail() {
			let total = 0;
			for (let handled = await worker.runOnce(); handled > 0; handled = await worker.runOnce()) total += handled;
			return total;
		},
		async mailbox() {
			return (await request(`${url}/_mailbox/messages.json`)).body as MailboxMessage[];
		},
		selfCheck: () => runtime.selfCheck(),
		async close() {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			await runtime.stop();
		},
	};
}

/** A clock that follows real time from an adjustable offset. */
function runningClock(): ManualClock {
	let offset = 0;
	return {
		now: () => Date.now() + offset,
		advance: (milliseconds) => {
			offset += milliseconds;
		},
		set: (milliseconds) => {
			offset = milliseconds - Date.now();
		},
	};
}

/** Sends a request; a `body` that is not a string is sent as JSON. */
export async function request(url: string, body?: unknown, init: RequestInit = {}): Promise<TestResponse> {
	const headers = new Headers(init.headers);
	let payload: string | undefined;
	if (body !== undefined) {
		payload = typeof body === 'string' ? body : JSON.stringify(body);
		if (!headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
	}
	const response = await fetch(url, { method: body === undefined ? 'GET' : 'POST', ...init, headers, body: payload ?? init.body ?? null });
	const text = await response.text();
	let parsed: unknown = text;
	try {
		parsed = JSON.parse(text);
	} catch {
		// Not JSON: keep the text.
	}
	return { status: response.status, headers: response.headers, body: parsed, text };
}

/** The token and code in a confirmation or reset email. */
export function secretsIn(mail: { text: string }): { token: string | undefined; code: string | undefined } {
	return {
		token: /#token=([\w-]+)/.exec(mail.text)?.[1],
		code: /^(\d{6})$/m.exec(mail.text)?.[1],
	};
}
