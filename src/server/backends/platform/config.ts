/**
 * The contract backend's settings (`SIGNUP_BACKEND=platform`): where the provider's implementation
 * of the platform contract answers and the secret that signs every call. Read from the environment
 * by `env.ts` and validated here; the secret is never quoted in a message.
 */
import { z } from 'zod';

import { isWebhookSecret } from '../../../platform-contract/signing.ts';

/** How to reach a provider's implementation of the platform contract. */
export interface PlatformContractConfig {
	/** `PLATFORM_URL`: the contract's base URL, without a trailing slash; the operations' paths are appended. */
	url: string;
	/** `PLATFORM_SECRET`: the `whsec_` secret shared with the platform (Standard Webhooks). */
	secret: string;
	/** `PLATFORM_TIMEOUT_MS`: the longest wait for one attempt of a call (each call makes up to three). */
	timeoutMs: number;
}

/** Where `account.confirmed` events go (`PLATFORM_EVENTS_URL`), signed with `PLATFORM_SECRET`. */
export interface PlatformEventsConfig {
	url: string;
	secret: string;
	timeoutMs: number;
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);
const needed = (what: string) => `is required with SIGNUP_BACKEND=platform (${what})`;

const PlatformEnvSchema = z.object({
	PLATFORM_URL: z
		.string({ error: needed('the base URL of the provider’s implementation of the platform contract') })
		.trim()
		.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL like https://platform.acme.com/help-center' }))
		// Readers' passwords travel in these calls: plain HTTP only to this machine.
		.refine((value) => new URL(value).protocol === 'https:' || loopbackHosts.has(new URL(value).hostname), 'must use https (plain http is allowed only for localhost)')
		.refine((value) => !new URL(value).search && !new URL(value).hash, 'must not have a query or a fragment'),
	PLATFORM_SECRET: z
		.string({ error: needed('the whsec_ secret shared with the platform') })
		.refine(isWebhookSecret, 'must be whsec_ followed by at least 24 bytes in base64 (the secret shared with the platform)'),
	PLATFORM_TIMEOUT_MS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(100, 'must be at least 100').max(10_000, 'must be at most 10000').default(3000),
});

const httpsUrl = (example: string) =>
	z
		.string()
		.trim()
		.pipe(z.url({ protocol: /^https?$/, error: `must be an http(s) URL like ${example}` }))
		.refine((value) => new URL(value).protocol === 'https:' || loopbackHosts.has(new URL(value).hostname), 'must use https (plain http is allowed only for localhost)');

const EventsEnvSchema = z.object({
	PLATFORM_EVENTS_URL: httpsUrl('https://platform.acme.com/help-center/events'),
	PLATFORM_SECRET: z
		.string({ error: 'is required with PLATFORM_EVENTS_URL (the whsec_ secret the events are signed with)' })
		.refine(isWebhookSecret, 'must be whsec_ followed by at least 24 bytes in base64 (the secret shared with the platform)'),
	PLATFORM_TIMEOUT_MS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(100, 'must be at least 100').max(10_000, 'must be at most 10000').default(3000),
});

/** The events' configuration when `PLATFORM_EVENTS_URL` is set (any backend with a database), or one line per mistake. */
export function readEventsEnv(env: Record<string, string | undefined>): { ok: true; config: PlatformEventsConfig | null } | { ok: false; issues: string[] } {
	if (env['PLATFORM_EVENTS_URL'] === undefined) return { ok: true, config: null };
	const parsed = EventsEnvSchema.safeParse(env);
	if (!parsed.success) return { ok: false, issues: issueLines(parsed.error, env) };
	return { ok: true, config: { url: parsed.data.PLATFORM_EVENTS_URL, secret: parsed.data.PLATFORM_SECRET, timeoutMs: parsed.data.PLATFORM_TIMEOUT_MS } };
}

/** The lines of a failed parse, never quoting the secret. */
function issueLines(error: z.ZodError, env: Record<string, string | undefined>): string[] {
	return error.issues.map((issue) => {
		const name = String(issue.path[0] ?? 'environment');
		const value = env[name];
		return `  ${name} ${issue.message}${value === undefined || name === 'PLATFORM_SECRET' ? '' : ` (got ${JSON.stringify(value)})`}`;
	});
}

/** The configuration, or one line per mistake in the shape `env.ts` prints. */
export type PlatformEnvResult = { ok: true; config: PlatformContractConfig } | { ok: false; issues: string[] };

/** Reads the `PLATFORM_*` variables from the (already de-emptied) environment. */
export function readPlatformEnv(env: Record<string, string | undefined>): PlatformEnvResult {
	const parsed = PlatformEnvSchema.safeParse(env);
	if (!parsed.success) return { ok: false, issues: issueLines(parsed.error, env) };
	return { ok: true, config: { url: parsed.data.PLATFORM_URL.replace(/\/+$/, ''), secret: parsed.data.PLATFORM_SECRET, timeoutMs: parsed.data.PLATFORM_TIMEOUT_MS } };
}
