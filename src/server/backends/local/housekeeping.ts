/**
 * Forgets what no longer matters, so the database does not grow with every stranger's request:
 * expired secrets a week after they expire, per-address state two days after its last use, sent
 * mail after a week, webhook event ids with the last email they could name, and accounts nobody
 * confirmed within 30 days once no receipt speaks of them; then it checkpoints the WAL.
 *
 * One rule ties the mail to the receipts: an email of an attempt stays as long as the attempt's
 * receipt, so a receipt answers with the timeline it always had until the moment it answers no more
 * (a receipt lives a week past its expiry, longer than a week after its email was sent).
 *
 * The email services' event ids (`webhooks/events.ts`) are kept as long as a message an event
 * could name, not for a fixed time. While its message exists, a replay must stay refused: it would
 * bounce it and suppress its address anew, and only Resend's signed time is checked (Postmark's and
 * SNS's events are stopped by their id alone). Once the message is gone, the event changes nothing
 * (`recordReport` finds no row: no timeline, no suppression). A fixed age would have to follow the
 * settings: an email stays until a week past its receipt's expiry, up to 30 days after the
 * registration and moved by each address change. But an event only names a message created before
 * it arrived, so an id is forgotten once it is older than every message left (by a margin of the
 * signed-time tolerance, for replicas whose clocks differ a little).
 */
import type { Store } from '../../store/store.ts';

import { webhookToleranceMs } from '../../mail/webhooks/events.ts';

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
		// After the outbox: an event id goes in the same purge as the last message it could name.
		webhookEvents: await db.run('DELETE FROM webhook_events WHERE received_at < COALESCE((SELECT MIN(created_at) FROM outbox), ?) - ?', now, webhookToleranceMs),
		suppressions: await db.run('DELETE FROM suppressions WHERE until <= ?', now),
		accounts: await db.run(
			// After the receipts: a receipt deleted with its account (ON DELETE CASCADE) would stop
			// answering before its week past expiry, with links that lived close to 30 days.
			`DELETE FROM accounts WHERE confirmed_at IS NULL AND created_at < ?
			AND NOT EXISTS (SELECT 1 FROM confirmations c WHERE c.account_id = accounts.id AND c.expires_at > ?)
			AND NOT EXISTS (SELECT 1 FROM receipts r WHERE r.account_id = accounts.id)`,
			now - 30 * day,
			now,
		),
	}));
	// What was overwritten or deleted (a blanked payload of an older version, replaced hashes) leaves
	// no older copy in the WAL file.
	await db.compact();
	return purged;
}
