/**
 * `npm start`: builds the help center when `dist/` is missing or older than its sources, then starts
 * the server (`src/server/main.ts`), which serves the site and the sign-up API on one origin.
 * `SKIP_BUILD=1 npm start` starts with whatever `dist/` holds. `PROVIDER=<id> npm start` builds and
 * serves that provider's help center.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { readBuildManifest } from '../src/providers/build-manifest.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
/** What the site is built from. The server's own code and the tests do not change the site. */
const sources = ['src', 'config', 'public', 'astro.config.mjs'].map((path) => join(root, path));
const ignored = (path: string) => {
	const rel = relative(root, path);
	return rel.startsWith(join('src', 'server')) || /\.test\.tsx?$/.test(rel);
};

/** The newest modification time under `path`; a folder's own time counts, as it changes when a file is deleted. */
function newest(path: string): number {
	if (!existsSync(path) || ignored(path)) return 0;
	const stats = statSync(path);
	if (!stats.isDirectory()) return stats.mtimeMs;
	return readdirSync(path).reduce((latest, entry) => Math.max(latest, newest(join(path, entry))), stats.mtimeMs);
}

/** The provider to serve; the build records the one it was built for in its manifest. */
const provider = process.env['PROVIDER'] || 'default';

function siteIsStale(): string | null {
	const built = join(dist, 'index.html');
	if (!existsSync(built)) return 'no built site in dist/';
	if (readBuildManifest(dist)?.provider !== provider) return `the site is not built for the provider "${provider}"`;
	const backend = process.env['SIGNUP_BACKEND'];
	if (backend && readBuildManifest(dist)?.backend !== backend) return `the site is not built for the ${backend} backend`;
	const builtAt = statSync(built).mtimeMs;
	const changedAt = Math.max(...sources.map(newest));
	return changedAt > builtAt ? 'the sources changed since the last build' : null;
}

const reason = process.env['SKIP_BUILD'] ? null : siteIsStale();
if (reason) {
	console.log(`Building the site (${reason})…`);
	// npm puts the project's Node 24 first on PATH, so the build runs on it too.
	const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
	if (build.status !== 0) {
		console.error('The site build failed; fix it, or start the API alone with SKIP_BUILD=1 npm start.');
		process.exit(build.status ?? 1);
	}
}

await import('../src/server/main.ts');
