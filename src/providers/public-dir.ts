/**
 * The files a provider's site publishes at its root: the top-level `public/` that every provider's
 * site shares, with the provider's own `src/providers/<id>/public/` laid over it (a file of the
 * same name replaces the shared one). Astro takes one public folder, so the two are merged into a
 * folder of the build's own, per provider, so that two providers' builds never share it.
 */
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** Merges the shared and the provider's public files; returns the merged folder's absolute path. */
export function mergedPublicDir(root: string, providerId: string): string {
	const merged = join(root, '.astro', `public-${providerId}`);
	rmSync(merged, { recursive: true, force: true });
	mkdirSync(merged, { recursive: true });
	for (const source of [join(root, 'public'), join(root, 'src', 'providers', providerId, 'public')]) {
		if (existsSync(source)) cpSync(source, merged, { recursive: true, force: true });
	}
	return merged;
}
