/**
 * The port between the HTTP handlers and whatever keeps the accounts: the built-in SQLite backend
 * or a provider's Navixy platform. The handlers validate input with the contract and turn
 * {@link ProblemError}s into answers; a backend owns every rule about accounts, tokens, cooldowns
 * and email.
 *
 * Shaped for a platform that sends its own mail (Navixy): no method hands back a token or an email,
 * cooldowns and the password policy come from {@link SignupBackend.settings}, and capabilities the
 * platform lacks are switched off in `settings().features` (a method behind a feature that is off
 * throws `not_found`).
 */
import type {
	HealthCheckSchema,
	Locale,
	RegistrationStatusAnswer,
	RegistrationStatusAnswerSchema,
	Settings,
} from '../../signup/contract.ts';
import type * as z from 'zod/mini';

/** A registration to carry out. `email` is normalized already (see the contract's `normalizeEmail`). */
export interface RegisterInput {
	email: string;
	password: string;
	locale: Locale;
}

/** A request that may send an email (resend, password-reset request). */
export interface EmailInput {
	email: string;
	locale: Locale;
}

/** An address change: the receipt of the attempt and the corrected address (normalized already). */
export interface ChangeAddressInput {
	receipt: string;
	email: string;
	locale: Locale;
}

/** The state a receipt reports. */
export type RegistrationState = z.output<typeof RegistrationStatusAnswerSchema>['status'];

/**
 * One named check of `/health` (names only, never a message): `failing` makes the whole answer 503
 * (the server cannot work: its database); `degraded` says the server answers but something the
 * provider must fix is wrong (its platform's configuration).
 */
export type HealthCheck = z.output<typeof HealthCheckSchema>;

/**
 * Everything the sign-up API needs from a backend. Every method either resolves or throws a
 * `ProblemError` with a contract problem code; anything else is a bug (`internal_error`).
 */
export interface SignupBackend {
	/** The public settings: the provider, the policy it enforces, cooldowns, features. */
	settings(): Promise<Settings>;

	/** Named checks of what the backend depends on (`/health`); none means nothing to check. */
	health?(): Promise<HealthCheck[]> | HealthCheck[];

	/**
	 * Creates an inactive account and emails a confirmation — or, for a known address, does the
	 * enumeration-safe equivalent (re-sends the confirmation, or tells the owner an account exists).
	 * Resolves the same way, in the same time, in every case. Throws `weak_password` before any
	 * state changes, `registration_disabled` when self-registration is off.
	 * @returns the receipt: an opaque secret that only ever reports on this attempt.
	 */
	register(input: RegisterInput): Promise<{ receipt: string }>;

	/**
	 * How the attempt behind a receipt is going, and (with `features.deliveryTimeline`) what happened
	 * to its latest email. Throws `invalid_receipt` for an unknown one. Never tells an address's state
	 * that this attempt did not cause (see the README).
	 */
	registrationStatus(receipt: string): Promise<RegistrationStatusAnswer>;

	/**
	 * Moves a pending attempt to a corrected address (`features.addressChange`; absent: `not_found`).
	 * Throws `invalid_receipt`, `too_many_changes`; otherwise resolves the same way whatever the new
	 * address's state.
	 */
	changeAddress?(input: ChangeAddressInput): Promise<void>;

	/**
	 * Confirms the address the token was sent to; single use. Throws `invalid_token` (unknown or used)
	 * or `expired_token`.
	 */
	confirmWithToken(token: string): Promise<void>;

	/**
	 * Confirms an address with its emailed code. Throws `invalid_code` (with `attemptsLeft`),
	 * `expired_token`, or `too_many_attempts` once the address has had too many wrong codes.
	 * Behaves the same for unknown, pending and confirmed addresses until the code is right.
	 */
	confirmWithCode(email: string, code: string): Promise<void>;

	/** Sends the confirmation again if the address is pending and its cooldown is over. Reveals nothing. */
	resendConfirmation(input: EmailInput): Promise<void>;

	/** Emails a reset link if the address has an account and its cooldown is over. Reveals nothing. */
	requestPasswordReset(input: EmailInput): Promise<void>;

	/**
	 * Sets a new password with a reset token; the token and any older ones die. Throws
	 * `invalid_token`, `expired_token` or `weak_password` (the token then stays usable).
	 */
	resetPassword(token: string, newPassword: string): Promise<void>;

	/** The backend's own checks, from memory (no call): a backend without any is simply `ok`. */
}
