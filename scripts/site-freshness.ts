/**
 * Whether the built site (`dist/`) is current: built for the provider and backend asked for (the
 * build records both in its manifest, `src/providers/build-manifest.ts`), and newer than everything
 * the site is built from.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

import { readBuildManifest } from '../src/providers/build-manifest.ts';
import { passwordResetFromEnv, passwordResetMode } from '../src/providers/password-reset.ts';

/** What the site is built from, relative to the project root. */
export const siteSources = ['src', 'config', 'public', 'astro.config.mjs'];

/** The server's own code and the tests do not change the site. */
function ignored(root: string, path: string): boolean {
	const rel = relative(root, path);
	return rel.startsWith(join('src', 'server')) || /\.test\.tsx?$/.test(rel);
}

/** The newest modification time under `path`; a folder's own time counts, as it changes when a file is deleted. */
function newest(root: string, path: string): number {
	if (!existsSync(path) || ignored(root, path)) return 0;
	const stats = statSync(path);
	if (!stats.isDirectory()) return stats.mtimeMs;
	return readdirSync(path).reduce((latest, entry) => Math.max(latest, newest(root, join(path, entry))), stats.mtimeMs);
}

/**
 * Why the site in `dist` must be built again for `provider` (and `backend`, when one is asked for
 * with `SIGNUP_BACKEND`, and the reset mode the environment's `NAVIXY_PASSWORD_RESET` or
 * `TRACCAR_PASSWORD_RESET` sets), or null when it is current.
 */
export function staleReason(root: string, dist: string, provider: string, backend?: string, env: Record<string, string | undefined> = {}): string | null {
	const built = join(dist, 'index.html');
	if (!existsSync(built)) return `no built site in ${relative(root, dist) || dist}/`;
	const manifest = readBuildManifest(dist);
	if (manifest?.provider !== provider) return `the site is not built for the provider "${provider}"`;
	if (backend && manifest.backend !== backend) return `the site is not built for the ${backend} backend`;
	const reset = passwordResetMode(manifest.backend, passwordResetFromEnv(manifest.backend, env));
	if (manifest.passwordReset !== reset) return `the site is not built for resets on ${reset === 'platform' ? "the platform's own page" : "the help center's page"}`;
	const builtAt = statSync(built).mtimeMs;
	const changedAt = Math.max(...siteSources.map((path) => newest(root, join(root, path))));
	return changedAt > builtAt ? 'the sources changed since the last build' : null;
}
