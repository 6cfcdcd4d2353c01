/**
 * Suppression: an address that hard-bounced (no such mailbox) or whose owner complained is not
 * mailed again for a while (`MAIL_SUPPRESSION_DAYS`, 30 by default). The worker records a
 * `suppressed` event instead of sending; the API answers exactly as for any other address.
 * `npm run mail:suppressions` lists and lifts entries.
 */
import type { DatabaseSync } from 'node:sqlite';

import type { DeliveryReason } from '../../signup/contract.ts';
import { allRows, getRow, run } from '../backends/local/database.ts';

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
export function suppress(
	db: DatabaseSync,
	entry: { mailbox: string; email: string; cause: SuppressionCause; reason: DeliveryReason; outboxId: number | null },
	now: number,
	forMs: number,
): void {
	run(
		db,
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
export function suppressionOf(db: DatabaseSync, mailbox: string, now: number): { cause: SuppressionCause; reason: DeliveryReason } | null {
	return getRow<{ cause: SuppressionCause; reason: DeliveryReason }>(db, 'SELECT cause, reason FROM suppressions WHERE mailbox = ? AND until > ?', mailbox, now) ?? null;
}

/** Every entry still in force, newest first. */
export function listSuppressions(db: DatabaseSync, now: number): Suppression[] {
	return allRows<{ mailbox: string; email: string; cause: SuppressionCause; reason: DeliveryReason; outbox_id: number | null; created_at: number; until: number }>(
		db,
		'SELECT mailbox, email, cause, reason, outbox_id, created_at, until FROM suppressions WHERE until > ? ORDER BY created_at DESC',
		now,
	).map((row) => ({ mailbox: row.mailbox, email: row.email, cause: row.cause, reason: row.reason, outboxId: row.outbox_id, createdAt: row.created_at, until: row.until }));
}

/** Lifts a mailbox's suppression; returns whether there was one. */
export function liftSuppression(db: DatabaseSync, mailbox: string): boolean {
	return run(db, 'DELETE FROM suppressions WHERE mailbox = ?', mailbox) === 1;
}
