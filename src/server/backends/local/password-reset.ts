/**
 * Password reset in the built-in backend. One live reset token per account (a new request kills
 * the older link), single use, one hour by default; a reset also confirms a pending address, since
 * the link proves the mailbox just as a confirmation does.
 */
import type { Locale } from '../../../signup/contract.ts';
import { ProblemError } from '../../http/problem.ts';
import { enqueueMail } from '../../mail/outbox.ts';
import type { SignupBackend } from '../types.ts';
import { cooldownOver, findAccount, loadAddressState, saveAddressState, type LocalContext } from './context.ts';
import { getRow, run, transaction } from './database.ts';
import { assertStrongPassword, hashPassword } from './passwords.ts';
import { hashSecret, newSecret } from './secrets.ts';

/** The password-reset half of the built-in backend. */
export function passwordResetFlows(context: LocalContext): Pick<SignupBackend, 'requestPasswordReset' | 'resetPassword'> {
	const { db, provider, rules, hasher, clock, mailQueued } = context;
	return {
		async requestPasswordReset({ email, locale }) {
			const now = clock.now();
			const queued = transaction(db, () => {
				const state = loadAddressState(db, email);
				// The cooldown runs for unknown addresses too, so it reveals nothing.
				if (!cooldownOver(rules, state.reset_mail_at, now)) return false;
				saveAddressState(db, email, { ...state, reset_mail_at: now }, now);
				const account = findAccount(db, email);
				if (!account) return false;
				const token = newSecret();
				const expiresAt = now + rules.resetTtlSeconds * 1000;
				run(
					db,
					`INSERT INTO password_resets (account_id, token_hash, locale, created_at, expires_at) VALUES (?, ?, ?, ?, ?)
					ON CONFLICT (account_id) DO UPDATE SET token_hash = excluded.token_hash, locale = excluded.locale,
						created_at = excluded.created_at, expires_at = excluded.expires_at`,
					account.id,
					hashSecret(token),
					locale,
					now,
					expiresAt,
				);
				enqueueMail(db, email, locale, { kind: 'reset', token, expiresAt }, now);
				return true;
			});
			if (queued) mailQueued();
		},

		async resetPassword(token, newPassword) {
			const tokenHash = hashSecret(token);
			const row = getRow<{ account_id: number; expires_at: number; locale: Locale; email: string }>(
				db,
				`SELECT r.account_id, r.expires_at, r.locale, a.email FROM password_resets r JOIN accounts a ON a.id = r.account_id
				WHERE r.token_hash = ?`,
				tokenHash,
			);
			if (!row) throw new ProblemError('invalid_token', 'This reset link is unknown, was replaced by a newer one, or was already used.');
			if (row.expires_at <= clock.now()) throw new ProblemError('expired_token', 'This reset link has expired; ask for a new one.');
			assertStrongPassword(provider, newPassword, row.email);
			const passwordHash = await hashPassword(hasher, newPassword);
			const now = clock.now();
			transaction(db, () => {
				// Deleting is the claim (the hash above took time; another request may have won).
				if (run(db, 'DELETE FROM password_resets WHERE account_id = ? AND token_hash = ?', row.account_id, tokenHash) !== 1) {
					throw new ProblemError('invalid_token', 'This reset link was already used.');
				}
				run(
					db,
					'UPDATE accounts SET password_hash = ?, confirmed_at = COALESCE(confirmed_at, ?) WHERE id = ?',
					passwordHash,
					now,
					row.account_id,
				);
				run(db, 'DELETE FROM confirmations WHERE account_id = ?', row.account_id);
				enqueueMail(db, row.email, row.locale, { kind: 'password_changed' }, now);
			});
			mailQueued();
		},
	};
}
