/**
 * The composition root: builds the backend the configuration names — the built-in one (database,
 * outbox and mail worker, housekeeping) or a provider's Navixy platform — and the app in front of
 * it. `main.ts` serves what this returns; the tests and the end-to-end harness build the very same
 * wiring, changing only what a test must control (the clock, the hasher's cost, where mail goes).
 */
import type { DatabaseSync } from 'node:sqlite';

import type { Hono } from 'hono';

import { createApp, type AppDeps } from './app.ts';
import { openDatabase } from './backends/local/database.ts';
import { purgeExpired } from './backends/local/housekeeping.ts';
import { localBackend } from './backends/local/local-backend.ts';
import type { NavixyConfig } from './backends/navixy/config.ts';
import { navixyBackend } from './backends/navixy/navixy-backend.ts';
import type { SignupBackend } from './backends/types.ts';
import { systemClock, type Clock } from './clock.ts';
import type { ServerConfig } from './env.ts';
import { renderMail } from './mail/render.ts';
import { devMailboxTransport, smtpTransport, type MailTransport } from './mail/transports.ts';
import { createMailWorker, defaultRetryPolicy, type MailWorker, type RetryPolicy } from './mail/worker.ts';
import { owaspScryptParams, scryptHasher, type PasswordHasher } from './passwords/password-hash.ts';
import type { ResolvedProvider } from '../providers/resolve.ts';
import { signupRules } from './settings.ts';

/** What the runtime is built from: the validated configuration and the resolved provider; the rest has production defaults. */
export interface RuntimeOptions {
	config: ServerConfig;
	/** The one resolved provider (`resolveProvider`): brand, layout, rules, features. */
	provider: ResolvedProvider;
	clock?: Clock;
	/** The built-in backend's database; default the file in `config.dataDir` (`:memory:` works too). */
	database?: DatabaseSync;
	/** Default scrypt at OWASP's cost with `config.hashing`'s `logN` and concurrency. */
	hasher?: PasswordHasher;
	/** Where the mail worker sends; default SMTP when `config.smtpUrl` is set, else the development mailbox. */
	transport?: MailTransport;
	/** The worker's retries; default {@link defaultRetryPolicy} with `config.mail.retryBaseMs`. */
	retry?: Partial<RetryPolicy>;
	/** Where the backend and the worker report; default the console. */
	log?: (line: string) => void;
	/** Anything of the app's own dependencies to change (a test's error log, say). */
	app?: Partial<AppDeps>;
}

/** The app, its backend and what runs beside them. */
export interface Runtime {
	app: Hono;
	backend: SignupBackend;
	/** The built-in backend's database and mail worker; `null` with the Navixy backend. */
	db: DatabaseSync | null;
	worker: MailWorker | null;
	/** Where mail goes, for the start-up message (`origin`: where the server listens). */
	mailNote(origin: string): string;
	/** Starts the background work: mail delivery, hourly housekeeping. */
	start(): void;
	/** Stops it and closes what it holds; safe to call after a test closed the database itself. */
	stop(): Promise<void>;
}

/** Builds the runtime that `options.config` describes. */
export function createRuntime(options: RuntimeOptions): Runtime {
	const { config } = options;
	const parts = config.navixy ? navixyParts(options, config.navixy) : localParts(options);
	const app = createApp({
		backend: parts.backend,
		rateLimits: config.rateLimits,
		trustProxy: config.trustProxy,
		corsOrigins: config.corsOrigins,
		devMailbox: parts.devMailbox,
		staticRoot: null,
		...options.app,
	});
	return { app, ...parts };
}

type Parts = Omit<Runtime, 'app'> & { devMailbox: DatabaseSync | null };

/** The built-in backend: SQLite, the outbox and its worker, hourly housekeeping. */
function localParts({ config, provider, clock = systemClock, database, hasher, transport: givenTransport, retry, log }: RuntimeOptions): Parts {
	const db = database ?? openDatabase(config.dataDir);
	const transport = givenTransport ?? (config.smtpUrl ? smtpTransport(config.smtpUrl) : devMailboxTransport(db, clock));
	const usesDevMailbox = !givenTransport && !config.smtpUrl;
	const worker = createMailWorker({
		db,
		transport,
		clock,
		render: (message) => renderMail(message, provider),
		retry: { ...defaultRetryPolicy, baseDelayMs: config.mail.retryBaseMs, ...retry },
		pollIntervalMs: config.mail.pollIntervalMs,
		leaseMs: config.mail.leaseMs,
		...(log ? { log } : {}),
	});
	const backend = localBackend({
		db,
		provider,
		rules: signupRules(provider),
		clock,
		hasher: hasher ?? scryptHasher({ params: { ...owaspScryptParams, logN: config.hashing.logN }, concurrency: config.hashing.concurrency }),
		onMailQueued: () => worker.notify(),
	});
	let housekeeping: NodeJS.Timeout | undefined;
	return {
		backend,
		db,
		worker,
		devMailbox: usesDevMailbox ? db : null,
		mailNote: (origin) =>
			usesDevMailbox ? `No SMTP_URL: emails land in the development mailbox at ${origin}/_mailbox/` : `Mail goes out through ${transport.name}.`,
		start() {
			purgeExpired(db, clock.now());
			housekeeping = setInterval(() => purgeExpired(db, clock.now()), 3600_000);
			housekeeping.unref();
			worker.start();
		},
		async stop() {
			clearInterval(housekeeping);
			await worker.stop();
			transport.close();
			// A test may have closed the database on purpose (to make the backend fail).
			if (db.isOpen) db.close();
		},
	};
}

/** A provider's Navixy platform: no database, no mail of our own (the platform sends it). */
function navixyParts({ provider, clock = systemClock, log }: RuntimeOptions, navixy: NavixyConfig): Parts {
	return {
		backend: navixyBackend({ config: navixy, provider, rules: signupRules(provider), clock, ...(log ? { log } : {}) }),
		db: null,
		worker: null,
		devMailbox: null,
		mailNote: () => `Accounts live on the Navixy platform at ${navixy.apiUrl} (${navixy.uiDomain}); it sends the email.`,
		start() {},
		async stop() {},
	};
}
