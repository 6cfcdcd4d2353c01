/**
 * Registration in the built-in backend: register, follow a receipt, confirm (link or code), resend.
 * The rules that keep an address's existence secret are spelled out where they apply; the README
 * (“Enumeration safety and receipts”) tells the whole story.
 */
import { randomBytes } from 'node:crypto';

import type { Locale } from '../../../signup/contract.ts';
import { ProblemError } from '../../http/problem.ts';
import { enqueueMail } from '../../mail/outbox.ts';
import type { RegistrationState, SignupBackend } from '../types.ts';
import {
	cooldownOver,
	findAccount,
	loadAddressState,
	saveAddressState,
	type AddressState,
	type LocalContext,
} from './context.ts';
import { getRow, run, transaction } from './database.ts';
import { assertStrongPassword, hashPassword } from './passwords.ts';
import { hashCode, hashSecret, newCode, newSecret, sameHash } from './secrets.ts';

type RegistrationFlows = Pick<SignupBackend, 'register' | 'registrationStatus' | 'confirmWithToken' | 'confirmWithCode' | 'resendConfirmation'>;

/** The registration half of the built-in backend. */
export function registrationFlows(context: LocalContext): RegistrationFlows {
	const { db, provider, rules, hasher, clock, mailQueued } = context;

	/**
	 * Replaces the account's confirmation with a new link and code, queues the email, and starts the
	 * address's cooldown with a clean wrong-code count. Inside a transaction.
	 */
	function issueConfirmation(accountId: number, email: string, locale: Locale, state: AddressState, now: number): void {
		const token = newSecret();
		const code = newCode();
		const salt = randomBytes(16);
		const expiresAt = now + rules.confirmationTtlSeconds * 1000;
		run(
			db,
			`INSERT INTO confirmations (account_id, token_hash, code_salt, code_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (account_id) DO UPDATE SET token_hash = excluded.token_hash, code_salt = excluded.code_salt,
				code_hash = excluded.code_hash, created_at = excluded.created_at, expires_at = excluded.expires_at`,
			accountId,
			hashSecret(token),
			salt,
			hashCode(salt, code),
			now,
			expiresAt,
		);
		enqueueMail(db, email, locale, { kind: 'confirm', token, code, expiresAt }, now);
		saveAddressState(db, email, { ...state, signup_mail_at: now, code_failures: 0 }, now);
	}

	/** Tells the owner of a confirmed address that it has an account. Inside a transaction. */
	function sendExistsNotice(email: string, locale: Locale, state: AddressState, now: number): void {
		enqueueMail(db, email, locale, { kind: 'exists' }, now);
		saveAddressState(db, email, { ...state, signup_mail_at: now, code_failures: 0 }, now);
	}

	return {
		async register({ email, password, locale }) {
			if (!provider.selfRegistration) throw new ProblemError('registration_disabled', 'This provider creates accounts itself.');
			assertStrongPassword(provider, password, email);
			// Hashed in every branch, even when the hash is thrown away, so that the answer takes as
			// long for a known address as for a new one.
			const passwordHash = await hashPassword(hasher, password);
			const receipt = newSecret();
			const now = clock.now();
			transaction(db, () => {
				const account = findAccount(db, email);
				const state = loadAddressState(db, email);
				let outcome: 'created' | 'pending' | 'exists';
				let accountId: number | null = null;
				if (!account) {
					accountId =
						getRow<{ id: number }>(
							db,
							'INSERT INTO accounts (email, password_hash, locale, created_at) VALUES (?, ?, ?, ?) RETURNING id',
							email,
							passwordHash,
							locale,
							now,
						)?.id ?? null;
					// A new account's first email ignores the cooldown: someone asking about an unknown
					// address must not be able to hold back the confirmation of its registration.
					if (accountId !== null) issueConfirmation(accountId, email, locale, state, now);
					outcome = 'created';
				} else if (account.confirmed_at === null) {
					accountId = account.id;
					const live = getRow(db, 'SELECT 1 FROM confirmations WHERE account_id = ? AND expires_at > ?', account.id, now);
					// While its confirmation is live, a pending account keeps the password it was created
					// with, so a stranger cannot swap in their own before the owner confirms. Once the
					// confirmation has expired the attempt was abandoned, and the newest one takes over.
					if (!live) run(db, 'UPDATE accounts SET password_hash = ?, locale = ? WHERE id = ?', passwordHash, locale, account.id);
					if (cooldownOver(rules, state.signup_mail_at, now)) issueConfirmation(account.id, email, locale, state, now);
					outcome = 'pending';
				} else {
					if (cooldownOver(rules, state.signup_mail_at, now)) sendExistsNotice(email, locale, state, now);
					outcome = 'exists';
				}
				run(
					db,
					'INSERT INTO receipts (receipt_hash, account_id, outcome, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
					hashSecret(receipt),
					accountId,
					outcome,
					now,
					now + rules.confirmationTtlSeconds * 1000,
				);
			});
			mailQueued();
			return { receipt };
		},

		async registrationStatus(receipt): Promise<RegistrationState> {
			const row = getRow<{ outcome: string; expires_at: number; confirmed_at: number | null }>(
				db,
				`SELECT r.outcome, r.expires_at, a.confirmed_at FROM receipts r LEFT JOIN accounts a ON a.id = r.account_id
				WHERE r.receipt_hash = ?`,
				hashSecret(receipt),
			);
			if (!row) throw new ProblemError('invalid_receipt', 'No registration has this receipt (receipts are forgotten a week after they expire).');
			// A receipt for an address that was confirmed already never says "confirmed": it ages like
			// a registration nobody confirms, which is what it must look like to whoever holds it.
			if (row.outcome !== 'exists' && row.confirmed_at !== null) return 'confirmed';
			return clock.now() < row.expires_at ? 'pending' : 'expired';
		},

		async confirmWithToken(token) {
			const now = clock.now();
			const tokenHash = hashSecret(token);
			const row = getRow<{ account_id: number; expires_at: number }>(
				db,
				'SELECT account_id, expires_at FROM confirmations WHERE token_hash = ?',
				tokenHash,
			);
			if (!row) throw new ProblemError('invalid_token', 'This confirmation link is unknown or was already used.');
			if (row.expires_at <= now) throw new ProblemError('expired_token', 'This confirmation link has expired; ask for a new email.');
			transaction(db, () => {
				// Deleting is the claim: of two simultaneous confirmations only one deletes the row.
				if (run(db, 'DELETE FROM confirmations WHERE account_id = ? AND token_hash = ?', row.account_id, tokenHash) !== 1) {
					throw new ProblemError('invalid_token', 'This confirmation link was already used.');
				}
				run(db, 'UPDATE accounts SET confirmed_at = COALESCE(confirmed_at, ?) WHERE id = ?', now, row.account_id);
			});
		},

		async confirmWithCode(email, code) {
			const now = clock.now();
			const outcome = transaction(db, () => {
				const state = loadAddressState(db, email);
				if (state.code_failures >= rules.maxCodeAttempts) return { kind: 'locked' as const };
				const row = getRow<{ account_id: number; code_salt: Uint8Array; code_hash: Uint8Array; expires_at: number }>(
					db,
					`SELECT c.account_id, c.code_salt, c.code_hash, c.expires_at FROM accounts a
					JOIN confirmations c ON c.account_id = a.id WHERE a.email = ? AND a.confirmed_at IS NULL`,
					email,
				);
				// The same HMAC work whether or not there is a confirmation to compare with.
				const computed = hashCode(row?.code_salt ?? randomBytes(16), code);
				if (row && sameHash(computed, row.code_hash)) {
					if (row.expires_at <= now) return { kind: 'expired' as const };
					run(db, 'DELETE FROM confirmations WHERE account_id = ?', row.account_id);
					run(db, 'UPDATE accounts SET confirmed_at = COALESCE(confirmed_at, ?) WHERE id = ?', now, row.account_id);
					saveAddressState(db, email, { ...state, code_failures: 0 }, now);
					return { kind: 'confirmed' as const };
				}
				// Unknown, pending and confirmed addresses all count wrong codes alike.
				const failures = state.code_failures + 1;
				saveAddressState(db, email, { ...state, code_failures: failures }, now);
				return { kind: 'wrong' as const, attemptsLeft: Math.max(0, rules.maxCodeAttempts - failures) };
			});
			switch (outcome.kind) {
				case 'confirmed':
					return;
				case 'locked':
					throw new ProblemError('too_many_attempts', 'Too many wrong codes for this address; ask for a new email to get a new code.');
				case 'expired':
					throw new ProblemError('expired_token', 'This code has expired; ask for a new email.');
				case 'wrong':
					throw new ProblemError('invalid_code', 'This code does not match; check the latest email.', { attemptsLeft: outcome.attemptsLeft });
			}
		},

		async resendConfirmation({ email, locale }) {
			const now = clock.now();
			const queued = transaction(db, () => {
				const state = loadAddressState(db, email);
				if (!cooldownOver(rules, state.signup_mail_at, now)) return false;
				const account = findAccount(db, email);
				if (account?.confirmed_at === null) {
					issueConfirmation(account.id, email, locale, state, now);
					return true;
				}
				if (account) {
					// A confirmed owner pressing "resend" is lost; tell them they can just sign in.
					sendExistsNotice(email, locale, state, now);
					return true;
				}
				// No account: record what a pending address would have recorded, so that the cooldown and
				// the wrong-code count behave identically.
				saveAddressState(db, email, { ...state, signup_mail_at: now, code_failures: 0 }, now);
				return false;
			});
			if (queued) mailQueued();
		},
	};
}
