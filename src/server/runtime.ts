/**
 * The composition root: builds the backend the configuration names — the built-in one (database,
 * outbox and mail worker, housekeeping) or a provider's Navixy platform — and the app in front of
 * it. `main.ts` serves what this returns; the tests and the end-to-end harness build the very same
 * wiring, changing only what a test must control (the clock, the hasher's cost, where mail goes).
 */
import type { DatabaseSync } from 'node:sqlite';

import type { Hono } from 'hono';

import { createApp, type AppDeps } from './app.ts';
import { claimDataDir } from './backends/local/data-folder.ts';
import { openDatabase } from './backends/local/database.ts';
import { purgeExpired } from './backends/local/housekeeping.ts';
import { localBackend } from './backends/local/local-backend.ts';
import type { NavixyConfig } from './backends/navixy/config.ts';
import { navixyBackend } from './backends/navixy/navixy-backend.ts';
import type { SelfCheckReport } from './backends/navixy/self-check.ts';
import type { SignupBackend } from './backends/types.ts';
import { systemClock, type Clock } from './clock.ts';
import { ConfigError, type ServerConfig } from './env.ts';
import type { MailMessage } from './mail/messages.ts';
import type { QueuedMail } from './mail/outbox.ts';
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
	/**
	 * The Navixy platform's start-up self-check (`null` with the built-in backend): `main.ts` prints
	 * the report and stops on a fatal mistake before listening.
	 */
	selfCheck(): Promise<SelfCheckReport | null>;
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
		devMailboxOpen: config.devMailbox.open,
		staticRoot: null,
		...options.app,
	});
	return { app, ...parts };
}

type Parts = Omit<Runtime, 'app'> & { devMailbox: DatabaseSync | null };

/** The built-in backend: SQLite, the outbox and its worker, hourly housekeeping. */
function localParts({ config, provider, clock = systemClock, database, hasher, transport: givenTransport, retry, log }: RuntimeOptions): Parts {
	if (!givenTransport && !config.smtpUrl && !config.devMailbox.enabled) {
		throw new ConfigError(
			'Invalid configuration:\n  SMTP_URL is not set, so no email can be sent. Set SMTP_URL (smtp://user:pass@host:587), ' +
				'or DEV_MAILBOX=true to read the emails at /_mailbox/ on this machine (development only; npm start does this).',
		);
	}
	if (!database) claimDataDir(config.dataDir, config.providerId);
	const db = database ?? openDatabase(config.dataDir);
	const transport = givenTransport ?? (config.smtpUrl ? smtpTransport(config.smtpUrl) : devMailboxTransport(db, clock));
	const usesDevMailbox = !givenTransport && !config.smtpUrl;
	// The worker asks the backend what to send for a row (links and codes are minted then).
	let mailFor: (mail: QueuedMail) => MailMessage | null = () => null;
	const worker = createMailWorker({
		db,
		transport,
		clock,
		render: (message) => renderMail(message, provider),
		prepare: (mail) => mailFor(mail),
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
	mailFor = backend.mailFor;
	let housekeeping: NodeJS.Timeout | undefined;
	return {
		backend,
		db,
		worker,
		devMailbox: usesDevMailbox ? db : null,
		selfCheck: async () => null,
		mailNote: (origin) =>
			usesDevMailbox
				? `DEV_MAILBOX=true: emails are not sent; they land in the development mailbox at ${origin}/_mailbox/, ` +
					(config.devMailbox.open ? 'open to every client (DEV_MAILBOX_OPEN=true).' : 'which answers clients on this machine only.')
				: `Mail goes out through ${transport.name}.`,
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
	const backend = navixyBackend({ config: navixy, provider, rules: signupRules(provider), clock, ...(log ? { log } : {}) });
	return {
		backend,
		selfCheck: () => backend.selfCheck(),
		db: null,
		worker: null,
		devMailbox: null,
		mailNote: () => `Accounts live on the Navixy platform at ${navixy.apiUrl} (${navixy.uiDomain}); it sends the email.`,
		start() {},
		async stop() {},
	};
}
