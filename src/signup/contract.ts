/**
 * The sign-up API's contract: every request, answer and problem code, declared once.
 *
 * The server validates requests with these schemas, the browser client parses answers with them,
 * the OpenAPI document is generated from them and the tests import them. The module uses
 * `zod/mini` so an island pays about 6 KB for it; besides zod it imports only its text helpers and
 * the site's list of languages (`config/locales.ts`).
 *
 * Request objects are strict (an unknown field is an error); answer objects are not, so a newer
 * server may add fields without breaking an older page.
 */
import * as z from 'zod/mini';

import { locales } from '../../config/locales.ts';
import { isCleanText, isCodeShaped, isValidEmail, normalizeCode, normalizeEmail } from './text.ts';

export { isValidEmail, normalizeEmail } from './text.ts';

/** Where the API lives, relative to the site's origin. */
export const apiBasePath = '/api/v1';

// ─── Locales ────────────────────────────────────────────────────────────────────────────────────

/** The languages an email can be written in: the site's languages as BCP-47 tags, English first. */
export const localeTags = Object.values(locales).map((locale) => locale.lang);

/** One of {@link localeTags}. Any other value is an `invalid_request`; there is no silent fallback. */
export const LocaleSchema = z.enum(localeTags).check(z.describe('The reader’s language, a BCP-47 tag. Emails are written in it.'));

/** A locale tag. */
export type Locale = z.output<typeof LocaleSchema>;

// ─── Problems (RFC 9457) ────────────────────────────────────────────────────────────────────────

/**
 * Every problem the API can answer with: its HTTP status and an English title for developers.
 * The widgets translate by `code`, never by `title` or `detail`.
 */
export const problemCatalogue = {
	/** The provider has turned self-registration off. */
	registration_disabled: { status: 403, title: 'Self-registration is disabled' },
	/** Malformed JSON, a wrong type, a missing or an unknown field, an unknown locale. */
	invalid_request: { status: 400, title: 'The request is not valid' },
	/** The email address is not a deliverable address. */
	invalid_email: { status: 422, title: 'The email address is not valid' },
	/** The password breaks the published policy; `rules` lists what failed. */
	weak_password: { status: 422, title: 'The password does not meet the policy' },
	/** Too many requests from this client; `Retry-After` says when to try again. */
	rate_limited: { status: 429, title: 'Too many requests' },
	/** The confirmation or reset token is unknown, malformed or already used. */
	invalid_token: { status: 400, title: 'The link is not valid' },
	/** The token was right but is too old; ask for a new email. */
	expired_token: { status: 410, title: 'The link has expired' },
	/** The email and code do not match a pending confirmation; `attemptsLeft` counts down. */
	invalid_code: { status: 400, title: 'The code is not valid' },
	/** Five wrong codes in a row; only a new code (a resend) unlocks the address. */
	too_many_attempts: { status: 403, title: 'Too many wrong codes' },
	/** The registration receipt is unknown or malformed (or so old it was forgotten). */
	invalid_receipt: { status: 404, title: 'The receipt is not known' },
	/** The body is larger than the API accepts (16 KB). */
	payload_too_large: { status: 413, title: 'The request body is too large' },
	/** The body is not `application/json`. */
	unsupported_media_type: { status: 415, title: 'The request body must be JSON' },
	/** No such API route. */
	not_found: { status: 404, title: 'Not found' },
	/** The route exists but not with this method; `Allow` lists the methods it has. */
	method_not_allowed: { status: 405, title: 'Method not allowed' },
	/** The backend (the platform, or the password hasher under load) cannot answer now. */
	upstream_unavailable: { status: 503, title: 'The service is temporarily unavailable' },
	/** The provider's platform refuses registrations because of its own configuration: retrying will not help, contacting the provider will. */
	registration_unavailable: { status: 503, title: 'Registration is not available until the provider fixes its configuration' },
	/** The receipt's address was changed as often as a registration allows: the reader must register again. */
	too_many_changes: { status: 403, title: 'The address of this registration was changed too many times' },
	/** A bug. The details are in the server's log, never in the answer. */
	internal_error: { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;

/** A stable problem code, e.g. `weak_password`. */
export type ProblemCode = keyof typeof problemCatalogue;

/** Every problem code, in catalogue order. */
export const problemCodes = Object.keys(problemCatalogue) as [ProblemCode, ...ProblemCode[]];

/** A problem code as a schema. */
export const ProblemCodeSchema = z.enum(problemCodes);

/** The `type` URI of a problem: a `tag:` URI, stable and not meant to be fetched (RFC 9457 §3.1.1). */
export function problemType(code: ProblemCode): string {
	return `tag:signup-api,2026:problem:${code}`;
}

/** The rules of a password policy, as the `weak_password` problem names the ones that failed. */
export const passwordRules = [
	'min_length',
	'max_length',
	'lowercase',
	'uppercase',
	'digit',
	'special',
	'contains_email',
	'common',
] as const;

/** One password rule. */
export const PasswordRuleSchema = z.enum(passwordRules);

/** A password rule. */
export type PasswordRule = z.output<typeof PasswordRuleSchema>;

/** An `application/problem+json` body. */
export const ProblemSchema = z.object({
	/** A URI naming the problem type; see {@link problemType}. */
	type: z.string(),
	/** A short English summary for developers. */
	title: z.string(),
	/** The HTTP status, repeated. */
	status: z.int(),
	/** An English explanation of this occurrence, for developers. */
	detail: z.string(),
	/** The stable code the widgets translate. */
	code: ProblemCodeSchema,
	/** Seconds to wait before trying again (also sent as `Retry-After`). */
	retryAfter: z.optional(z.int()),
	/** `weak_password`: the rules the password broke. */
	rules: z.optional(z.array(PasswordRuleSchema)),
	/** `invalid_request`: what was wrong, field by field. */
	issues: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
	/** `invalid_code`: wrong codes still allowed before `too_many_attempts`. */
	attemptsLeft: z.optional(z.int()),
});

/** A problem body. */
export type Problem = z.output<typeof ProblemSchema>;

/** A check whose failure the server reports with its own problem code rather than `invalid_request`. */
function problemCheck<T>(fn: (value: T) => boolean, problem: ProblemCode, message: string) {
	return z.refine<T>(fn, { message, params: { problem } });
}

// ─── Field types ────────────────────────────────────────────────────────────────────────────────

/** An email address: normalized by {@link normalizeEmail} while parsing, then checked. */
export const EmailSchema = z
	.string()
	.check(
		z.overwrite(normalizeEmail),
		problemCheck(isValidEmail, 'invalid_email', 'This is not a valid email address.'),
		z.describe('An email address; trimmed, NFC-normalized and its domain lower-cased by the server.'),
	);

/** A password as typed. The policy (length, classes…) is checked by the server, not by this schema. */
export const PasswordSchema = z
	.string()
	.check(z.refine(isCleanText, 'The password must not contain control characters.'), z.describe('The password as typed.'));

/** A random secret in base64url, as issued by the server (tokens, receipts). */
const secretPattern = /^[A-Za-z0-9_-]{22,128}$/;

/** The token from a confirmation or reset link (the part after `#token=`). */
export const TokenSchema = z
	.string()
	.check(
		problemCheck((value: string) => secretPattern.test(value), 'invalid_token', 'This is not a token the server issued.'),
		z.describe('The token from the link, base64url.'),
	);

/** The receipt a registration answered with. */
export const ReceiptSchema = z
	.string()
	.check(
		problemCheck((value: string) => secretPattern.test(value), 'invalid_receipt', 'This is not a receipt the server issued.'),
		z.describe('The opaque receipt the registration answered with.'),
	);

/** How many digits a confirmation code has. */
export const codeLength = 6;

/** The confirmation code from the email. Spaces and hyphens are ignored (`123 456`). */
export const CodeSchema = z
	.string()
	.check(
		z.overwrite(normalizeCode),
		problemCheck(isCodeShaped, 'invalid_code', 'The code is six digits.'),
		z.describe('The six-digit code from the email.'),
	);

// ─── Settings ───────────────────────────────────────────────────────────────────────────────────

/**
 * A password policy, published as data so the widget can explain it and check it while the reader
 * types. A count of 0 means the class is not required.
 */
export const PasswordPolicySchema = z.object({
	/** Fewest characters (Unicode code points after NFC). */
	minLength: z.int(),
	/** Most characters. */
	maxLength: z.int(),
	/** Fewest lower-case letters. */
	minLowercase: z.int(),
	/** Fewest upper-case letters. */
	minUppercase: z.int(),
	/** Fewest digits. */
	minDigits: z.int(),
	/** Fewest special characters. */
	minSpecial: z.int(),
	/** The characters that count as special; `null`: anything that is not a letter or a digit. */
	specialCharacters: z.nullable(z.string()),
	/** The password must not contain the address or its local part. */
	rejectEmail: z.boolean(),
	/** The server refuses passwords on its list of common and breached passwords (the browser cannot check this). */
	rejectCommon: z.boolean(),
});

/** A password policy. */
export type PasswordPolicy = z.output<typeof PasswordPolicySchema>;

/** Everything a widget needs to know about the provider and the sign-up rules. */
export const SettingsSchema = z.object({
	/** The provider's brand name; `null` for a neutral build (say “your service provider”). */
	providerName: z.nullable(z.string()),
	/** Whether readers may create accounts themselves. */
	selfRegistration: z.boolean(),
	/** The policy the server enforces on new passwords. */
	passwordPolicy: PasswordPolicySchema,
	/** Seconds between two emails to the same address. */
	resendCooldownSeconds: z.int(),
	/** How long a confirmation link and code stay valid, in seconds. */
	confirmationTtlSeconds: z.int(),
	/** Digits in a confirmation code. */
	codeLength: z.int(),
	/** The provider's login page. */
	loginUrl: z.string(),
	/** The address the emails come from, so readers can look for it (and allow it). */
	senderAddress: z.string(),
	/** How to reach the provider's support; at least one channel is set. */
	support: z.object({
		email: z.optional(z.string()),
		phone: z.optional(z.string()),
		url: z.optional(z.string()),
	}),
	/** What this backend can do; a platform that sends its own mail may not offer everything. */
	features: z.object({
		/** Confirm with the emailed six-digit code. */
		confirmationCode: z.boolean(),
		/** Follow a registration with its receipt. */
		registrationStatus: z.boolean(),
		/** Complete a password reset in the help center (its reset-password page sets the new password). */
		passwordReset: z.boolean(),
		/** Request a password-reset email through this API (otherwise: the platform's own “forgot password” page). */
		passwordResetRequest: z.boolean(),
		/** The confirmation email's link opens the help center's confirm page (a button confirms); otherwise the platform's link activates by itself. */
		confirmPage: z.boolean(),
		/** A confirmed owner who registers again is told by email that the account exists. */
		existsNotice: z.boolean(),
		/** The status answer carries `delivery`: what happened to the attempt's latest email. */
		deliveryTimeline: z.boolean(),
		/** A pending registration's address can be corrected (`POST /registrations/change-address`). */
		addressChange: z.boolean(),
	}),
});

/** The settings answer. */
export type Settings = z.output<typeof SettingsSchema>;

// ─── Requests and answers ───────────────────────────────────────────────────────────────────────

/** Create an account. */
export const RegisterRequestSchema = z.strictObject({ email: EmailSchema, password: PasswordSchema, locale: LocaleSchema });

/**
 * The answer to every registration, whatever the address's state: the same status, the same
 * fields. `resendAfterSeconds` is always the configured cooldown, not the address's real state.
 */
export const RegisterAnswerSchema = z.object({
	/** An opaque secret for {@link RegistrationStatusRequestSchema}; keep it in this browser only. */
	receipt: z.string(),
	/** Always `pending`: the email decides the rest. */
	status: z.literal('pending'),
	/** When the page may offer to resend. */
	resendAfterSeconds: z.int(),
});

/** Ask how a registration is going. */
export const RegistrationStatusRequestSchema = z.strictObject({ receipt: ReceiptSchema });

/** The three states a receipt can report. */
export const RegistrationStateSchema = z.enum(['pending', 'confirmed', 'expired']);

/** What can happen to an email, as its timeline says. */
export const DeliveryEventKindSchema = z.enum([
	/** In the outbox. */
	'queued',
	/** The receiving server accepted it (SMTP 250); `domain`, `reply`. */
	'sent',
	/** A 4xx reply or a connection failure; `nextAttemptAt`, `reply` when there was one. */
	'deferred',
	/** A 5xx reply at send time; `reason`, `reply`. */
	'failed',
	/** A later delivery status notification or an email service's bounce webhook; `reason`. */
	'bounced',
	/** The recipient marked it as spam (webhook). */
	'complained',
	/** Not sent: the address hard-bounced or complained recently; `reason`. */
	'suppressed',
	/**
	 * Not sent: a newer registration of the same address replaced this attempt before its email went
	 * out (only the newest attempt's link and code work). The same for every address, known or not.
	 */
	'replaced',
	/** Given to a platform that sends its own mail (Navixy): accepted at `at`. */
	'handed_off',
	/** The platform said it could not send (Navixy code 209). */
	'platform_failed',
]);

/** A kind of delivery event. */
export type DeliveryEventKind = z.output<typeof DeliveryEventKindSchema>;

/** Why an email failed, bounced or was suppressed (from the enhanced status code, RFC 3463). */
export const DeliveryReasonSchema = z.enum(['no_mailbox', 'mailbox_full', 'rejected', 'no_mail_server', 'other']);

/** A delivery reason. */
export type DeliveryReason = z.output<typeof DeliveryReasonSchema>;

/** One thing that happened to an email. */
export const DeliveryEventSchema = z.object({
	kind: DeliveryEventKindSchema,
	/** ISO 8601 UTC timestamp with Z, e.g. 2026-12-01T10:04:00.000Z */
	at: z.string(),
	/** The receiving domain (the part after @ of the address), for `sent`. */
	domain: z.optional(z.string()),
	/** The receiving server's reply, e.g. "250 2.0.0 OK", at most 200 chars. */
	reply: z.optional(z.string()),
	/** Why it failed/bounced/was suppressed. */
	reason: z.optional(DeliveryReasonSchema),
	/** When the next attempt is due, for `deferred`. ISO 8601 UTC. */
	nextAttemptAt: z.optional(z.string()),
});

/** A delivery event. */
export type DeliveryEvent = z.output<typeof DeliveryEventSchema>;

/** The timeline of an attempt's latest email. */
export const DeliverySchema = z.object({
	/** The address this attempt's latest email went to (the receipt holder typed it). */
	email: z.string(),
	events: z.array(DeliveryEventSchema),
});

/** A delivery timeline. */
export type Delivery = z.output<typeof DeliverySchema>;

/** How a registration is going, as far as this receipt may know. */
export const RegistrationStatusAnswerSchema = z.object({
	status: RegistrationStateSchema,
	/** The latest email of this attempt, oldest event first. Present when features.deliveryTimeline. */
	delivery: z.optional(DeliverySchema),
});

/** A status answer. */
export type RegistrationStatusAnswer = z.output<typeof RegistrationStatusAnswerSchema>;

/** Correct the address of a pending registration; the receipt proves it is the same browser. */
export const ChangeAddressRequestSchema = z.strictObject({ receipt: ReceiptSchema, email: EmailSchema, locale: LocaleSchema });

/** The answer to an address change, whatever the new address's state. The same receipt follows the new address. */
export const ChangeAddressAnswerSchema = z.object({
	status: z.literal('pending'),
	/** When the page may offer to resend: always the configured cooldown. */
	resendAfterSeconds: z.int(),
});

/** Confirm with the token from the link. */
export const ConfirmTokenRequestSchema = z.strictObject({ token: TokenSchema });

/** Confirm with the address and the code from the email. */
export const ConfirmCodeRequestSchema = z.strictObject({ email: EmailSchema, code: CodeSchema });

/** A confirmed address. */
export const ConfirmAnswerSchema = z.object({
	status: z.literal('confirmed'),
	/** Where to sign in now. */
	loginUrl: z.string(),
});

/** Ask for the confirmation email again, or for a password-reset email. */
export const EmailRequestSchema = z.strictObject({ email: EmailSchema, locale: LocaleSchema });

/** The generic answer to a request that may send an email. It never says whether one was sent. */
export const AcceptedAnswerSchema = z.object({
	status: z.literal('accepted'),
	/** When the page may offer to ask again: always the configured cooldown. */
	resendAfterSeconds: z.int(),
});

/** Choose a new password with the token from a reset link. */
export const ResetPasswordRequestSchema = z.strictObject({ token: TokenSchema, newPassword: PasswordSchema });

/** A changed password. */
export const ResetPasswordAnswerSchema = z.object({
	status: z.literal('password_changed'),
	/** Where to sign in now. */
	loginUrl: z.string(),
});

/** The liveness answer. */
/** One named check of the server's health: the database, the platform connection… */
export const HealthCheckSchema = z.object({ name: z.string(), status: z.enum(['ok', 'degraded', 'failing']) });

/**
 * The server's health: `failing` (answered with 503) when a check the server cannot work without
 * fails (the database); `degraded` when the server answers but a check fails (the provider's
 * configuration, its platform). Names only: the server's log says what is wrong.
 */
export const HealthAnswerSchema = z.object({ status: z.enum(['ok', 'degraded', 'failing']), checks: z.array(HealthCheckSchema) });

// ─── Endpoints ──────────────────────────────────────────────────────────────────────────────────

/** One API route: the server mounts it, the client calls it, the OpenAPI document describes it. */
export interface Endpoint {
	method: 'GET' | 'POST';
	/** Relative to {@link apiBasePath}. */
	path: string;
	summary: string;
	request?: z.ZodMiniType;
	success: { status: 200 | 202; schema: z.ZodMiniType };
	/** Problems this route answers with beyond the ones every route may give. */
	problems: readonly ProblemCode[];
}

/** Every route of the API, by name. */
export const endpoints = {
	health: {
		method: 'GET',
		path: '/health',
		summary: 'Health: named checks of what the server depends on (from memory: it never calls the platform); 503 when one fails',
		success: { status: 200, schema: HealthAnswerSchema },
		problems: [],
	},
	settings: {
		method: 'GET',
		path: '/settings',
		summary: 'The provider’s public settings for the widgets',
		success: { status: 200, schema: SettingsSchema },
		problems: ['upstream_unavailable'],
	},
	register: {
		method: 'POST',
		path: '/registrations',
		summary: 'Create an account (enumeration-safe: the same answer for new and known addresses)',
		request: RegisterRequestSchema,
		success: { status: 202, schema: RegisterAnswerSchema },
		problems: ['registration_disabled', 'registration_unavailable', 'invalid_email', 'weak_password', 'upstream_unavailable'],
	},
	registrationStatus: {
		method: 'POST',
		path: '/registrations/status',
		summary: 'How the registration behind a receipt is going',
		request: RegistrationStatusRequestSchema,
		success: { status: 200, schema: RegistrationStatusAnswerSchema },
		problems: ['invalid_receipt'],
	},
	changeAddress: {
		method: 'POST',
		path: '/registrations/change-address',
		summary: 'Send a pending registration to a corrected address (enumeration-safe); the old address’s link and code stop working',
		request: ChangeAddressRequestSchema,
		success: { status: 202, schema: ChangeAddressAnswerSchema },
		problems: ['invalid_receipt', 'invalid_email', 'too_many_changes', 'not_found'],
	},
	confirm: {
		method: 'POST',
		path: '/registrations/confirm',
		summary: 'Confirm an address with the token from the email’s link',
		request: ConfirmTokenRequestSchema,
		success: { status: 200, schema: ConfirmAnswerSchema },
		problems: ['invalid_token', 'expired_token'],
	},
	confirmCode: {
		method: 'POST',
		path: '/registrations/confirm-code',
		summary: 'Confirm an address with the six-digit code from the email',
		request: ConfirmCodeRequestSchema,
		success: { status: 200, schema: ConfirmAnswerSchema },
		problems: ['invalid_email', 'invalid_code', 'expired_token', 'too_many_attempts'],
	},
	resend: {
		method: 'POST',
		path: '/registrations/resend',
		summary: 'Send the confirmation email again (generic answer)',
		request: EmailRequestSchema,
		success: { status: 202, schema: AcceptedAnswerSchema },
		problems: ['invalid_email'],
	},
	requestPasswordReset: {
		method: 'POST',
		path: '/password-resets',
		summary: 'Email a password-reset link (generic answer)',
		request: EmailRequestSchema,
		success: { status: 202, schema: AcceptedAnswerSchema },
		problems: ['invalid_email'],
	},
	resetPassword: {
		method: 'POST',
		path: '/password-resets/complete',
		summary: 'Choose a new password with the token from the reset link',
		request: ResetPasswordRequestSchema,
		success: { status: 200, schema: ResetPasswordAnswerSchema },
		problems: ['invalid_token', 'expired_token', 'weak_password'],
	},
} as const satisfies Record<string, Endpoint>;

/** The name of an endpoint. */
export type EndpointName = keyof typeof endpoints;

/** Problems any route may answer with. */
export const commonProblems = [
	'invalid_request',
	'payload_too_large',
	'unsupported_media_type',
	'rate_limited',
	'method_not_allowed',
	'internal_error',
] as const satisfies readonly ProblemCode[];
