/**
 * Correcting the address of a pending registration (“That's not my address”). The receipt proves
 * it is the browser that registered; in one transaction:
 *
 * - every link and code sent to the old address for this attempt stops working (the attempt's
 *   confirmation is deleted, its unsent emails with it), and the old address's pending account is
 *   released when it existed only for this attempt;
 * - the attempt, with its own candidate password, moves to the new address exactly as a
 *   registration there would go: a new account and its confirmation email (a new link and code),
 *   the live attempt of a pending account (mailed if the address's cooldown is over), or, for an
 *   address that has an account, the “account exists” email (cooldown alike);
 * - the receipt follows the new address (a new lifetime, one more change counted).
 *
 * Enumeration safety: the answer is the same whatever the new address's state, the work is the same
 * database work (no branch calls the hasher or the network), and the receipt then ages exactly as a
 * registration's receipt does (see registration.ts).
 */
import type { Queryable } from '../../store/store.ts';
import type { ChangeAddressInput } from '../types.ts';
import { ProblemError } from '../../problem-error.ts';
import { enqueueMail } from '../../mail/outbox.ts';
import { cooldownOver, findAccount, loadAddressState, recordAttempt, saveAddressState, type LocalContext } from './context.ts';
import { mailboxKey } from './mailbox.ts';
import { hashSecret } from './secrets.ts';

/** How many times one registration may change its address by default. */
export const defaultMaxAddressChanges = 3;

/** A receipt as the change reads it. */
interface ReceiptRow {
	account_id: number | null;
	outcome: 'created' | 'pending' | 'exists';
	mailbox: string | null;
	password_hash: string | null;
	expires_at: number;
	confirmed_at: number | null;
	address_changes: number;
}

/** The address-change flow of the built-in backend. */
export function addressChangeFlow(context: LocalContext, maxChanges = defaultMaxAddressChanges): (input: ChangeAddressInput) => Promise<void> {
	const { db, rules, clock, mailQueued } = context;

	/** Undoes the attempt at its old address. Inside a transaction. */
	async function leaveOldAddress(db: Queryable, receiptHash: Buffer, receipt: ReceiptRow): Promise<void> {
		// Its unsent emails go (a registration's own email, once its attempt is gone, would not be sent anyway).
		await db.run('DELETE FROM outbox WHERE receipt_hash = ? AND sent_at IS NULL AND failed_at IS NULL', receiptHash);
		if (receipt.account_id === null) return;
		// The attempt's link and code, whichever emails carried them, die with its confirmation.
		await db.run('DELETE FROM confirmations WHERE account_id = ? AND receipt_hash = ?', receipt.account_id, receiptHash);
		// An account that this attempt created and nobody else tried since is released.
		// (The receipt lets go of the account first: deleting an account deletes its receipts.)
		await db.run('UPDATE receipts SET account_id = NULL WHERE receipt_hash = ?', receiptHash);
		if (receipt.outcome === 'created') {
			await db.run(
				`DELETE FROM accounts WHERE id = ? AND confirmed_at IS NULL
				AND NOT EXISTS (SELECT 1 FROM receipts WHERE account_id = accounts.id)
				AND NOT EXISTS (SELECT 1 FROM confirmations WHERE account_id = accounts.id)`,
				receipt.account_id,
			);
		}
	}

	// No password is hashed here, so the branches' own work (a new account, a pending one, an
	// "account exists" email) would show in the answer's time: every change takes at least this long,
	// and what the branch cost disappears under the wait.
	const floorMs = 20;
	return async (input) => {
		const started = performance.now();
		try {
			return await change(input);
		} finally {
			const left = floorMs - (performance.now() - started);
			if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
		}
	};

	async function change({ receipt, email, locale }: ChangeAddressInput): Promise<void> {
		const now = clock.now();
		const receiptHash = hashSecret(receipt);
		const mailbox = mailboxKey(email);
		const queued = await db.transaction(async (db) => {
			const row = await db.get<ReceiptRow>(
				'SELECT account_id, outcome, mailbox, password_hash, expires_at, confirmed_at, address_changes FROM receipts WHERE receipt_hash = ?',
				receiptHash,
			);
			if (!row) throw new ProblemError('invalid_receipt', 'No registration has this receipt (receipts are forgotten a week after they expire).');
			// What the receipt's status already says (an "exists" receipt never says confirmed: it is pending like any other).
			const confirmed = row.outcome !== 'exists' && row.confirmed_at !== null;
			if (confirmed || row.expires_at <= now || row.password_hash === null || row.mailbox === null) {
				throw new ProblemError('invalid_receipt', 'This registration is no longer pending (or predates address changes); register again.');
			}
			if (row.address_changes >= maxChanges) {
				throw new ProblemError('too_many_changes', `This registration's address was changed ${maxChanges} times already; register again.`);
			}
			await leaveOldAddress(db, receiptHash, row);

			// The new address, as a registration there would go (registration.ts, `register`).
			const account = await findAccount(db, mailbox);
			const state = await loadAddressState(db, mailbox);
			const cooldown = cooldownOver(rules, state.signup_mail_at, now);
			let outcome: ReceiptRow['outcome'];
			let accountId: number | null = null;
			let mailed = false;
			if (!account) {
				accountId =
					(await db.get<{ id: number }>(
						'INSERT INTO accounts (email, mailbox, password_hash, locale, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id',
						email,
						mailbox,
						row.password_hash,
						locale,
						now,
					))?.id ?? null;
				if (accountId !== null) {
					await recordAttempt({ db, rules }, accountId, receiptHash, email, row.password_hash, now);
					await enqueueMail(db, email, locale, { kind: 'confirm', data: { accountId, attempt: receiptHash.toString('hex') } }, now, receiptHash);
					mailed = true;
				}
				outcome = 'created';
			} else if (account.confirmed_at === null) {
				accountId = account.id;
				await recordAttempt({ db, rules }, account.id, receiptHash, email, row.password_hash, now);
				await db.run('UPDATE accounts SET locale = ? WHERE id = ?', locale, account.id);
				if (cooldown) {
					await enqueueMail(db, email, locale, { kind: 'confirm', data: { accountId, attempt: receiptHash.toString('hex') } }, now, receiptHash);
					mailed = true;
				}
				outcome = 'pending';
			} else {
				if (cooldown) {
					await enqueueMail(db, email, locale, { kind: 'exists' }, now, receiptHash);
					mailed = true;
				}
				outcome = 'exists';
			}
			if (cooldown) await saveAddressState(db, mailbox, { ...state, signup_mail_at: now, code_failures: 0, code_failures_total: 0 }, now);
			else await saveAddressState(db, mailbox, state, now);
			await db.run(
				`UPDATE receipts SET account_id = ?, outcome = ?, email = ?, mailbox = ?, confirmed_at = NULL, expires_at = ?,
					address_changes = address_changes + 1 WHERE receipt_hash = ?`,
				accountId,
				outcome,
				email,
				mailbox,
				now + rules.confirmationTtlSeconds * 1000,
				receiptHash,
			);
			return mailed;
		});
		if (queued) mailQueued();
	}
}
