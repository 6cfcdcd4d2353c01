/**
 * The Navixy backend's settings, read from the environment by `env.ts` (which hands over the raw
 * variables) and validated here, next to the code that uses them. Secrets are never echoed in an
 * error message: a log line about a wrong password must not contain the password.
 */
import { z } from 'zod';
import { navixyPasswordResetSchema } from '../../../providers/password-reset.ts';

/** How to reach and speak to a provider's Navixy platform. */
export interface NavixyConfig {
	/** The API's base URL without a trailing slash, e.g. `https://api.eu.navixy.com/v2`. */
	apiUrl: string;
	/** The provider's UI domain, as `dealer/get_ui_config` knows it (`track.acme.com`). */
	uiDomain: string;
	/** The provider's Admin Panel login and password (`panel/account/auth`). */
	panelLogin: string;
	panelPassword: string;
	/** Key material for receipts (at least 32 bytes); receipts die when it changes. */
	receiptSecret: string;
	/** The longest wait for one platform call, in milliseconds (at most 5 000). */
	timeoutMs: number;
	/** How long the provider's UI settings are reused before being fetched again, in seconds. */
	settingsTtlSeconds: number;
	/** Whether registration calls `user/resend_activation` itself (see the README's assumptions). */
	sendActivation: boolean;
	/**
	 * `NAVIXY_TIME_ZONE`: the time zone of new users (`panel/user/create` requires one, a `zone_id`
	 * of `timezone/list`). `null`: the dealer's `default_user_time_zone`. Checked against the
	 * platform's list at start.
	 */
	timeZone: string | null;
	/**
	 * `NAVIXY_NAME_FALLBACK`: the first or last name of a new user when the address gives none
	 * (the platform requires both; the reader can change them in the platform's UI).
	 */
	nameFallback: string;
	/**
	 * `NAVIXY_PASSWORD_RESET`: the help center completes password resets with `user/password/change`
	 * (the provider points its restore email at the help center's reset page). Off by default.
	 */
	passwordReset: boolean;
	/** The provider's login page: `PROVIDER_LOGIN_URL` when set, else the UI domain's login page. */
	loginUrl: string;
}

/** The longest a platform call may take, whatever the configuration says. */
export const maxPlatformTimeoutMs = 5000;

/** Variables whose values are secrets: a message about them never quotes the value. */
const secretVariables = new Set(['NAVIXY_PANEL_PASSWORD', 'NAVIXY_RECEIPT_SECRET']);

/**
 * The platform's rule for names and addresses: letters, digits and `- ' " . , : /` (and spaces),
 * written as a regex on `sms_originator` in the Admin Panel reference.
 */
export const platformNameRule = /^(\p{L}|\d|[-'" .,:/])*$/u;

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

const required = (what: string) => z.string({ error: `is required with SIGNUP_BACKEND=navixy (${what})` }).trim().min(1, `is required with SIGNUP_BACKEND=navixy (${what})`);

const NavixyEnvSchema = z.object({
	NAVIXY_API_URL: required('the API base URL, e.g. https://api.eu.navixy.com/v2')
		.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL like https://api.eu.navixy.com/v2' }))
		.refine((value) => {
			// The panel password travels in these requests: plain HTTP only to this machine (tests).
			const url = new URL(value);
			return url.protocol === 'https:' || loopbackHosts.has(url.hostname);
		}, 'must use https (plain http is allowed only for localhost)')
		.refine((value) => !new URL(value).search && !new URL(value).hash, 'must not have a query or a fragment'),
	NAVIXY_UI_DOMAIN: required('the provider’s UI domain, e.g. track.acme.com').pipe(
		z.string().regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i, 'must be a host name like track.acme.com (no scheme, no path)'),
	),
	NAVIXY_PANEL_LOGIN: required('the provider’s Admin Panel login'),
	NAVIXY_PANEL_PASSWORD: z.string({ error: 'is required with SIGNUP_BACKEND=navixy (the provider’s Admin Panel password)' }).min(1),
	NAVIXY_RECEIPT_SECRET: z
		.string({ error: 'is required with SIGNUP_BACKEND=navixy (at least 32 bytes, e.g. openssl rand -base64 48)' })
		.refine((value) => Buffer.byteLength(value) >= 32, 'must be at least 32 bytes long (e.g. openssl rand -base64 48)'),
	NAVIXY_TIMEOUT_MS: z.coerce
		.number({ error: 'must be a number' })
		.int('must be a whole number')
		.min(100, 'must be at least 100')
		.max(maxPlatformTimeoutMs, `must be at most ${maxPlatformTimeoutMs}`)
		.default(maxPlatformTimeoutMs),
	NAVIXY_SETTINGS_TTL_SECONDS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(3600, 'must be at most 3600').default(60),
	NAVIXY_SEND_ACTIVATION: z.stringbool({ error: 'must be true or false' }).default(true),
	// Optional: without it, the dealer's default_user_time_zone. Whether the platform lists it is
	// checked at start (timezone/list), against the live list.
	NAVIXY_TIME_ZONE: z
		.string()
		.trim()
		.regex(/^[A-Z][A-Za-z_-]+(\/[A-Za-z0-9_+-]+)+$/, 'must be a region time zone of the platform’s timezone/list, like Europe/London or America/New_York (UTC is not one)')
		.optional(),
	NAVIXY_NAME_FALLBACK: z
		.string()
		.trim()
		.min(1, 'must not be empty')
		.max(100, 'must be at most 100 characters')
		.regex(platformNameRule, 'may hold only letters, digits, spaces and - \' " . , : / (the platform’s name rule)')
		.default('-'),
	// The same reading as the build's (`passwordResetFromEnv`), so site and server agree.
	NAVIXY_PASSWORD_RESET: navixyPasswordResetSchema,
	// Validated by env.ts with the other provider settings; only read here.
	PROVIDER_LOGIN_URL: z.string().optional(),
});


/** The result of reading the Navixy variables: the configuration, or one line per mistake. */
export type NavixyEnvResult = { ok: true; config: NavixyConfig } | { ok: false; issues: string[] };

/**
 * Reads the Navixy variables from the (already de-emptied) environment. The issue lines have the
 * shape `env.ts` prints: `  NAME what is wrong (got "value")`, without the value for secrets.
 */
export function readNavixyEnv(env: Record<string, string | undefined>): NavixyEnvResult {
	const parsed = NavixyEnvSchema.safeParse(env);
	if (!parsed.success) {
		const issues = parsed.error.issues.map((issue) => {
			const name = String(issue.path[0] ?? 'environment');
			const value = env[name];
			const shown = value === undefined || secretVariables.has(name) ? '' : ` (got ${JSON.stringify(value)})`;
			return `  ${name} ${issue.message}${shown}`;
		});
		return { ok: false, issues };
	}
	const values = parsed.data;
	const uiDomain = values.NAVIXY_UI_DOMAIN.toLowerCase();
	return {
		ok: true,
		config: {
			apiUrl: values.NAVIXY_API_URL.replace(/\/+$/, ''),
			uiDomain,
			panelLogin: values.NAVIXY_PANEL_LOGIN,
			panelPassword: values.NAVIXY_PANEL_PASSWORD,
			receiptSecret: values.NAVIXY_RECEIPT_SECRET,
			timeoutMs: values.NAVIXY_TIMEOUT_MS,
			settingsTtlSeconds: values.NAVIXY_SETTINGS_TTL_SECONDS,
			sendActivation: values.NAVIXY_SEND_ACTIVATION,
			timeZone: values.NAVIXY_TIME_ZONE ?? null,
			nameFallback: values.NAVIXY_NAME_FALLBACK,
			passwordReset: values.NAVIXY_PASSWORD_RESET,
			loginUrl: values.PROVIDER_LOGIN_URL ?? navixyLoginPage(uiDomain, 'user'),
		},
	};
}

/** The documented deep links into the provider's own login page. */
export type LoginPartition = 'user' | 'register_fast' | 'register_full' | 'password_remind';

/** `https://<ui-domain>/login/?partition=<p>`: the documented deep link into the provider's login page. */
export function navixyLoginPage(uiDomain: string, partition: LoginPartition): string {
	return `https://${uiDomain}/login/?partition=${partition}`;
}
