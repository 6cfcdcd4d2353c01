/**
 * Suppression: an address that hard-bounced (no such mailbox) or whose owner complained is not
 * mailed again for a while (`MAIL_SUPPRESSION_DAYS`, 30 by default). The worker records a
 * `suppressed` event instead of sending; the API answers exactly as for any other address.
 * `npm run mail:suppressions` lists and lifts entries.
 */
import type { Queryable } from '../store/store.ts';

import type { DeliveryReason } from '../../signup/contract.ts';

/** How long an address stays suppressed by default: 30 days. */
export const defaultSuppressionMs = 30 * 86_400_000;

/** What made an address suppressed. */
export type SuppressionCause = 'failed' | 'bounced' | 'complained';

/** A suppressed address. */
export interface Suppression {
	mailbox: string;
	email: string;
	cause: SuppressionCause;
	reason: DeliveryReason;
	outboxId: number | null;
	createdAt: number;
	until: number;
}

/** Suppresses a mailbox until `now + forMs` (a newer cause replaces an older one). */
export async function suppress(
	db: Queryable,
	entry: { mailbox: string; email: string; cause: SuppressionCause; reason: DeliveryReason; outboxId: number | null },
	now: number,
	forMs: number,
): Promise<void> {
	await db.run(
		`INSERT INTO suppressions (mailbox, email, cause, reason, outbox_id, created_at, until) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (mailbox) DO UPDATE SET email = excluded.email, cause = excluded.cause, reason = excluded.reason,
			outbox_id = excluded.outbox_id, created_at = excluded.created_at, until = excluded.until`,
		entry.mailbox,
		entry.email,
		entry.cause,
		entry.reason,
		entry.outboxId,
		now,
		now + forMs,
	);
}

/** Why a mailbox is suppressed now, or `null` when it may be mailed. */
export async function suppressionOf(db: Queryable, mailbox: string, now: number): Promise<{ cause: SuppressionCause; reason: DeliveryReason } | null> {
	return await db.get<{ cause: SuppressionCause; reason: DeliveryReason }>('SELECT cause, reason FROM suppressions WHERE mailbox = ? AND until > ?', mailbox, now) ?? null;
}

/** Every entry still in force, newest first. */
export async function listSuppressions(db: Queryable, now: number): Promise<Suppression[]> {
	return (await db.all<{ mailbox: string; email: string; cause: SuppressionCause; reason: DeliveryReason; outbox_id: number | null; created_at: number; until: number }>(
		'SELECT mailbox, email, cause, reason, outbox_id, created_at, until FROM suppressions WHERE until > ? ORDER BY created_at DESC',
		now,
	)).map((row) => ({ mailbox: row.mailbox, email: row.email, cause: row.cause, reason: row.reason, outboxId: row.outbox_id, createdAt: row.created_at, until: row.until }));
}

/** Lifts a mailbox's suppression; returns whether there was one. */
export async function liftSuppression(db: Queryable, mailbox: string): Promise<boolean> {
	return await db.run('DELETE FROM suppressions WHERE mailbox = ?', mailbox) === 1;
}
