/**
 * The composition root: builds the backend the configuration names — the built-in one (database,
 * outbox and mail worker, housekeeping), the same with a provider's Traccar server holding the
 * accounts, or a provider's Navixy platform — and the app in front of it. `main.ts` serves what this returns; the tests and the end-to-end harness build the very same
 * wiring, changing only what a test must control (the clock, the hasher's cost, where mail goes).
 */
import type { Hono } from 'hono';

import { createApp, type AppDeps } from './app.ts';
import { claimDataDir } from './backends/local/data-folder.ts';
import { openSqliteStore } from './backends/local/database.ts';
import { openPostgresStore } from './store/postgres-store.ts';
import { claimDatabase } from './store/provider-claim.ts';
import { purgeExpired } from './backends/local/housekeeping.ts';
import { localBackend } from './backends/local/local-backend.ts';
import type { NavixyConfig } from './backends/navixy/config.ts';
import { navixyBackend } from './backends/navixy/navixy-backend.ts';
import { accountEvents, disableAccountEvents, enableAccountEvents } from './backends/platform/account-events.ts';
import { contractPlatform } from './backends/platform/contract-platform.ts';
import type { TraccarConfig } from './backends/traccar/config.ts';
import { traccarBackend } from './backends/traccar/traccar-backend.ts';
import type { SignupBackend } from './backends/types.ts';
import { systemClock, type Clock } from './clock.ts';
import { ConfigError, type ServerConfig } from './env.ts';
import { memoryLimitStore, type LimitStore } from './http/limit-store.ts';
import { postgresLimitStore } from './http/postgres-limit-store.ts';
import type { QueuedMail } from './mail/outbox.ts';
import { startBounceListener, type BounceListener } from './mail/bounce-listener.ts';
import { renderMail } from './mail/render.ts';
import { devMailboxTransport, smtpTransport, type MailTransport } from './mail/transports.ts';
import { verpAddress, verpKey } from './mail/verp.ts';
import { postmarkRefHeaders, type MessageKey } from './mail/webhooks/message-ref.ts';
import { webhookRoutes } from './mail/webhooks/routes.ts';
import { createMailWorker, defaultRetryPolicy, type MailWorker, type PreparedMail, type RetryPolicy } from './mail/worker.ts';
import { owaspScryptParams, scryptHasher, type PasswordHasher } from './passwords/password-hash.ts';
import type { ResolvedProvider } from '../providers/resolve.ts';
import type { Store } from './store/store.ts';
import { signupRules } from './settings.ts';

/** What the runtime is built from: the validated configuration and the resolved provider; the rest has production defaults. */
export interface RuntimeOptions {
	config: ServerConfig;
	/** The one resolved provider (`resolveProvider`): brand, layout, rules, features. */
	provider: ResolvedProvider;
	clock?: Clock;
	/** The built-in backend's database; default PostgreSQL at `config.databaseUrl` when set, else the file in `config.dataDir` (`:memory:` works too). */
	database?: Store;
	/** Default scrypt at OWASP's cost with `config.hashing`'s `logN` and concurrency. */
	hasher?: PasswordHasher;
	/** Where the mail worker sends; default SMTP when `config.smtpUrl` is set, else the development mailbox. */
	transport?: MailTransport;
	/** The worker's retries; default {@link defaultRetryPolicy} with `config.mail.retryBaseMs`. */
	retry?: Partial<RetryPolicy>;
	/** Where the backend and the worker report; default the console. */
	log?: (line: string) => void;
	/** Where the per-IP limits are counted; default PostgreSQL at `config.limitsUrl` (else `config.databaseUrl`) when set, else memory. */
	limitStore?: LimitStore;
	/** Anything of the app's own dependencies to change (a test's error log, say). */
	app?: Partial<AppDeps>;
}

/** The app, its backend and what runs beside them. */
export interface Runtime {
	app: Hono;
	backend: SignupBackend;
	/** The built-in backend's database and mail worker (Traccar's too); `null` with the Navixy backend. */
	db: Store | null;
	worker: MailWorker | null;
	/** Where the per-IP limits are counted: this process's memory, or a store the replicas share. */
	limits: LimitStore;
	/** Where mail goes, for the start-up message (`origin`: where the server listens). */
	mailNote(origin: string): string;
	/** Starts the background work: mail delivery, hourly housekeeping. */
	start(): void;
	/**
	 * The platform's start-up check (`null` with the built-in backend alone): `main.ts` prints the
	 * report and, when it is `fatal`, prints `stop` and stops before listening.
	 */
	selfCheck(): Promise<StartupReport | null>;
	/** Stops it and closes what it holds; safe to call after a test closed the database itself. */
	stop(): Promise<void>;
}

/** A platform's start-up report, for `main.ts`. */
export interface StartupReport {
	text: string;
	fatal: boolean;
	/** The line that says why the server stops, when `fatal`. */
	stop: string;
}

/** Builds the runtime that `options.config` describes. */
export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
	const { config } = options;
	if (config.backend === 'traccar' && !config.traccar) throw new ConfigError('Invalid configuration:\n  TRACCAR_URL and TRACCAR_TOKEN must be set for the traccar backend');
	if (config.backend === 'platform' && !config.platform) throw new ConfigError('Invalid configuration:\n  PLATFORM_URL and PLATFORM_SECRET must be set for the platform backend');
	const parts = config.navixy ? navixyParts(options, config.navixy) : await localParts(options, config.backend === 'traccar' ? config.traccar : null);
	// Both backends' limits are shared the same way: the store is the app's, not the backend's.
	// With the store on PostgreSQL the limits go there too, unless LIMITS_URL names another database.
	const limitsUrl = config.limitsUrl ?? config.databaseUrl;
	const limits = options.limitStore ?? (limitsUrl ? postgresLimitStore(limitsUrl, options.log ? { log: options.log } : {}) : memoryLimitStore());
	const app = createApp({
		backend: parts.backend,
		rateLimits: config.rateLimits,
		limitStore: limits,
		trustProxy: config.trustProxy,
		corsOrigins: config.corsOrigins,
		devMailbox: parts.devMailbox,
		webhooks: parts.webhooks,
		devMailboxOpen: config.devMailbox.open,
		staticRoot: null,
		...options.app,
	});
	return {
		app,
		...parts,
		limits,
		async stop() {
			await parts.stop();
			await limits.close();
		},
	};
}

type Parts = Omit<Runtime, 'app' | 'limits'> & { devMailbox: Store | null; webhooks: Hono | null };

/**
 * The built-in backend: SQLite, the outbox and its worker, hourly housekeeping — with `traccar`, a
 * provider's Traccar server holding the accounts (`backends/traccar/`).
 */
async function localParts({ config, provider, clock = systemClock, database, hasher, transport: givenTransport, retry, log }: RuntimeOptions, traccar: TraccarConfig | null): Promise<Parts> {
	if (!givenTransport && !config.smtpUrl && !config.devMailbox.enabled) {
		throw new ConfigError(
			'Invalid configuration:\n  SMTP_URL is not set, so no email can be sent. Set SMTP_URL (smtp://user:pass@host:587), ' +
				'or DEV_MAILBOX=true to read the emails at /_mailbox/ on this machine (development only; npm start does this).',
		);
	}
	// The data folder remembers its provider (data-folder.ts), a PostgreSQL database its table (provider-claim.ts).
	if (!database && !config.databaseUrl) claimDataDir(config.dataDir, config.providerId);
	const db = database ?? (config.databaseUrl ? await openClaimedPostgres(config.databaseUrl, config.providerId, clock, log) : openSqliteStore(config.dataDir));
	const transport = givenTransport ?? (config.smtpUrl ? smtpTransport(config.smtpUrl) : devMailboxTransport(db, clock));
	const usesDevMailbox = !givenTransport && !config.smtpUrl;
	const bounces = config.bounces;
	const suppressForMs = config.mail.suppressionMs;
	// The server's own key signs bounce addresses (VERP) and the references email services return.
	const serverKey = await verpKey(db);
	// The worker asks the backend what to send for a row (links and codes are minted then).
	let mailFor: (mail: QueuedMail) => Promise<PreparedMail> = async () => null;
	const worker = createMailWorker({
		db,
		transport,
		clock,
		render: (message) => renderMail(message, provider),
		prepare: (mail) => mailFor(mail),
		retry: { ...defaultRetryPolicy, baseDelayMs: config.mail.retryBaseMs, ...retry },
		pollIntervalMs: config.mail.pollIntervalMs,
		leaseMs: config.mail.leaseMs,
		suppressForMs,
		// Bounces come back to a per-message address when this server listens for them.
		...(bounces ? { envelopeFrom: ((key) => (id: number) => verpAddress(key, id, bounces.domain))(serverKey) } : {}),
		// With Postmark's webhook on, each message carries its signed reference to Postmark, which
		// returns it in its events: a bounce lands on the message it is about, not on a newer one.
		...(config.webhooks.postmark ? { relayHeaders: ((key) => (message: MessageKey) => postmarkRefHeaders(key, message))(serverKey) } : {}),
		...(log ? { log } : {}),
	});
	const backendOptions = {
		db,
		provider,
		rules: signupRules(provider),
		clock,
		hasher: hasher ?? scryptHasher({ params: { ...owaspScryptParams, logN: config.hashing.logN }, concurrency: config.hashing.concurrency }),
		onMailQueued: () => worker.notify(),
		maxAddressChanges: config.maxAddressChanges,
		...(log ? { log } : {}),
	};
	const traccarOne = traccar ? traccarBackend({ ...backendOptions, traccar }) : null;
	// The provider's own platform behind the signed contract (backends/platform/), when named.
	const contract = config.backend === 'platform' && config.platform ? contractPlatform({ config: config.platform, selfRegistration: provider.selfRegistration, loginUrl: provider.loginUrl }) : null;
	const backend = traccarOne ?? localBackend({ ...backendOptions, platform: contract });
	mailFor = backend.mailFor;
	// account.confirmed events to the provider (PLATFORM_EVENTS_URL), recorded only while it is set.
	const events = config.platformEvents ? accountEvents({ db, config: config.platformEvents, clock, ...(log ? { log } : {}) }) : null;
	if (config.platformEvents) await enableAccountEvents(db, config.platformEvents.url);
	else await disableAccountEvents(db);
	let housekeeping: NodeJS.Timeout | undefined;
	let bounceListener: Promise<BounceListener | null> = Promise.resolve(null);
	const report = log ?? ((line: string) => console.error(line));
	return {
		backend,
		db,
		worker,
		devMailbox: usesDevMailbox ? db : null,
		webhooks:
			config.webhooks.postmark || config.webhooks.resend || config.webhooks.ses
				? webhookRoutes(config.webhooks, { db, clock, suppressForMs, refKey: serverKey, log: report })
				: null,
		selfCheck: async () =>
			traccarOne
				? { ...(await traccarOne.startupCheck()), stop: 'Stopping: the Traccar server cannot be used safely with this configuration (see above).' }
				: contract?.startupCheck
					? { ...(await contract.startupCheck()), stop: 'Stopping: the platform refuses the help center’s calls (see above).' }
					: null,
		mailNote: (origin) =>
			(traccar ? `Accounts live on the Traccar server at ${traccar.url}; the help center confirms them. ` : '') +
			(config.platform && contract ? `Accounts live on the provider’s platform at ${config.platform.url} (platform contract); the help center confirms them. ` : '') +
			(usesDevMailbox
				? `DEV_MAILBOX=true: emails are not sent; they land in the development mailbox at ${origin}/_mailbox/, ` +
					(config.devMailbox.open ? 'open to every client (DEV_MAILBOX_OPEN=true).' : 'which answers clients on this machine only.')
				: `Mail goes out through ${transport.name}.`),
		start() {
			const purge = () => {
				purgeExpired(db, clock.now()).catch((error: unknown) => report(`housekeeping: ${error instanceof Error ? error.message : String(error)}`));
			};
			purge();
			housekeeping = setInterval(purge, 3600_000);
			housekeeping.unref();
			worker.start();
			if (bounces) {
				bounceListener = startBounceListener({ db, domain: bounces.domain, port: bounces.smtpPort, host: config.host, clock, suppressForMs, log: report }).catch((error: unknown) => {
					report(`The bounce listener cannot listen on port ${bounces.smtpPort} (${error instanceof Error ? error.message : String(error)}): bounces to ${bounces.domain} will not be read.`);
					return null;
				});
			}
			events?.start();
		},
		async stop() {
			clearInterval(housekeeping);
			await (await bounceListener)?.close();
			await worker.stop();
			await events?.stop();
			transport.close();
			// A test may have closed the database on purpose (to make the backend fail).
			if (db.isOpen) await db.close();
		},
	};
}

/** The PostgreSQL store at `url`, migrated and claimed for `providerId` before anything else writes to it; closed when refused. */
async function openClaimedPostgres(url: string, providerId: string, clock: Clock, log: RuntimeOptions['log']): Promise<Store> {
	const db = await openPostgresStore(url, log ? { log } : {});
	try {
		await claimDatabase(db, url, providerId, clock.now());
	} catch (error) {
		await db.close();
		throw error;
	}
	return db;
}

/** A provider's Navixy platform: no database, no mail of our own (the platform sends it). */
function navixyParts({ provider, clock = systemClock, log }: RuntimeOptions, navixy: NavixyConfig): Parts {
	const backend = navixyBackend({ config: navixy, provider, rules: signupRules(provider), clock, ...(log ? { log } : {}) });
	return {
		backend,
		selfCheck: async () => ({ ...(await backend.selfCheck()), stop: 'Stopping: new users cannot be created with this time zone.' }),
		db: null,
		worker: null,
		devMailbox: null,
		webhooks: null,
		mailNote: () => `Accounts live on the Navixy platform at ${navixy.apiUrl} (${navixy.uiDomain}); it sends the email.`,
		start() {},
		async stop() {},
	};
}
