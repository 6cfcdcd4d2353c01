/**
 * Starts the reference platform: `npm run platform:reference`. Settings, all optional:
 *
 * - `PLATFORM_SECRET`: the `whsec_` secret shared with the help center; without it a new one is
 *   made and printed (set the same value as the help center's `PLATFORM_SECRET`).
 * - `PORT` (default 4350), `HOST` (default `localhost`).
 * - `PLATFORM_DB`: the SQLite file (default `./data/platform-reference.sqlite`; `:memory:` works).
 * - `PLATFORM_NAME`, `PLATFORM_LOGIN_URL`, `PLATFORM_REGISTRATION` (`true`/`false`): what
 *   `settings` answers.
 *
 * Then `npm run contract:check -- http://localhost:4350 --secret <the secret>` checks it.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import { serve } from '@hono/node-server';

import { isWebhookSecret, newWebhookSecret } from '../platform-contract/signing.ts';
import { owaspScryptParams, scryptHasher } from '../server/passwords/password-hash.ts';
import { createReferencePlatform } from './app.ts';
import { openPlatformDatabase } from './store.ts';

const env = process.env;
const flag = (name: string, fallback: boolean) => (env[name] ? env[name] === 'true' : fallback);

let secret = env['PLATFORM_SECRET'] ?? '';
if (!secret) {
	secret = newWebhookSecret();
	console.log(`PLATFORM_SECRET is not set; this run uses ${secret}`);
} else if (!isWebhookSecret(secret)) {
	console.error('PLATFORM_SECRET must be whsec_ followed by at least 24 bytes in base64.');
	process.exit(1);
}
const dbPath = env['PLATFORM_DB'] || './data/platform-reference.sqlite';
if (dbPath !== ':memory:') mkdirSync(dirname(dbPath), { recursive: true, mode: 0o700 });
const port = Number(env['PORT'] || 4350);
const hostname = env['HOST'] || 'localhost';

const app = createReferencePlatform({
	secret,
	db: openPlatformDatabase(dbPath),
	hasher: scryptHasher({ params: owaspScryptParams }),
	settings: {
		registrationAllowed: flag('PLATFORM_REGISTRATION', true),
		name: env['PLATFORM_NAME'] || 'Reference platform',
		loginUrl: env['PLATFORM_LOGIN_URL'] || `http://${hostname}:${port}/sign-in`,
	},
});
const server = serve({ fetch: app.fetch, port, hostname }, (info) => console.log(`Reference platform at http://${hostname}:${info.port}`));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => server.close(() => process.exit(0)));
