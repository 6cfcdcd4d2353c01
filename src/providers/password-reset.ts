/**
 * Who completes a password reset, read once from a deployment's environment by the build
 * (`astro.config.mjs`), `npm start` and the server (`src/server/env.ts`) alike, so a site and the
 * server that serves it agree: the help center's reset page, or the platform's own page, where the
 * platform's reset email leads. The resolved provider's features follow it (`featuresFor`), and the
 * build manifest records it.
 */
import { z } from 'zod';

import type { BackendKind } from './features.ts';

/** Who completes a reset: the help center's reset page, or the platform's own. */
export type PasswordResetMode = 'help-center' | 'platform';

/**
 * Each backend's reset mode when the environment sets none. Navixy documents no call that sends a
 * restore email, so its own page resets unless `NAVIXY_PASSWORD_RESET` says the provider's restore
 * email links to the help center; the others reset in the help center unless told otherwise.
 */
export const defaultPasswordReset = {
	local: 'help-center',
	navixy: 'platform',
	traccar: 'help-center',
	platform: 'help-center',
} as const satisfies Record<BackendKind, PasswordResetMode>;

/**
 * `NAVIXY_PASSWORD_RESET`: `true` when the provider's restore email links to the help center's reset
 * page, which completes the reset with `user/password/change`.
 */
export const navixyPasswordResetSchema = z.stringbool({ error: 'must be true or false' }).default(false);

/** `TRACCAR_PASSWORD_RESET`: `traccar` hands resets to Traccar's own (`POST /api/password/reset`). */
export const traccarPasswordResetSchema = z.enum(['help-center', 'traccar'], { error: 'must be help-center or traccar' }).default('help-center');

/** A reset variable that holds no value its backend knows. */
export class PasswordResetSettingError extends Error {
	override name = 'PasswordResetSettingError';
}

/**
 * The reset mode the environment sets for `backend` (`NAVIXY_PASSWORD_RESET` for Navixy,
 * `TRACCAR_PASSWORD_RESET` for Traccar; the other backends have one mode), or `undefined` when the
 * variable is unset or empty. Throws a {@link PasswordResetSettingError} naming the variable.
 */
export function passwordResetFromEnv(backend: BackendKind, env: Record<string, string | undefined>): PasswordResetMode | undefined {
	const name = backend === 'navixy' ? 'NAVIXY_PASSWORD_RESET' : backend === 'traccar' ? 'TRACCAR_PASSWORD_RESET' : null;
	const value = name ? env[name]?.trim() : undefined;
	if (!name || !value) return undefined;
	const parsed = (backend === 'navixy' ? navixyPasswordResetSchema : traccarPasswordResetSchema).safeParse(value);
	if (!parsed.success) throw new PasswordResetSettingError(`${name} ${parsed.error.issues[0]?.message ?? 'is not valid'} (got ${JSON.stringify(value)}).`);
	return parsed.data === true || parsed.data === 'help-center' ? 'help-center' : 'platform';
}

/** The reset mode of a backend: the one the deployment set, where the backend has a choice, else its default. */
export function passwordResetMode(backend: BackendKind, set: PasswordResetMode | undefined): PasswordResetMode {
	return backend === 'navixy' || backend === 'traccar' ? (set ?? defaultPasswordReset[backend]) : defaultPasswordReset[backend];
}
