/**
 * What every flow of the built-in backend works with, and the per-address state they share.
 */
import type { DatabaseSync } from 'node:sqlite';

import type { Clock } from '../../clock.ts';
import type { PasswordHasher } from '../../passwords/password-hash.ts';
import type { ProviderSettings, SignupRules } from '../../settings.ts';
import { getRow, run } from './database.ts';

/** The built-in backend's dependencies, as the flows see them. */
export interface LocalContext {
	db: DatabaseSync;
	provider: ProviderSettings;
	rules: SignupRules;
	hasher: PasswordHasher;
	clock: Clock;
	/** Tells the mail worker that a transaction just queued mail. */
	mailQueued: () => void;
}

/** An account as the flows need it. */
export interface AccountRow {
	id: number;
	confirmed_at: number | null;
}

/** The account of a (normalized) address, if any. */
export function findAccount(db: DatabaseSync, email: string): AccountRow | undefined {
	return getRow<AccountRow>(db, 'SELECT id, confirmed_at FROM accounts WHERE email = ?', email);
}

/**
 * What the backend remembers about an address, whether or not it has an account: when it was
 * last sent sign-up and reset mail (the cooldowns), and how many wrong codes it has had. Keeping it
 * for unknown addresses too is what makes them behave exactly like known ones.
 */
export interface AddressState {
	signup_mail_at: number | null;
	reset_mail_at: number | null;
	code_failures: number;
}

/** The state of an address; a fresh one when it was never asked about. */
export function loadAddressState(db: DatabaseSync, email: string): AddressState {
	return (
		getRow<AddressState>(db, 'SELECT signup_mail_at, reset_mail_at, code_failures FROM address_state WHERE email = ?', email) ?? {
			signup_mail_at: null,
			reset_mail_at: null,
			code_failures: 0,
		}
	);
}

/** Saves the state of an address. */
export function saveAddressState(db: DatabaseSync, email: string, state: AddressState, now: number): void {
	run(
		db,
		`INSERT INTO address_state (email, signup_mail_at, reset_mail_at, code_failures, updated_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (email) DO UPDATE SET signup_mail_at = excluded.signup_mail_at, reset_mail_at = excluded.reset_mail_at,
			code_failures = excluded.code_failures, updated_at = excluded.updated_at`,
		email,
		state.signup_mail_at,
		state.reset_mail_at,
		state.code_failures,
		now,
	);
}

/** Whether an address may be sent mail of a kind last sent at `sentAt`. */
export function cooldownOver(rules: SignupRules, sentAt: number | null, now: number): boolean {
	return sentAt === null || now - sentAt >= rules.resendCooldownSeconds * 1000;
}
