/**
 * The server's entry point: reads the configuration and the provider, builds the runtime
 * (`runtime.ts`, the composition root) and serves the API and the built help center on one
 * origin. Run with `node src/server/main.ts` (Node 24 runs TypeScript as is) or `npm start`,
 * which builds the site first.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import type { Server } from 'node:http';

import { serve } from '@hono/node-server';

import { systemClock } from './clock.ts';
import { ConfigError, loadConfig, providerIdOf, type ServerConfig } from './env.ts';
import { capConnections, serverOptions } from './http/server-limits.ts';
import { createRuntime, type Runtime } from './runtime.ts';
import { buildMismatch } from '../providers/build-manifest.ts';
import { loadProvider, ProviderProfileError } from '../providers/load.ts';
import { resolveProvider } from '../providers/resolve.ts';
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

function readConfig(profile: ProviderProfile): ServerConfig {
	try {
		return loadConfig(process.env, profile.backend);
	} catch (error) {
		if (!(error instanceof ConfigError)) throw error;
		console.error(error.message);
		process.exit(1);
	}
}

const profile = await readProfile(providerIdOf());
const config = readConfig(profile);
// The one provider: the profile that branded the site, with what this deployment sets over it.
const provider = resolveProvider(profile, config.providerOverrides);

const staticRoot = existsSync(config.staticDir) ? config.staticDir : null;
if (!staticRoot) console.warn(`No built site in ${config.staticDir}/ (run npm run build); serving the API only.`);
// A site built for another provider, backend or reset mode promises features this server does not have.
const mismatch = staticRoot && buildMismatch(staticRoot, { provider: provider.id, backend: provider.backend, passwordReset: provider.passwordReset });
if (mismatch) {
	console.error(mismatch);
	process.exit(1);
}

/** The runtime; a configuration it cannot run with (no way to send email) stops the server with its message. */
async function buildRuntime(): Promise<Runtime> {
	try {
		return await createRuntime({ config, provider, clock: systemClock, app: { staticRoot } });
	} catch (error) {
		if (!(error instanceof ConfigError)) throw error;
		console.error(error.message);
		process.exit(1);
	}
}

const runtime = await buildRuntime();
const { app } = runtime;

// With a platform (Navixy, Traccar): what the provider may have misconfigured, said once, before listening.
const report = await runtime.selfCheck();
if (report) {
	console.error(report.text);
	if (report.fatal) {
		console.error(report.stop);
		process.exit(1);
	}
}

// A shared limits store is tried once before listening, so the first answers already count in it
// (an unreachable one is logged, and the limits are counted per process until it is back).
await runtime.limits.ready();
runtime.start();

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host, serverOptions: serverOptions() }, (info) => {
	const origin = `http://${config.host}:${info.port}`;
	console.log(`Listening on ${origin}/ (API at ${origin}/api/v1/)`);
	console.log(runtime.mailNote(origin));
	console.log(runtime.limits.description);
});

capConnections(server as Server);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
	if (stopping) return;
	stopping = true;
	console.log(`${signal}: stopping`);
	// If something hangs (a slow SMTP server), leave anyway: queued mail is safe in the outbox.
	setTimeout(() => process.exit(1), 10_000).unref();
	await new Promise<void>((resolve) => server.close(() => resolve()));
	// Closes the database, the mail transport and the limits store's connections.
	await runtime.stop();
	process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
