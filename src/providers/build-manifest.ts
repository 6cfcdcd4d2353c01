/**
 * The build manifest: a small file the build writes into its output folder naming the provider,
 * the backend and the reset mode the site was built for, so a server never serves a site that
 * promises another provider's features (`src/server/main.ts` refuses to start on a mismatch).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { BackendKind } from './features.ts';
import type { PasswordResetMode } from './password-reset.ts';

/** The manifest's file name in the output folder. */
export const buildManifestFile = 'help-center-build.json';

/** What the manifest records. */
export interface BuildManifest {
	provider: string;
	backend: BackendKind;
	/** Who completes a password reset: the pages say so (the help center's reset page, or the platform's). */
	passwordReset: PasswordResetMode;
}

/** Writes the manifest of a build into `outDir`. */
export function writeBuildManifest(outDir: string, provider: BuildManifest): void {
	const manifest: BuildManifest = { provider: provider.provider, backend: provider.backend, passwordReset: provider.passwordReset };
	writeFileSync(join(outDir, buildManifestFile), `${JSON.stringify(manifest, null, '\t')}\n`);
}

/**
 * The manifest of the site in `dir`; `null` when there is none (no build, or one from before
 * manifests, or from before they recorded the reset mode).
 */
export function readBuildManifest(dir: string): BuildManifest | null {
	const file = join(dir, buildManifestFile);
	if (!existsSync(file)) return null;
	const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<BuildManifest>;
	return typeof data.provider === 'string' &&
		(data.backend === 'local' || data.backend === 'navixy' || data.backend === 'traccar' || data.backend === 'platform') &&
		(data.passwordReset === 'help-center' || data.passwordReset === 'platform')
		? { provider: data.provider, backend: data.backend, passwordReset: data.passwordReset }
		: null;
}

/** The variable, and its value, that makes a server of `backend` run in a reset mode. */
function resetSetting(backend: BackendKind, mode: PasswordResetMode): string {
	if (backend === 'navixy') return `NAVIXY_PASSWORD_RESET=${mode === 'help-center'}`;
	return `TRACCAR_PASSWORD_RESET=${mode === 'platform' ? 'traccar' : 'help-center'}`;
}

/**
 * Why a server for `expected` must not serve the site in `dir`; `null` when it may. A site without a
 * manifest is refused too: nothing says whom it was built for.
 */
export function buildMismatch(dir: string, expected: BuildManifest): string | null {
	const built = readBuildManifest(dir);
	if (!built) {
		return `The site in ${dir}/ has no ${buildManifestFile} (or one from an older build), so nothing says which provider it was built for. Build it again (npm run build) for PROVIDER=${expected.provider}.`;
	}
	if (built.provider === expected.provider && built.backend === expected.backend) {
		if (built.passwordReset === expected.passwordReset) return null;
		const where = (mode: PasswordResetMode) => (mode === 'help-center' ? "the help center's reset page" : "the platform's own reset page");
		return (
			`The site in ${dir}/ was built for resets on ${where(built.passwordReset)}, but this server completes them on ${where(expected.passwordReset)}: ` +
			`its pages would describe a reset that does not happen. Build the site with the server's setting (${resetSetting(expected.backend, expected.passwordReset)} npm run build), ` +
			`or start the server with ${resetSetting(built.backend, built.passwordReset)}.`
		);
	}
	return (
		`The site in ${dir}/ was built for the provider "${built.provider}" with the ${built.backend} backend, ` +
		`but this server is for the provider "${expected.provider}" with the ${expected.backend} backend. ` +
		`Build the site for this server (PROVIDER=${expected.provider}${built.backend === expected.backend ? '' : ` SIGNUP_BACKEND=${expected.backend}`} npm run build), or start the server with PROVIDER=${built.provider}` +
		`${built.backend === expected.backend ? '' : ` and SIGNUP_BACKEND=${built.backend}`}.`
	);
}
