/**
 * The hook by which the built-in backend hands accounts to the platform the reader will actually
 * sign in to (Traccar, a provider's own platform behind the signed contract…). The help center
 * keeps everything about *confirming* — receipts, links, codes, cooldowns, its own emails — and the
 * platform keeps the *account*: the user, its password, whether it is active.
 *
 * With no platform configured the built-in backend behaves exactly as before (its own database holds
 * the account). With one, the help center stores only the platform's user id for each account,
 * never the password nor a hash of it: the password goes to the platform in the request that chose
 * it, and nowhere else. `src/server/README.md` (“Accounts on a platform”) tells why each operation
 * is shaped as it is: pre-account hijacking, enumeration timing, failures that lose nothing.
 */
import type { HealthCheck } from './types.ts';

/** What the help center sends to create a user. */
export interface NewPlatformUser {
	/** The address as typed (normalized by the contract); the user's login on the platform. */
	email: string;
	/** The password the reader chose in this registration attempt (policy already checked). */
	password: string;
	/** The reader's language (`en`, `pt-BR`…), for platforms that keep one. */
	locale: string;
}

/** The user a {@link AccountPlatform.createInactiveUser} call ended with. */
export interface PlatformUserRef {
	/**
	 * The platform's id of the user, as text whatever its type there. `null` only with `active`: the
	 * address is taken on the platform by a user the help center's credentials cannot see or manage.
	 */
	userId: string | null;
	/**
	 * `true` when the address already had an **active** user on the platform (made by the provider,
	 * or confirmed before the help center knew of it): that user was left exactly as it was — its
	 * password was not touched — and the help center treats the address as confirmed.
	 */
	active: boolean;
}

/** A user's state on the platform. */
export type PlatformUserState = 'inactive' | 'active' | 'missing';

/** What a platform says about itself, for the settings and for `provider:new`. All optional. */
export interface PlatformSettings {
	/** Whether the platform lets anyone register on it directly (bypassing the help center's checks). */
	openRegistration?: boolean;
	title?: string;
	/** A logo URL as the platform gives it. */
	logo?: string;
	logoInverted?: string;
	/** `#rrggbb`, or whatever CSS colour the platform stores. */
	colorPrimary?: string;
	termsUrl?: string;
	privacyUrl?: string;
}

/** What the platform's start-up check found; `fatal` stops the server before it listens. */
export interface PlatformStartupReport {
	/** One line per finding, for the provider: what is wrong and which variable to change. */
	text: string;
	fatal: boolean;
}

/** Why a platform call failed; the built-in backend turns each into the right answer. */
export type PlatformFailure =
	/** The platform could not answer now (down, slow, 5xx, a dropped connection): `upstream_unavailable`, try again. */
	| 'unavailable'
	/**
	 * The platform refused the help center's credentials or permissions (401/403, a token without a
	 * manager's rights): the provider must fix it. `registration_unavailable`, a degraded health
	 * check, a start-up error — never "try again".
	 */
	| 'misconfigured'
	/** The user is gone from the platform (deleted there). */
	| 'missing';

/** A failed platform call. `message` is for the server's log (never an answer): no secret in it. */
export class PlatformError extends Error {
	override name = 'PlatformError';
	readonly failure: PlatformFailure;
	/** Seconds to wait before trying again, when the platform said (`Retry-After`). */
	readonly retryAfter: number | undefined;

	constructor(failure: PlatformFailure, message: string, retryAfter?: number) {
		super(message);
		this.failure = failure;
		this.retryAfter = retryAfter;
	}
}

/**
 * What a platform that holds the accounts must do for the help center. Every method resolves or
 * throws a {@link PlatformError}; a method that throws has changed nothing the help center relies on
 * (or something it will redo: every write is idempotent).
 */
export interface AccountPlatform {
	/** The platform's kind, for logs and the start-up line (`traccar`). */
	readonly name: string;

	/**
	 * Creates an **inactive** user (unable to sign in) with this password. Idempotent per address:
	 * when the address already has an inactive user (an earlier attempt, a call whose answer was
	 * lost), that user gets this password and its id is returned; when it has an active one, nothing
	 * changes and `active` is `true`.
	 */
	createInactiveUser(user: NewPlatformUser): Promise<PlatformUserRef>;

	/**
	 * Gives a user a new password. With `onlyInactive` (a registration attempt on a pending
	 * address), an active user is left alone and the answer is `'active'` — so a registration can
	 * never change the password of an account someone can already sign in with. Without it (a
	 * completed password reset, whose link proved the mailbox) any user's password changes.
	 * Throws `missing` when the user no longer exists.
	 */
	setPassword(userId: string, password: string, options?: { onlyInactive?: boolean }): Promise<'set' | 'active'>;

	/** Lets the user sign in. Idempotent: activating an active user changes nothing. Throws `missing`. */
	activate(userId: string): Promise<void>;

	/**
	 * Reads the user's state without changing anything. The registration of a confirmed address
	 * makes this call so that it does platform work as the other branches do (see the README).
	 */
	userState(userId: string): Promise<PlatformUserState>;

	/** The platform's own settings, when it publishes them. */
	settings?(): Promise<PlatformSettings>;

	/** Named checks for `/health`, from memory (what the latest calls found): no call is made. */
	health?(): HealthCheck[];

	/** Checks the connection once at start-up (credentials, rights, a platform safe to use). */
	startupCheck?(): Promise<PlatformStartupReport>;
}
