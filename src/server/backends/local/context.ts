/**
 * What every flow of the built-in backend works with, and the per-mailbox state they share.
 */
import type { Queryable, Store } from '../../store/store.ts';

import type { Clock } from '../../clock.ts';
import type { PasswordHasher } from '../../passwords/password-hash.ts';
import type { ProviderSettings, SignupRules } from '../../settings.ts';
import type { PlatformSteps } from './platform-accounts.ts';

/** The built-in backend's dependencies, as the flows see them. */
export interface LocalContext {
	db: Store;
	provider: ProviderSettings;
	rules: SignupRules;
	hasher: PasswordHasher;
	clock: Clock;
	/** Tells the mail worker that a transaction just queued mail. */
	mailQueued: () => void;
	/** The platform that holds the accounts, through its steps; `null`: the accounts are the help center's own. */
	platform: PlatformSteps | null;
}

/**
 * Wrong codes one confirmation may receive in all, across resends (NIST SP 800-63B allows at most
 * 100 failed attempts): past it only a new registration attempt helps.
 */
export const maxCodeFailuresTotal = 100;

/** An account as the flows need it. */
export interface AccountRow {
	id: number;
	email: string;
	locale: string;
	confirmed_at: number | null;
}

/** The account of a mailbox (see {@link mailboxKey}), if any. */
export async function findAccount(db: Queryable, mailbox: string): Promise<AccountRow | undefined> {
	return await db.get<AccountRow>('SELECT id, email, locale, confirmed_at FROM accounts WHERE mailbox = ?', mailbox);
}

/**
 * What the backend remembers about a mailbox, whether or not it has an account: when it was last
 * sent sign-up and reset mail (the cooldowns), and how many wrong codes it has had. Keeping it for
 * unknown mailboxes too is what makes them behave exactly like known ones.
 */
export interface AddressState {
	signup_mail_at: number | null;
	reset_mail_at: number | null;
	/** Wrong codes since the last resend (the per-cooldown lock). */
	code_failures: number;
	/** Wrong codes since the last registration past the cooldown (the overall cap). */
	code_failures_total: number;
}

/** The state of a mailbox; a fresh one when it was never asked about. */
export async function loadAddressState(db: Queryable, mailbox: string): Promise<AddressState> {
	return (
		await db.get<AddressState>(
			'SELECT signup_mail_at, reset_mail_at, code_failures, code_failures_total FROM address_state WHERE mailbox = ?',
			mailbox,
		) ?? { signup_mail_at: null, reset_mail_at: null, code_failures: 0, code_failures_total: 0 }
	);
}

/** Saves the state of a mailbox. */
export async function saveAddressState(db: Queryable, mailbox: string, state: AddressState, now: number): Promise<void> {
	await db.run(
		`INSERT INTO address_state (mailbox, signup_mail_at, reset_mail_at, code_failures, code_failures_total, updated_at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (mailbox) DO UPDATE SET signup_mail_at = excluded.signup_mail_at, reset_mail_at = excluded.reset_mail_at,
			code_failures = excluded.code_failures, code_failures_total = excluded.code_failures_total, updated_at = excluded.updated_at`,
		mailbox,
		state.signup_mail_at,
		state.reset_mail_at,
		state.code_failures,
		state.code_failures_total,
		now,
	);
}

/** Whether a mailbox may be sent mail of a kind last sent at `sentAt`. */
export function cooldownOver(rules: SignupRules, sentAt: number | null, now: number): boolean {
	return sentAt === null || now - sentAt >= rules.resendCooldownSeconds * 1000;
}

/**
 * Makes an attempt the account's live one: its password, its receipt, the address as typed (a
 * registration, or an attempt moved to a corrected address). Its link and code are minted when its
 * email is sent. Inside a transaction.
 */
export async function recordAttempt(
	{ db, rules }: { db: Queryable; rules: SignupRules },
	accountId: number,
	receiptHash: Buffer,
	email: string,
	passwordHash: string,
	now: number,
): Promise<void> {
	await db.run(
		`INSERT INTO confirmations (account_id, receipt_hash, email, password_hash, token_hash, code_salt, code_hash, created_at, expires_at)
		VALUES (?, ?, ?, ?, NULL, NULL, NULL, ?, ?)
		ON CONFLICT (account_id) DO UPDATE SET receipt_hash = excluded.receipt_hash, email = excluded.email,
			password_hash = excluded.password_hash, token_hash = NULL, code_salt = NULL, code_hash = NULL,
			created_at = excluded.created_at, expires_at = excluded.expires_at`,
		accountId,
		receiptHash,
		email,
		passwordHash,
		now,
		now + rules.confirmationTtlSeconds * 1000,
	);
}
