/**
 * The composition root: reads the configuration, builds the backend — the built-in one (database
 * and mail worker) or a provider's Navixy platform (`SIGNUP_BACKEND=navixy`) — and serves the API
 * and the built help center on one origin. Run with `node src/server/main.ts` (Node 24 runs
 * TypeScript as is) or `npm start`, which builds the site first.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DatabaseSync } from 'node:sqlite';

import { serve } from '@hono/node-server';

import { createApp } from './app.ts';
import { openDatabase } from './backends/local/database.ts';
import { purgeExpired } from './backends/local/housekeeping.ts';
import { localBackend } from './backends/local/local-backend.ts';
import type { NavixyConfig } from './backends/navixy/config.ts';
import { navixyBackend } from './backends/navixy/navixy-backend.ts';
import type { SignupBackend } from './backends/types.ts';
import { systemClock } from './clock.ts';
import { ConfigError, loadConfig, type ServerConfig } from './env.ts';
import { renderMail } from './mail/render.ts';
import { devMailboxTransport, smtpTransport } from './mail/transports.ts';
import { createMailWorker, defaultRetryPolicy } from './mail/worker.ts';
import { owaspScryptParams, scryptHasher } from './passwords/password-hash.ts';
import { applyProfile } from './provider-profile.ts';
import { loadProvider, ProviderProfileError } from '../providers/load.ts';
import type { ProviderProfile } from '../providers/schema.ts';

/** The provider's profile, the same one that brands its site; an invalid one stops the server with the build's message. */
async function readProfile(id: string): Promise<ProviderProfile> {
	try {
		return await loadProvider(fileURLToPath(new URL('../..', import.meta.url)), id);
	} catch (error) {
		if (!(error instanceof ProviderProfileError)) throw error;
		console.error(error.message);
		process.exit(1);
	}
}

function readConfig(): ServerConfig {
	try {
		return loadConfig();
	} catch (error) {
		if (!(error instanceof ConfigError)) throw error;
		console.error(error.message);
		process.exit(1);
	}
}

const config = readConfig();
const clock = systemClock;
const { rules } = config;
const provider = applyProfile(config.provider, await readProfile(config.providerId), config.setVariables);

/** The backend and what runs beside it. */
interface Runtime {
	backend: SignupBackend;
	/** The development mailbox's database, when there is one. */
	devMailbox: DatabaseSync | null;
	/** Where mail goes, for the start-up message (`origin`: where the server listens). */
	mailNote(origin: string): string;
	start(): void;
	stop(): Promise<void>;
}

/** The built-in backend: SQLite, the outbox and its worker, hourly housekeeping. */
function localRuntime(): Runtime {
	const db = openDatabase(config.dataDir);
	const transport = config.smtpUrl ? smtpTransport(config.smtpUrl) : devMailboxTransport(db, clock);
	const worker = createMailWorker({
		db,
		transport,
		clock,
		render: (message) => renderMail(message, provider, rules),
		retry: { ...defaultRetryPolicy, baseDelayMs: config.mail.retryBaseMs },
		pollIntervalMs: config.mail.pollIntervalMs,
		leaseMs: config.mail.leaseMs,
	});
	const backend = localBackend({
		db,
		provider,
		rules,
		clock,
		hasher: scryptHasher({ params: { ...owaspScryptParams, logN: config.hashing.logN }, concurrency: config.hashing.concurrency }),
		onMailQueued: () => worker.notify(),
	});
	let housekeeping: NodeJS.Timeout | undefined;
	return {
		backend,
		devMailbox: config.smtpUrl ? null : db,
		mailNote: (origin) =>
			config.smtpUrl ? `Mail goes out through ${transport.name}.` : `No SMTP_URL: emails land in the development mailbox at ${origin}/_mailbox/`,
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
			db.close();
		},
	};
}

/** A provider's Navixy platform: no database, no mail of our own (the platform sends it). */
function navixyRuntime(navixy: NavixyConfig): Runtime {
	return {
		backend: navixyBackend({ config: navixy, provider, rules, clock }),
		devMailbox: null,
		mailNote: () => `Accounts live on the Navixy platform at ${navixy.apiUrl} (${navixy.uiDomain}); it sends the email.`,
		start() {},
		async stop() {},
	};
}

const runtime = config.navixy ? navixyRuntime(config.navixy) : localRuntime();
const { backend } = runtime;

const staticRoot = existsSync(config.staticDir) ? config.staticDir : null;
if (!staticRoot) console.warn(`No built site in ${config.staticDir}/ (run npm run build); serving the API only.`);

const app = createApp({
	backend,
	rateLimits: config.rateLimits,
	trustProxy: config.trustProxy,
	corsOrigins: config.corsOrigins,
	devMailbox: runtime.devMailbox,
	staticRoot,
});

runtime.start();

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
	const origin = `http://${config.host}:${info.port}`;
	console.log(`Listening on ${origin}/ (API at ${origin}/api/v1/)`);
	console.log(runtime.mailNote(origin));
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
	if (stopping) return;
	stopping = true;
	console.log(`${signal}: stopping`);
	// If something hangs (a slow SMTP server), leave anyway: queued mail is safe in the outbox.
	setTimeout(() => process.exit(1), 10_000).unref();
	await new Promise<void>((resolve) => server.close(() => resolve()));
	await runtime.stop();
	process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
