/**
 * Forgets what no longer matters, so the database does not grow with every stranger's request:
 * expired secrets a week after they expire, per-address state two days after its last use, sent
 * mail after a week, and accounts nobody confirmed within 30 days; then it checkpoints the WAL.
 *
 * One rule ties the mail to the receipts: an email of an attempt stays as long as the attempt's
 * receipt, so a receipt answers with the timeline it always had until the moment it answers no more
 * (a receipt lives a week past its expiry, longer than a week after its email was sent).
 */
import type { Store } from '../../store/store.ts';

const day = 24 * 3600_000;

/** Deletes stale rows; returns how many went, by table. */
export async function purgeExpired(db: Store, now: number): Promise<Record<string, number>> {
	const purged = await db.transaction(async (db) => ({
		receipts: await db.run('DELETE FROM receipts WHERE expires_at < ?', now - 7 * day),
		confirmations: await db.run('DELETE FROM confirmations WHERE expires_at < ?', now - 7 * day),
		passwordResets: await db.run('DELETE FROM password_resets WHERE expires_at < ?', now - 7 * day),
		addressState: await db.run('DELETE FROM address_state WHERE updated_at < ?', now - 2 * day),
		// After the receipts: an email whose receipt just went goes with it, in the same transaction.
		outbox: await db.run(
			`DELETE FROM outbox WHERE (sent_at < ? OR failed_at < ?)
			AND (receipt_hash IS NULL OR NOT EXISTS (SELECT 1 FROM receipts r WHERE r.receipt_hash = outbox.receipt_hash))`,
			now - 7 * day,
			now - 30 * day,
		),
		suppressions: await db.run('DELETE FROM suppressions WHERE until <= ?', now),
		accounts: await db.run(
			`DELETE FROM accounts WHERE confirmed_at IS NULL AND created_at < ?
			AND NOT EXISTS (SELECT 1 FROM confirmations c WHERE c.account_id = accounts.id AND c.expires_at > ?)`,
			now - 30 * day,
			now,
		),
	}));
	// What was overwritten or deleted (a blanked payload of an older version, replaced hashes) leaves
	// no older copy in the WAL file.
	await db.compact();
	return purged;
}
