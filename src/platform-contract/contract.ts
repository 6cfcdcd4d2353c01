/**
 * The platform contract: the few operations a provider implements on its own platform so that the
 * help center can hand it every confirmed registration. Declared once here; the help center's
 * platform client, the reference implementation (`src/platform-reference/`), the conformance kit
 * (`npm run contract:check`) and the published OpenAPI document (`platform-openapi.json`) all use
 * these schemas.
 *
 * Every operation is a signed `POST` with a JSON body (Standard Webhooks, see `signing.ts`): the
 * signature covers the body, and the `webhook-id` header is the call's idempotency key. The help
 * center keeps the confirmation flow (emails, codes, receipts, cooldowns); the platform keeps the
 * account and its password.
 *
 * The help center sends every email itself (confirmation, reset, “account exists”), with its own
 * links and codes, so the contract has no operation for a platform's own mail: a platform that
 * sends its own, such as Navixy, has a backend of its own instead.
 *
 * Request objects are strict (an unknown field is `invalid_request`); answer objects are not, so a
 * platform may add fields.
 */
import * as z from 'zod/mini';

import { isCleanText, isValidEmail } from '../signup/text.ts';

/** The contract's version, in the OpenAPI document and the `platform-contract-version` header of every call. */
export const platformContractVersion = '1.0.0';

// ─── Problems (RFC 9457) ────────────────────────────────────────────────────────────────────────

/** Every problem a platform answers with: its HTTP status and an English title. */
export const platformProblemCatalogue = {
	/** Malformed JSON, a wrong type, a missing or an unknown field. */
	invalid_request: { status: 400, title: 'The request is not valid' },
	/** No signature, a signature that does not match the body, or no `webhook-id`. */
	unauthorized: { status: 401, title: 'The request is not signed with the shared secret' },
	/** `webhook-timestamp` is more than five minutes away from the platform's clock. */
	stale_timestamp: { status: 401, title: 'The request’s timestamp is too old or too far in the future' },
	/** The operation does not exist. */
	not_found: { status: 404, title: 'No such operation' },
	/** No user has this id. */
	unknown_user: { status: 404, title: 'No user has this id' },
	/** A user with this email address exists already (in any state). */
	user_exists: { status: 409, title: 'A user with this email address exists' },
	/** This `webhook-id` was used already for a different request (another operation or body). */
	replayed: { status: 409, title: 'This webhook-id was used for a different request' },
	/** The platform refuses the password by a rule of its own. */
	password_rejected: { status: 422, title: 'The platform refuses this password' },
	/** The platform does not let new users be created now (its registration is off). */
	registration_disabled: { status: 403, title: 'The platform does not accept new users' },
	/** The platform cannot answer now; retrying with the same `webhook-id` is safe. */
	unavailable: { status: 503, title: 'The platform is temporarily unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

/** A stable problem code of the platform contract. */
export type PlatformProblemCode = keyof typeof platformProblemCatalogue;

/** Every problem code, in catalogue order. */
export const platformProblemCodes = Object.keys(platformProblemCatalogue) as [PlatformProblemCode, ...PlatformProblemCode[]];

/** The `type` URI of a platform problem (a `tag:` URI, not meant to be fetched). */
export function platformProblemType(code: PlatformProblemCode): string {
	return `tag:platform-contract,2026:problem:${code}`;
}

/** An `application/problem+json` body. */
export const PlatformProblemSchema = z.object({
	/** See {@link platformProblemType}. */
	type: z.string(),
	/** A short English summary. */
	title: z.string(),
	/** The HTTP status, repeated. */
	status: z.int(),
	/** What was wrong with this request, in English, for the provider's logs. */
	detail: z.optional(z.string()),
	/** The stable code. */
	code: z.enum(platformProblemCodes),
});

/** A platform problem body. */
export type PlatformProblem = z.output<typeof PlatformProblemSchema>;

// ─── Field types ────────────────────────────────────────────────────────────────────────────────

/** The platform's id of a user: an opaque string the help center stores and sends back. */
export const UserIdSchema = z
	.string()
	.check(z.minLength(1), z.maxLength(128), z.refine(isCleanText, 'No control characters.'), z.describe('The platform’s own id of the user, opaque to the help center.'));

/** An email address, normalized by the help center already (trimmed, NFC, domain in lower case). */
export const PlatformEmailSchema = z
	.string()
	.check(z.refine(isValidEmail, 'Not a valid email address.'), z.describe('The user’s email address, as the help center normalized it.'));

/** A password in clear: sent over HTTPS only, never stored by the help center. */
export const PlatformPasswordSchema = z
	.string()
	.check(z.minLength(1), z.maxLength(1024), z.refine(isCleanText, 'No control characters.'), z.describe('The password the reader chose; the help center’s policy already accepted it.'));

/** The user's language, a BCP-47 tag (`en`, `pt-BR`). */
export const PlatformLocaleSchema = z
	.string()
	.check(z.regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/), z.describe('The reader’s language, a BCP-47 tag.'));

/** A user's state on the platform: `inactive` cannot sign in yet, `active` can. */
export const UserStateSchema = z.enum(['inactive', 'active']);

// ─── Requests and answers ───────────────────────────────────────────────────────────────────────

/** The settings request has no fields (the body is `{}`, so that it can be signed like the others). */
export const SettingsRequestSchema = z.strictObject({});

/**
 * What the platform says about itself. Not strict, like every answer: a field the contract does not
 * name is accepted and dropped, so an implementation that still answers the former `sendsOwnMail`
 * keeps working (the help center sends the mail either way).
 */
export const PlatformSettingsSchema = z.object({
	/** Whether new users may be created now; `false` makes the help center refuse registrations. */
	registrationAllowed: z.boolean(),
	/** The platform's (the provider's) brand name. */
	name: z.string(),
	/** Where users sign in. */
	loginUrl: z.url(),
});

/** The platform's settings. */
export type PlatformSettings = z.output<typeof PlatformSettingsSchema>;

/** Create a user who cannot sign in until activated. */
export const CreateUserRequestSchema = z.strictObject({
	email: PlatformEmailSchema,
	password: PlatformPasswordSchema,
	locale: PlatformLocaleSchema,
});

/** A user the platform holds. */
export const UserSchema = z.object({
	userId: UserIdSchema,
	email: z.string(),
	state: UserStateSchema,
});

/** A user on the platform. */
export type PlatformUser = z.output<typeof UserSchema>;

/** Find a user by id or by email address (exactly one of the two). */
export const GetUserRequestSchema = z.union([z.strictObject({ userId: UserIdSchema }), z.strictObject({ email: PlatformEmailSchema })]);

/** A user's state, or `none` when the platform has no such user. */
export const UserLookupSchema = z.object({
	state: z.enum(['none', 'inactive', 'active']),
	/** Absent when `state` is `none`. */
	user: z.optional(UserSchema),
});

/** Activate a user: from now on they can sign in. Activating an active user changes nothing. */
export const ActivateUserRequestSchema = z.strictObject({ userId: UserIdSchema });

/**
 * Replace a user's password: a completed reset, or a new registration attempt on an address still
 * pending. The attempt sends `onlyIfInactive: true`, so that registering an address can never change
 * the password of a user who can already sign in — checked and done by the platform in one step.
 */
export const SetPasswordRequestSchema = z.strictObject({
	userId: UserIdSchema,
	password: PlatformPasswordSchema,
	/** Leave an active user's password as it is (and answer `passwordChanged: false`). Default false. */
	onlyIfInactive: z.optional(z.boolean()),
});

/** The user after a password change, and whether the password was changed. */
export const PasswordSetSchema = z.object({
	userId: UserIdSchema,
	email: z.string(),
	state: UserStateSchema,
	/** `false` only when `onlyIfInactive` found the user active. */
	passwordChanged: z.boolean(),
});

// ─── Operations ─────────────────────────────────────────────────────────────────────────────────

/** One operation: a signed POST to `path` (relative to the platform's contract URL). */
export interface PlatformOperation {
	path: string;
	summary: string;
	request: z.ZodMiniType;
	success: { status: 200 | 201 | 202; schema: z.ZodMiniType };
	/** Problems this operation answers with beyond {@link platformCommonProblems}. */
	problems: readonly PlatformProblemCode[];
}

/** Every operation of the contract, by name. */
export const platformOperations = {
	settings: {
		path: '/settings',
		summary: 'The platform’s settings: registration allowed, name, login URL',
		request: SettingsRequestSchema,
		success: { status: 200, schema: PlatformSettingsSchema },
		problems: [],
	},
	createUser: {
		path: '/users',
		summary: 'Create an inactive user (cannot sign in until activated); answers the platform’s user id',
		request: CreateUserRequestSchema,
		success: { status: 201, schema: UserSchema },
		problems: ['user_exists', 'password_rejected', 'registration_disabled'],
	},
	getUser: {
		path: '/users/lookup',
		summary: 'A user’s state by id or email address: none, inactive or active',
		request: GetUserRequestSchema,
		success: { status: 200, schema: UserLookupSchema },
		problems: [],
	},
	activateUser: {
		path: '/users/activate',
		summary: 'Activate a user: they can sign in from now on',
		request: ActivateUserRequestSchema,
		success: { status: 200, schema: UserSchema },
		problems: ['unknown_user'],
	},
	setPassword: {
		path: '/users/password',
		summary: 'Replace a user’s password (the old one stops working), or with onlyIfInactive leave an active user’s alone',
		request: SetPasswordRequestSchema,
		success: { status: 200, schema: PasswordSetSchema },
		problems: ['unknown_user', 'password_rejected'],
	},
} as const satisfies Record<string, PlatformOperation>;

/** The name of an operation. */
export type PlatformOperationName = keyof typeof platformOperations;

/** Problems every operation may answer with: the signature and idempotency checks, bad bodies, outages. */
export const platformCommonProblems = ['invalid_request', 'unauthorized', 'stale_timestamp', 'replayed', 'unavailable'] as const satisfies readonly PlatformProblemCode[];

// ─── Events (optional) ──────────────────────────────────────────────────────────────────────────

/**
 * `account.confirmed`: sent to the provider's events URL (`PLATFORM_EVENTS_URL`) once an address
 * is confirmed, signed like every call, with the same `webhook-id` on each retry. For platforms
 * that only need to know. The envelope is Standard Webhooks' (`type`, `timestamp`, `data`).
 */
export const AccountConfirmedEventSchema = z.object({
	type: z.literal('account.confirmed'),
	/** When the event happened (ISO 8601). */
	timestamp: z.string(),
	data: z.object({
		/** The confirmed address, as the reader typed it. */
		email: z.string(),
		/** The reader's language, a BCP-47 tag. */
		locale: z.string(),
		/** The platform's user id when the platform holds the account (the `platform` backend), else `null`. */
		userId: z.nullable(z.string()),
	}),
});

/** The answer to an event: any 2xx will do; the reference answers this. */
export const EventReceivedSchema = z.object({ status: z.literal('received') });

/** The events the help center can send, by name. */
export const platformEvents = {
	accountConfirmed: {
		path: '/events',
		summary: 'Optional: an address was confirmed (sent to PLATFORM_EVENTS_URL, retried until a 2xx answer)',
		request: AccountConfirmedEventSchema,
		success: { status: 200, schema: EventReceivedSchema },
		problems: [],
	},
} as const satisfies Record<string, PlatformOperation>;

/** How far `webhook-timestamp` may be from the receiver's clock, either way (Standard Webhooks' tolerance). */
export const timestampToleranceSeconds = 300;

/** How long a receiver must remember a `webhook-id` and its answer, at least (the help center retries within it). */
export const idempotencyRetentionSeconds = 24 * 3600;
