/**
 * What the mail worker sends for a queued row of the built-in backend. Rows carry no secret: the
 * link and code of a confirmation, and the link of a reset, are minted here, when the email is
 * sent, and only their hashes are stored. Requests about a mailbox (`resend`, `reset`) are resolved
 * here too, so that the request itself did the same work whether or not the mailbox has an account.
 */
import { randomBytes } from 'node:crypto';

import type { MailMessage } from '../../mail/messages.ts';
import type { PreparedMail } from '../../mail/worker.ts';
import type { Queryable } from '../../store/store.ts';
import { storedMessage, tagAttempt, type QueuedMail } from '../../mail/outbox.ts';
import { findAccount, type LocalContext } from './context.ts';
import { hashCode, hashSecret, newCode, newSecret } from './secrets.ts';

/**
 * Turns a claimed row into its message; `replaced` when a newer attempt on the address replaced the
 * registration this email belongs to before it went out; `null` when there is nothing to send.
 */
export async function mailForRequest({ db, rules, clock }: Pick<LocalContext, 'db' | 'rules' | 'clock'>, mail: QueuedMail): Promise<PreparedMail> {
	// A registration's "account exists" email is replaced as a confirmation is (see mintConfirmation),
	// so that its receipt shows the same timeline whether or not the address has an account.
	if (mail.kind === 'exists' && (await newerAttempt(db, mail.id))) return 'replaced';
	const stored = storedMessage(mail);
	if (stored) return stored;
	const base = { id: mail.id, to: mail.to, locale: mail.locale, createdAt: mail.createdAt };

	/**
	 * A new link and code for the account's newest attempt. A registration's own email (`resend`
	 * false) needs the attempt live; a resend (`resend` true) also revives an expired one for a new
	 * lifetime — the status page offers “send a new email” once it says `expired` — as long as the
	 * attempt is kept (a week past its expiry).
	 */
	async function mintConfirmation(db: Queryable, accountId: number, now: number, resend: boolean, attemptHex?: string): Promise<MailMessage | 'replaced' | null> {
		const attempt = await db.get<{ expires_at: number; receipt_hash: Uint8Array | null }>(
			`SELECT c.expires_at, c.receipt_hash FROM confirmations c JOIN accounts a ON a.id = c.account_id
			WHERE c.account_id = ? AND a.confirmed_at IS NULL AND (? = 1 OR c.expires_at > ?)`,
			accountId,
			resend ? 1 : 0,
			now,
		);
		// Confirmed meanwhile, or (a registration's own email) expired before it could be sent.
		if (!attempt) return null;
		// A registration's email is that attempt's: if a newer attempt replaced it before the email
		// went out, the email is not sent at all — never with the newer attempt's link, which would
		// hand whoever made that attempt the confirmation meant for this one.
		if (attemptHex && Buffer.from(attempt.receipt_hash ?? []).toString('hex') !== attemptHex) return 'replaced';
		const token = newSecret();
		const code = newCode();
		const salt = randomBytes(16);
		const expiresAt = resend ? now + rules.confirmationTtlSeconds * 1000 : attempt.expires_at;
		await db.run(
			'UPDATE confirmations SET token_hash = ?, code_salt = ?, code_hash = ?, expires_at = ? WHERE account_id = ?',
			hashSecret(token),
			salt,
			hashCode(salt, code),
			expiresAt,
			accountId,
		);
		return { ...base, kind: 'confirm', token, code, expiresAt };
	}

	return await db.transaction(async (db) => {
		const now = clock.now();
		switch (mail.kind) {
			case 'confirm':
				return await mintConfirmation(db, Number(mail.data['accountId']), now, false, typeof mail.data['attempt'] === 'string' ? mail.data['attempt'] : undefined);
			case 'resend': {
				const mailbox = String(mail.data['mailbox']);
				const account = await findAccount(db, mailbox);
				if (!account) return null;
				// The email joins the newest attempt on the mailbox, whatever its outcome, so that the
				// receipt's timeline follows a resend alike for a pending address and a confirmed one.
				const newest = await db.get<{ receipt_hash: Uint8Array }>('SELECT receipt_hash FROM receipts WHERE mailbox = ? ORDER BY created_at DESC, rowid DESC LIMIT 1', mailbox);
				if (newest) await tagAttempt(db, mail.id, newest.receipt_hash);
				// A confirmed owner pressing "resend" is lost; tell them they can just sign in.
				if (account.confirmed_at !== null) return { ...base, kind: 'exists' };
				return await mintConfirmation(db, account.id, now, true);
			}
			case 'reset': {
				const account = await findAccount(db, String(mail.data['mailbox']));
				if (!account) return null;
				const token = newSecret();
				const expiresAt = now + rules.resetTtlSeconds * 1000;
				await db.run(
					`INSERT INTO password_resets (account_id, token_hash, locale, created_at, expires_at) VALUES (?, ?, ?, ?, ?)
					ON CONFLICT (account_id) DO UPDATE SET token_hash = excluded.token_hash, locale = excluded.locale,
						created_at = excluded.created_at, expires_at = excluded.expires_at`,
					account.id,
					hashSecret(token),
					mail.locale,
					now,
					expiresAt,
				);
				return { ...base, kind: 'reset', token, expiresAt };
			}
			default:
				return null;
		}
	});
}

/**
 * Whether a registration's email (the outbox row `id`, tagged with its attempt's receipt) was
 * overtaken: the address has a newer attempt than the email's own.
 */
async function newerAttempt(db: Queryable, id: number): Promise<boolean> {
	return (
		(await db.get<{ newer: number }>(
			`SELECT 1 AS newer FROM outbox o JOIN receipts own ON own.receipt_hash = o.receipt_hash
			JOIN receipts r ON r.mailbox = own.mailbox AND (r.created_at > own.created_at OR (r.created_at = own.created_at AND r.rowid > own.rowid))
			WHERE o.id = ? LIMIT 1`,
			id,
		)) !== undefined
	);
}
