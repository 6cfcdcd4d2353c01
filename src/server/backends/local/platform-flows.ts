/**
 * The built-in backend's flows when a platform holds the accounts: each flow that touches an
 * account runs in its mailbox's turn (one at a time per mailbox), and a confirmation activates the
 * platform user *before* the link or code is spent, so a failed platform call leaves it usable.
 * Registration and reset make their own platform calls (`registration.ts`, `password-reset.ts`);
 * status, resend and reset requests never call the platform: they stay the help center's own.
 */
import { randomBytes } from 'node:crypto';

import type { SignupBackend } from '../types.ts';
import { loadAddressState, maxCodeFailuresTotal, type LocalContext } from './context.ts';
import { mailboxKey } from './mailbox.ts';
import type { PlatformSteps } from './platform-accounts.ts';
import { hashCode, hashSecret, sameHash } from './secrets.ts';

type AccountFlows = Pick<SignupBackend, 'register' | 'confirmWithToken' | 'confirmWithCode' | 'resetPassword'>;

/** `flows` in their mailbox's turn, confirmations activating the platform user first. */
export function withPlatform<T extends AccountFlows>(flows: T, context: Pick<LocalContext, 'db' | 'rules' | 'clock'>, steps: PlatformSteps): T {
	const { db, rules, clock } = context;

	/** The mailbox a link of `table` belongs to, when the link is known. */
	async function mailboxOfToken(table: 'confirmations' | 'password_resets', token: string): Promise<string | undefined> {
		return (await db.get<{ mailbox: string }>(`SELECT a.mailbox FROM ${table} t JOIN accounts a ON a.id = t.account_id WHERE t.token_hash = ?`, hashSecret(token)))
			?.mailbox;
	}

	/** The account whose live, unexpired code this is, if the mailbox may still try codes. Reads only. */
	async function accountOfCode(mailbox: string, code: string): Promise<number | null> {
		const state = await loadAddressState(db, mailbox);
		const row = await db.get<{ account_id: number; expires_at: number; code_salt: Uint8Array | null; code_hash: Uint8Array | null }>(
			`SELECT c.account_id, c.expires_at, c.code_salt, c.code_hash FROM accounts a
			JOIN confirmations c ON c.account_id = a.id WHERE a.mailbox = ? AND a.confirmed_at IS NULL`,
			mailbox,
		);
		// The same HMAC work whether or not there is a code to compare with (as in the flow itself).
		const computed = hashCode(row?.code_salt ?? randomBytes(16), code);
		if (state.code_failures >= rules.maxCodeAttempts || state.code_failures_total >= maxCodeFailuresTotal) return null;
		if (!row?.code_hash || !sameHash(computed, row.code_hash) || row.expires_at <= clock.now()) return null;
		return row.account_id;
	}

	return {
		...flows,
		register: (input) => steps.withMailbox(mailboxKey(input.email), () => flows.register(input)),

		async confirmWithToken(token) {
			const mailbox = await mailboxOfToken('confirmations', token);
			// An unknown link: the flow gives the answer.
			if (mailbox === undefined) return flows.confirmWithToken(token);
			return steps.withMailbox(mailbox, async () => {
				// Still live once our turn came (a newer attempt may have replaced it)?
				const live = await db.get<{ account_id: number; expires_at: number }>(
					'SELECT account_id, expires_at FROM confirmations WHERE token_hash = ?',
					hashSecret(token),
				);
				if (live && live.expires_at > clock.now()) await steps.activate(live.account_id);
				return flows.confirmWithToken(token);
			});
		},

		confirmWithCode: (email, code) =>
			steps.withMailbox(mailboxKey(email), async () => {
				const accountId = await accountOfCode(mailboxKey(email), code);
				if (accountId !== null) await steps.activate(accountId);
				// The flow counts a wrong code, or spends the right one.
				return flows.confirmWithCode(email, code);
			}),

		async resetPassword(token, newPassword) {
			const mailbox = await mailboxOfToken('password_resets', token);
			if (mailbox === undefined) return flows.resetPassword(token, newPassword);
			return steps.withMailbox(mailbox, () => flows.resetPassword(token, newPassword));
		},
	};
}
