/**
 * The server's configuration, read from the environment once and validated with zod. This is the
 * only module that reads `process.env`; `main.ts` passes the result on. Every variable has a
 * default that makes `npm start` work on a laptop; `src/server/README.md` lists them all.
 */
import { availableParallelism } from 'node:os';

import { z } from 'zod';

import { readNavixyEnv, type NavixyConfig } from './backends/navixy/config.ts';
import { readEventsEnv, readPlatformEnv, type PlatformContractConfig, type PlatformEventsConfig } from './backends/platform/config.ts';
import { readTraccarEnv, type TraccarConfig } from './backends/traccar/config.ts';
import type { BackendKind } from '../providers/features.ts';
import { passwordResetFromEnv, type PasswordResetMode } from '../providers/password-reset.ts';
import { parseTrustProxy, type TrustProxy } from './http/client-ip.ts';
import { defaultRateLimits, type RateLimit, type RateLimits } from './http/rate-limits.ts';
import type { ProviderOverrides } from '../providers/resolve.ts';
import type { CertificateSource } from './mail/webhooks/sns.ts';

/** A configuration mistake found at start-up; the message names each variable and what is wrong. */
export class ConfigError extends Error {
	override name = 'ConfigError';
}

const text = z.string().trim();
const optionalText = text.optional().transform((value) => (value ? value : undefined));
const integer = (min: number, max: number) =>
	z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);
const boolean = z.stringbool({ error: 'must be true or false' });
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1f5fbf');
const rateLimit = z
	.string()
	.regex(/^\d+\/\d+$/, 'must be <requests>/<seconds>, like 20/3600')
	.transform((value): RateLimit => {
		const [points, seconds] = value.split('/').map(Number);
		return { points: points ?? 1, seconds: seconds ?? 1 };
	});

const EnvSchema = z.object({
	NODE_ENV: optionalText,
	// The profile names its backend; this variable overrides it for one deployment.
	SIGNUP_BACKEND: z.enum(['local', 'navixy', 'traccar', 'platform'], { error: 'must be local, navixy, traccar or platform' }).optional(),
	PROVIDER: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be the id of a folder in src/providers, like geotrack').default('default'),
	PORT: integer(0, 65535).default(4321),
	HOST: text.min(1).default('localhost'),
	// Unset: a folder per provider (`./data`, `./data/<id>`), so two providers never share accounts or a mailbox.
	DATA_DIR: text.min(1).optional(),
	STATIC_DIR: text.min(1).default('dist'),
	SITE_URL: httpUrl.optional(),
	SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
	CORS_ORIGINS: z
		.string()
		.default('')
		.transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean))
		.pipe(z.array(z.url({ protocol: /^https?$/, error: 'must list http(s) origins, separated by commas' }))),
	TRUST_PROXY: z
		.string()
		.default('false')
		.transform((value, ctx): TrustProxy => {
			const parsed = parseTrustProxy(value);
			if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
			return typeof parsed === 'string' ? false : parsed;
		}),
	DEV_MAILBOX: boolean.default(false),
	DEV_MAILBOX_OPEN: boolean.default(false),
	PROVIDER_NAME: optionalText,
	PROVIDER_LOGIN_URL: httpUrl.optional(),
	PROVIDER_SUPPORT_EMAIL: z.email('must be an email address').optional(),
	PROVIDER_SUPPORT_PHONE: z.string().regex(/^\+?[0-9 ().-]{6,}$/, 'must be a phone number like +1 555 0100').optional(),
	PROVIDER_SUPPORT_URL: httpUrl.optional(),
	// Any user@host, `localhost` included: a development sender need not be a public address.
	PROVIDER_SENDER: z.string().regex(/^[^\s@<>"]+@[^\s@<>"]+$/, 'must be an address like no-reply@example.com').optional(),
	PROVIDER_SENDER_NAME: optionalText,
	PROVIDER_COLOR: color.optional(),
	PROVIDER_COLOR_TEXT: color.optional(),
	SELF_REGISTRATION: boolean.optional(),
	PASSWORD_POLICY: z.enum(['nist', 'navixy'], { error: 'must be nist or navixy' }).optional(),
	RESEND_COOLDOWN_SECONDS: integer(0, 86_400).optional(),
	CONFIRMATION_TTL_SECONDS: integer(60, 30 * 86_400).optional(),
	RESET_TTL_SECONDS: integer(60, 7 * 86_400).optional(),
	SCRYPT_LOG_N: integer(10, 20).default(17),
	HASH_CONCURRENCY: integer(1, 64).default(Math.min(4, availableParallelism())),
	RATE_LIMIT_REGISTER: rateLimit.default(defaultRateLimits.register),
	RATE_LIMIT_EMAIL: rateLimit.default(defaultRateLimits.email),
	RATE_LIMIT_CONFIRM: rateLimit.default(defaultRateLimits.confirm),
	RATE_LIMIT_STATUS: rateLimit.default(defaultRateLimits.status),
	RATE_LIMIT_CHANGE_ADDRESS: rateLimit.default(defaultRateLimits.changeAddress),
	MAIL_POLL_INTERVAL_MS: integer(10, 60_000).default(1000),
	MAIL_RETRY_BASE_MS: integer(10, 3_600_000).default(5000),
	MAIL_LEASE_SECONDS: integer(1, 3600).default(120),
	// Where the replicas share their per-IP limits; unset: each process counts for itself.
	LIMITS_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' }).optional(),
	// The built-in backend's database on PostgreSQL, shared by the replicas; unset: SQLite in DATA_DIR.
	DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' }).optional(),
	MAIL_SUPPRESSION_DAYS: integer(0, 3650).default(30),
	MAX_ADDRESS_CHANGES: integer(0, 100).default(3),
	BOUNCE_SMTP_PORT: integer(1, 65_535).optional(),
	BOUNCE_DOMAIN: z.string().regex(/^(?=.{1,253}$)[a-z0-9-]+(\.[a-z0-9-]+)*$/i, 'must be a domain like bounces.example.com').optional(),
	POSTMARK_WEBHOOK_USER: z.string().min(8, 'must be at least 8 characters').optional(),
	POSTMARK_WEBHOOK_PASSWORD: z.string().min(16, 'must be at least 16 characters').optional(),
	RESEND_WEBHOOK_SECRET: z.string().regex(/^whsec_[A-Za-z0-9+/=]{16,}$/, 'must be the signing secret Resend shows (whsec_…)').optional(),
	SES_SNS_TOPIC_ARN: z.string().regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/, 'must be the ARN of the SNS topic SES notifies (arn:aws:sns:<region>:<account>:<topic>)').optional(),
}).superRefine((env, ctx) => {
	// The development mailbox serves every link and code it holds: it is never a default, and
	// never beside a real SMTP server (whoever set both meant one of them).
	if (env.DEV_MAILBOX && env.SMTP_URL) {
		ctx.addIssue({ code: 'custom', path: ['DEV_MAILBOX'], message: 'cannot be true when SMTP_URL is set (mail goes to one place)' });
	}
	if (env.DEV_MAILBOX_OPEN && !env.DEV_MAILBOX) {
		ctx.addIssue({ code: 'custom', path: ['DEV_MAILBOX_OPEN'], message: 'needs DEV_MAILBOX=true' });
	}
	// Bounces come back to BOUNCE_DOMAIN only if something listens for them, and the other way round.
	if ((env.BOUNCE_SMTP_PORT === undefined) !== (env.BOUNCE_DOMAIN === undefined)) {
		ctx.addIssue({ code: 'custom', path: [env.BOUNCE_DOMAIN ? 'BOUNCE_SMTP_PORT' : 'BOUNCE_DOMAIN'], message: 'is needed with BOUNCE_SMTP_PORT and BOUNCE_DOMAIN set together' });
	}
	if ((env.POSTMARK_WEBHOOK_USER === undefined) !== (env.POSTMARK_WEBHOOK_PASSWORD === undefined)) {
		ctx.addIssue({ code: 'custom', path: [env.POSTMARK_WEBHOOK_USER ? 'POSTMARK_WEBHOOK_PASSWORD' : 'POSTMARK_WEBHOOK_USER'], message: 'is needed: the Postmark webhook takes a user and a password' });
	}
});

/** Variables whose value may hold a password: a mistake names them without quoting them. */
const secretVariables = new Set(['LIMITS_URL', 'DATABASE_URL']);

/** The validated configuration. */
export interface ServerConfig {
	port: number;
	host: string;
	dataDir: string;
	staticDir: string;
	/** `null`: no SMTP; then mail goes to the development mailbox if `devMailbox.enabled`, else the server refuses to start. */
	smtpUrl: string | null;
	/**
	 * The development mailbox (`/_mailbox/`, every link and code sent): only with `DEV_MAILBOX=true`
	 * (`npm start` sets it when there is no `SMTP_URL`), and only for loopback clients unless `open`.
	 */
	devMailbox: { enabled: boolean; open: boolean };
	corsOrigins: string[];
	/** Which proxies to believe about the client's address (`TRUST_PROXY`). */
	trustProxy: TrustProxy;
	/** What the deployment sets over the provider's profile (see `resolveProvider`). */
	providerOverrides: ProviderOverrides;
	hashing: { logN: number; concurrency: number };
	rateLimits: RateLimits;
	/** The mail worker's timings; `suppressionMs`: how long an address that hard-bounced or complained is not mailed. */
	mail: { pollIntervalMs: number; retryBaseMs: number; leaseMs: number; suppressionMs: number };
	/** How many times one registration may correct its address (`MAX_ADDRESS_CHANGES`). */
	maxAddressChanges: number;
	/** The inbound bounce listener and the VERP domain (`BOUNCE_SMTP_PORT`, `BOUNCE_DOMAIN`); `null`: off. */
	bounces: { smtpPort: number; domain: string } | null;
	/** The email services whose event webhooks are on (each `null`: its route answers 404). */
	webhooks: {
		postmark: { user: string; password: string } | null;
		resend: { secret: string } | null;
		/**
		 * Amazon SES through SNS: the topic whose signed messages are taken (`SES_SNS_TOPIC_ARN`), and
		 * where the signing certificates come from (unset: HTTPS to SNS with the system's CAs).
		 */
		ses: { topicArn: string; certificates?: CertificateSource } | null;
	};
	/**
	 * Where the per-IP limits are counted (`LIMITS_URL`): a PostgreSQL database every replica shares,
	 * or `null`, this process's memory.
	 */
	limitsUrl: string | null;
	/**
	 * The built-in backend's database (`DATABASE_URL`): a PostgreSQL database every replica shares, or
	 * `null`, SQLite in `dataDir`.
	 */
	databaseUrl: string | null;
	/** Which backend keeps the accounts: the built-in database, a provider's Navixy platform, or its Traccar server. */
	backend: BackendKind;
	/** The Navixy platform's settings when `backend` is `navixy`, else `null`. */
	navixy: NavixyConfig | null;
	/** The Traccar server's settings when `backend` is `traccar`, else `null`. */
	traccar: TraccarConfig | null;
	/** The provider's implementation of the platform contract when `backend` is `platform`, else `null`. */
	platform: PlatformContractConfig | null;
	/** Where `account.confirmed` events go (`PLATFORM_EVENTS_URL`), when set; not with Navixy (no database). */
	platformEvents: PlatformEventsConfig | null;
	/** The provider whose profile the server loads (`src/providers/<id>/profile.ts`). */
	providerId: string;
}

/**
 * The folder `DATA_DIR` defaults to: `./data` for the default provider (as before), `./data/<id>`
 * for any other, so providers started from one checkout keep their accounts and mailboxes apart.
 */
export function defaultDataDir(providerId: string): string {
	return providerId === 'default' ? './data' : `./data/${providerId}`;
}

/** The provider id the environment names (`PROVIDER`), `default` when unset; read before its profile is loaded. */
export function providerIdOf(source: Record<string, string | undefined> = process.env): string {
	return source['PROVIDER']?.trim() || 'default';
}

/**
 * Reads and validates the configuration; throws a {@link ConfigError} listing every mistake.
 * `profileBackend` is the backend the provider's profile names; `SIGNUP_BACKEND` overrides it.
 */
export function loadConfig(source: Record<string, string | undefined> = process.env, profileBackend: BackendKind = 'local'): ServerConfig {
	// An empty variable means "not set": `PORT= npm start` should not fail on "".
	const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
	const parsed = EnvSchema.safeParse(present);
	const lines = (parsed.error?.issues ?? []).map((issue) => {
		const name = String(issue.path[0] ?? 'environment');
		const value = secretVariables.has(name) ? undefined : present[name];
		return `  ${name} ${issue.message}${value === undefined ? '' : ` (got ${JSON.stringify(value)})`}`;
	});
	// The Navixy variables are checked in their backend's module, which never quotes a secret.
	const named = present['SIGNUP_BACKEND'];
	const backend: BackendKind = named === 'local' || named === 'navixy' || named === 'traccar' || named === 'platform' ? named : profileBackend;
	const navixy = backend === 'navixy' ? readNavixyEnv(present) : null;
	if (navixy && !navixy.ok) lines.push(...navixy.issues);
	const traccar = backend === 'traccar' ? readTraccarEnv(present) : null;
	if (traccar && !traccar.ok) lines.push(...traccar.issues);
	const platform = backend === 'platform' ? readPlatformEnv(present) : null;
	if (platform && !platform.ok) lines.push(...platform.issues);
	const events = readEventsEnv(present);
	if (!events.ok) lines.push(...events.issues);
	if (events.ok && events.config && backend === 'navixy') lines.push('  PLATFORM_EVENTS_URL cannot be used with SIGNUP_BACKEND=navixy (the platform confirms its own accounts)');
	// Without SMTP the mail goes to /_mailbox/, which anyone can read: never in production.
	// (The Navixy platform sends its own mail; that backend has no mailbox. Traccar sends none of
	// the help center's: the built-in backend's mail goes out as usual.)
	if (present['NODE_ENV'] === 'production' && !present['SMTP_URL'] && backend !== 'navixy') {
		lines.push('  SMTP_URL is required when NODE_ENV=production (the development mailbox is public)');
	}
	if (!parsed.success || lines.length > 0) throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
	const env = parsed.data;
	return {
		port: env.PORT,
		host: env.HOST,
		dataDir: env.DATA_DIR ?? defaultDataDir(env.PROVIDER),
		staticDir: env.STATIC_DIR,
		smtpUrl: env.SMTP_URL ?? null,
		devMailbox: { enabled: env.DEV_MAILBOX, open: env.DEV_MAILBOX_OPEN },
		corsOrigins: env.CORS_ORIGINS.map((origin) => new URL(origin).origin),
		trustProxy: env.TRUST_PROXY,
		// The backends' modules validated the reset variable: read it as the build reads it.
		providerOverrides: providerOverrides(env, navixy?.ok ? navixy.config.uiDomain : undefined, passwordResetFromEnv(backend, present)),
		hashing: { logN: env.SCRYPT_LOG_N, concurrency: env.HASH_CONCURRENCY },
		rateLimits: {
			register: env.RATE_LIMIT_REGISTER,
			email: env.RATE_LIMIT_EMAIL,
			confirm: env.RATE_LIMIT_CONFIRM,
			status: env.RATE_LIMIT_STATUS,
			changeAddress: env.RATE_LIMIT_CHANGE_ADDRESS,
		},
		mail: {
			pollIntervalMs: env.MAIL_POLL_INTERVAL_MS,
			retryBaseMs: env.MAIL_RETRY_BASE_MS,
			leaseMs: env.MAIL_LEASE_SECONDS * 1000,
			suppressionMs: env.MAIL_SUPPRESSION_DAYS * 86_400_000,
		},
		maxAddressChanges: env.MAX_ADDRESS_CHANGES,
		bounces: env.BOUNCE_SMTP_PORT !== undefined && env.BOUNCE_DOMAIN ? { smtpPort: env.BOUNCE_SMTP_PORT, domain: env.BOUNCE_DOMAIN.toLowerCase() } : null,
		webhooks: {
			postmark: env.POSTMARK_WEBHOOK_USER && env.POSTMARK_WEBHOOK_PASSWORD ? { user: env.POSTMARK_WEBHOOK_USER, password: env.POSTMARK_WEBHOOK_PASSWORD } : null,
			resend: env.RESEND_WEBHOOK_SECRET ? { secret: env.RESEND_WEBHOOK_SECRET } : null,
			ses: env.SES_SNS_TOPIC_ARN ? { topicArn: env.SES_SNS_TOPIC_ARN } : null,
		},
		limitsUrl: env.LIMITS_URL ?? null,
		databaseUrl: env.DATABASE_URL ?? null,
		backend,
		navixy: navixy?.ok ? navixy.config : null,
		traccar: traccar?.ok ? traccar.config : null,
		platform: platform?.ok ? platform.config : null,
		platformEvents: events.ok ? events.config : null,
		providerId: env.PROVIDER,
	};
}

/** The provider values the environment sets; unset ones are left out, so the profile's stand. */
function providerOverrides(
	env: z.output<typeof EnvSchema>,
	navixyUiDomain: string | undefined,
	passwordReset: PasswordResetMode | undefined,
): ProviderOverrides {
	const support = { email: env.PROVIDER_SUPPORT_EMAIL, phone: env.PROVIDER_SUPPORT_PHONE, url: env.PROVIDER_SUPPORT_URL };
	const overrides: { [K in keyof ProviderOverrides]-?: ProviderOverrides[K] | undefined } = {
		backend: env.SIGNUP_BACKEND,
		name: env.PROVIDER_NAME,
		loginUrl: env.PROVIDER_LOGIN_URL,
		support: Object.values(support).some(Boolean) ? support : undefined,
		senderAddress: env.PROVIDER_SENDER,
		senderName: env.PROVIDER_SENDER_NAME,
		mailColors: env.PROVIDER_COLOR || env.PROVIDER_COLOR_TEXT ? { accent: env.PROVIDER_COLOR, accentText: env.PROVIDER_COLOR_TEXT } : undefined,
		selfRegistration: env.SELF_REGISTRATION,
		passwordPolicy: env.PASSWORD_POLICY,
		resendCooldownSeconds: env.RESEND_COOLDOWN_SECONDS,
		confirmationTtlSeconds: env.CONFIRMATION_TTL_SECONDS,
		resetTtlSeconds: env.RESET_TTL_SECONDS,
		// The server serves the site it links to: the emails point at it unless SITE_URL says otherwise.
		siteUrl: env.SITE_URL ?? `http://${env.HOST}:${env.PORT}`,
		navixyUiDomain,
		passwordReset,
	};
	return Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined)) as ProviderOverrides;
}
