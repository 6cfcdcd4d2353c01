/**
 * The Traccar backend's variables, read from the environment by `env.ts` and validated here. The
 * token is a secret: no message ever quotes it.
 */
import { z } from 'zod';

import type { TraccarPasswordReset } from '../../../providers/features.ts';
import { traccarPasswordResetSchema } from '../../../providers/password-reset.ts';

/** How the help center reaches the provider's Traccar server. */
export interface TraccarConfig {
	/** The server's address, without `/api` and without a trailing slash (`https://track.example.com`). */
	url: string;
	/**
	 * A token the provider issued for the help center (`POST /api/session/token` as a manager or an
	 * administrator, or the server's `web.serviceAccountToken`), sent as `Authorization: Bearer`.
	 */
	token: string;
	/** Who completes a password reset: the help center (`PUT /api/users/{id}`) or Traccar itself. */
	passwordReset: TraccarPasswordReset;
	/**
	 * The `deviceLimit` new users get; `null`: Traccar's own for users made by a manager or an
	 * administrator, 0 (no devices). Anything else needs an administrator's token.
	 */
	deviceLimit: number | null;
	/** How long one call may take before it counts as the server being unavailable. */
	timeoutMs: number;
}

const TraccarEnvSchema = z.object({
	TRACCAR_URL: z
		.url({ protocol: /^https?$/, error: 'must be the http(s) address of the Traccar server, like https://track.example.com' })
		.transform((value) => value.replace(/\/+$/, '').replace(/\/api$/, '')),
	TRACCAR_TOKEN: z.string({ error: 'must be set: a token of a Traccar manager or administrator (see src/server/README.md)' }).trim().min(16, 'is too short to be a Traccar token'),
	// The same reading as the build's (`passwordResetFromEnv`), so site and server agree.
	TRACCAR_PASSWORD_RESET: traccarPasswordResetSchema,
	TRACCAR_DEVICE_LIMIT: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(-1, 'must be -1 (unlimited) or more').optional(),
	TRACCAR_TIMEOUT_MS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(100, 'must be at least 100').max(30_000, 'must be at most 30000').default(10_000),
});

/** The result of reading the Traccar variables: the configuration, or one line per mistake. */
export type TraccarEnvResult = { ok: true; config: TraccarConfig } | { ok: false; issues: string[] };

/** Reads the Traccar variables; the issue lines have `env.ts`'s shape, never quoting the token. */
export function readTraccarEnv(env: Record<string, string | undefined>): TraccarEnvResult {
	const parsed = TraccarEnvSchema.safeParse(env);
	if (!parsed.success) {
		const issues = parsed.error.issues.map((issue) => {
			const name = String(issue.path[0] ?? 'environment');
			const value = env[name];
			const shown = value === undefined || name === 'TRACCAR_TOKEN' ? '' : ` (got ${JSON.stringify(value)})`;
			return `  ${name} ${issue.message}${shown}`;
		});
		return { ok: false, issues };
	}
	const values = parsed.data;
	return {
		ok: true,
		config: {
			url: values.TRACCAR_URL,
			token: values.TRACCAR_TOKEN,
			passwordReset: values.TRACCAR_PASSWORD_RESET,
			deviceLimit: values.TRACCAR_DEVICE_LIMIT ?? null,
			timeoutMs: values.TRACCAR_TIMEOUT_MS,
		},
	};
}
