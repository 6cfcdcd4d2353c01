/**
 * The composition root: reads the configuration, opens the database, starts the mail worker and
 * serves the API and the built help center on one origin. Run with `node src/server/main.ts`
 * (Node 24 runs TypeScript as is) or `npm start`, which builds the site first.
 */
import { existsSync } from 'node:fs';

import { serve } from '@hono/node-server';

import { createApp } from './app.ts';
import { openDatabase } from './backends/local/database.ts';
import { purgeExpired } from './backends/local/housekeeping.ts';
import { localBackend } from './backends/local/local-backend.ts';
import { systemClock } from './clock.ts';
import { ConfigError, loadConfig, type ServerConfig } from './env.ts';
import { renderMail } from './mail/render.ts';
import { devMailboxTransport, smtpTransport } from './mail/transports.ts';
import { createMailWorker, defaultRetryPolicy } from './mail/worker.ts';
import { owaspScryptParams, scryptHasher } from './passwords/password-hash.ts';

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
const db = openDatabase(config.dataDir);
const { provider, rules } = config;

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

const staticRoot = existsSync(config.staticDir) ? config.staticDir : null;
if (!staticRoot) console.warn(`No built site in ${config.staticDir}/ (run npm run build); serving the API only.`);

const app = createApp({
	backend,
	rateLimits: config.rateLimits,
	trustProxy: config.trustProxy,
	corsOrigins: config.corsOrigins,
	devMailbox: config.smtpUrl ? null : db,
	staticRoot,
});

purgeExpired(db, clock.now());
const housekeeping = setInterval(() => purgeExpired(db, clock.now()), 3600_000);
housekeeping.unref();
worker.start();

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
	const origin = `http://${config.host}:${info.port}`;
	console.log(`Listening on ${origin}/ (API at ${origin}/api/v1/)`);
	console.log(config.smtpUrl ? `Mail goes out through ${transport.name}.` : `No SMTP_URL: emails land in the development mailbox at ${origin}/_mailbox/`);
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
	if (stopping) return;
	stopping = true;
	console.log(`${signal}: stopping`);
	// If something hangs (a slow SMTP server), leave anyway: queued mail is safe in the outbox.
	setTimeout(() => process.exit(1), 10_000).unref();
	await new Promise<void>((resolve) => server.close(() => resolve()));
	await worker.stop();
	transport.close();
	db.close();
	process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
