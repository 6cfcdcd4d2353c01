/**
 * Password reset in the built-in backend. One live reset token per account (a new request kills
 * the older link), single use, one hour by default; a reset also confirms a pending address, since
 * the link proves the mailbox just as a confirmation does.
 */
import type { Locale } from '../../../signup/contract.ts';
import { ProblemError } from '../../problem-error.ts';
import { enqueueMail } from '../../mail/outbox.ts';
import type { SignupBackend } from '../types.ts';
import { cooldownOver, loadAddressState, saveAddressState, type LocalContext } from './context.ts';
import { mailboxKey } from './mailbox.ts';
import { assertStrongPassword, hashPassword } from './passwords.ts';
import { hashSecret } from './secrets.ts';

/** The password-reset half of the built-in backend. */
export function passwordResetFlows(context: LocalContext): Pick<SignupBackend, 'requestPasswordReset' | 'resetPassword'> {
	const { db, provider, rules, hasher, clock, mailQueued, platform } = context;
	return {
		async requestPasswordReset({ email, locale }) {
			const now = clock.now();
			const mailbox = mailboxKey(email);
			// The same work for every mailbox, known or not: the worker decides, when it sends, whether
			// there is an account to send a link for (see mail-requests.ts).
			const queued = await db.transaction(async (db) => {
				const state = await loadAddressState(db, mailbox);
				// The cooldown runs for unknown addresses too, so it reveals nothing.
				if (!cooldownOver(rules, state.reset_mail_at, now)) return false;
				await saveAddressState(db, mailbox, { ...state, reset_mail_at: now }, now);
				await enqueueMail(db, email, locale, { kind: 'reset', data: { mailbox } }, now);
				return true;
			});
			if (queued) mailQueued();
		},

		async resetPassword(token, newPassword) {
			const tokenHash = hashSecret(token);
			const row = await db.get<{ account_id: number; expires_at: number; locale: Locale; email: string; confirmed_at: number | null }>(
				`SELECT r.account_id, r.expires_at, r.locale, a.email, a.confirmed_at FROM password_resets r JOIN accounts a ON a.id = r.account_id
				WHERE r.token_hash = ?`,
				tokenHash,
			);
			if (!row) throw new ProblemError('invalid_token', 'This reset link is unknown, was replaced by a newer one, or was already used.');
			if (row.expires_at <= clock.now()) throw new ProblemError('expired_token', 'This reset link has expired; ask for a new one.');
			assertStrongPassword(provider, newPassword, row.email);
			// With a platform the new password goes to it alone, before the link is spent (a failure
			// leaves the link usable); nothing of it is kept here.
			if (platform) await platform.resetPassword(row.account_id, row.email, row.locale, newPassword, row.confirmed_at === null);
			const passwordHash = platform ? '' : await hashPassword(hasher, newPassword);
			const now = clock.now();
			await db.transaction(async (db) => {
				// Deleting is the claim (the hash above took time; another request may have won).
				if (await db.run('DELETE FROM password_resets WHERE account_id = ? AND token_hash = ?', row.account_id, tokenHash) !== 1) {
					throw new ProblemError('invalid_token', 'This reset link was already used.');
				}
				await db.run(
					'UPDATE accounts SET password_hash = ?, confirmed_at = COALESCE(confirmed_at, ?) WHERE id = ?',
					passwordHash,
					now,
					row.account_id,
				);
				// The link proved the mailbox, so the account is confirmed with the password just chosen;
				// no registration attempt was confirmed, so no receipt learns of it.
				await db.run('DELETE FROM confirmations WHERE account_id = ?', row.account_id);
				await enqueueMail(db, row.email, row.locale, { kind: 'password_changed' }, now);
			});
			mailQueued();
		},
	};
}
