/**
 * The build manifest: a small file the build writes into its output folder naming the provider and
 * the backend the site was built for, so a server never serves a site that promises another
 * provider's features (`src/server/main.ts` refuses to start on a mismatch).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { BackendKind } from './features.ts';

/** The manifest's file name in the output folder. */
export const buildManifestFile = 'help-center-build.json';

/** What the manifest records. */
export interface BuildManifest {
	provider: string;
	backend: BackendKind;
}

/** Writes the manifest of a build into `outDir`. */
export function writeBuildManifest(outDir: string, provider: BuildManifest): void {
	const manifest: BuildManifest = { provider: provider.provider, backend: provider.backend };
	writeFileSync(join(outDir, buildManifestFile), `${JSON.stringify(manifest, null, '\t')}\n`);
}

/** The manifest of the site in `dir`; `null` when there is none (no build, or one from before manifests). */
export function readBuildManifest(dir: string): BuildManifest | null {
	const file = join(dir, buildManifestFile);
	if (!existsSync(file)) return null;
	const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<BuildManifest>;
	return typeof data.provider === 'string' && (data.backend === 'local' || data.backend === 'navixy' || data.backend === 'traccar' || data.backend === 'platform')
		? { provider: data.provider, backend: data.backend }
		: null;
}

/**
 * Why a server for `expected` must not serve the site in `dir`; `null` when it may. A site without a
 * manifest is refused too: nothing says whom it was built for.
 */
export function buildMismatch(dir: string, expected: BuildManifest): string | null {
	const built = readBuildManifest(dir);
	if (!built) {
		return `The site in ${dir}/ has no ${buildManifestFile}, so nothing says which provider it was built for. Build it again (npm run build) for PROVIDER=${expected.provider}.`;
	}
	if (built.provider === expected.provider && built.backend === expected.backend) return null;
	return (
		`The site in ${dir}/ was built for the provider "${built.provider}" with the ${built.backend} backend, ` +
		`but this server is for the provider "${expected.provider}" with the ${expected.backend} backend. ` +
		`Build the site for this server (PROVIDER=${expected.provider}${built.backend === expected.backend ? '' : ` SIGNUP_BACKEND=${expected.backend}`} npm run build), or start the server with PROVIDER=${built.provider}` +
		`${built.backend === expected.backend ? '' : ` and SIGNUP_BACKEND=${built.backend}`}.`
	);
}
