/**
 * `npm start`: builds the help center when `dist/` is missing, built for another provider, or older
 * than its sources, then starts the server (`src/server/main.ts`), which serves the site and the
 * sign-up API on one origin. `SKIP_BUILD=1 npm start` starts with whatever `dist/` holds.
 * `PROVIDER=<id> npm start` builds and serves that provider's help center. A site built by
 * `npm run build` for the same provider is used as it is.
 *
 * The npm script runs it with `exec`, so a supervisor's SIGTERM reaches the server itself (a shell
 * between them would die and leave the server holding the port).
 * Without `SMTP_URL` it sets `DEV_MAILBOX=true`, so the emails land in the development mailbox
 * (loopback clients only).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { staleReason } from './site-freshness.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const provider = process.env['PROVIDER'] || 'default';

const reason = process.env['SKIP_BUILD'] ? null : staleReason(root, join(root, 'dist'), provider, process.env['SIGNUP_BACKEND'], process.env);
if (reason) {
	console.log(`Building the site (${reason})…`);
	// npm puts the project's Node 24 first on PATH, so the build runs on it too.
	const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
	if (build.status !== 0) {
		console.error('The site build failed; fix it, or start the API alone with SKIP_BUILD=1 npm start.');
		process.exit(build.status ?? 1);
	}
}

// On a laptop without an SMTP server, `npm start` reads the mail in the development mailbox. The
// server itself never turns it on: it serves every link and code, so it must be asked for.
if (!process.env['SMTP_URL'] && !process.env['DEV_MAILBOX']) process.env['DEV_MAILBOX'] = 'true';

await import('../src/server/main.ts');
