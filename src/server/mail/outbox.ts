/**
 * The outbox: every email is a row written in the same transaction as the change that causes it,
 * so an account and its confirmation email exist together or not at all. The worker claims rows
 * with a lease, sends them and marks them sent.
 */
import type { DatabaseSync } from 'node:sqlite';

import type { Locale } from '../../signup/contract.ts';
import { allRows, getRow, run } from '../backends/local/database.ts';
import type { MailContent, MailMessage } from './messages.ts';

/** Queues an email. Call it inside the transaction of the change it reports. */
export function enqueueMail(db: DatabaseSync, to: string, locale: Locale, content: MailContent, now: number): number {
	const row = getRow<{ id: number }>(
		db,
		'INSERT INTO outbox (kind, recipient, locale, payload, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id',
		content.kind,
		to,
		locale,
		JSON.stringify(content),
		now,
		now,
	);
	return row?.id ?? 0;
}

interface OutboxRow {
	id: number;
	recipient: string;
	locale: Locale;
	payload: string;
	created_at: number;
	attempts: number;
}

/** A claimed message and how many times it has been tried, this time included. */
export interface ClaimedMail {
	message: MailMessage;
	attempts: number;
}

/**
 * Claims up to `limit` due messages for `owner` until `now + leaseMs`. One UPDATE … RETURNING is
 * atomic in SQLite, so two workers (in one process or several) never claim the same row while a
 * lease lasts; a worker that dies leaves its lease to expire and the row is claimed again.
 */
export function claimDueMail(db: DatabaseSync, owner: string, now: number, leaseMs: number, limit: number): ClaimedMail[] {
	const rows = allRows<OutboxRow>(
		db,
		`UPDATE outbox SET lease_owner = ?, lease_until = ?, attempts = attempts + 1
		WHERE id IN (
			SELECT id FROM outbox
			WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
			ORDER BY next_attempt_at, id LIMIT ?
		)
		RETURNING id, recipient, locale, payload, created_at, attempts`,
		owner,
		now + leaseMs,
		now,
		now,
		limit,
	);
	return rows
		.sort((a, b) => a.id - b.id)
		.map((row) => ({
			attempts: row.attempts,
			message: { ...(JSON.parse(row.payload) as MailContent), id: row.id, to: row.recipient, locale: row.locale, createdAt: row.created_at },
		}));
}

/**
 * Marks a message sent and blanks its payload, the only place a token was stored in clear.
 * Returns false when the lease was lost (another worker took the row over).
 */
export function markSent(db: DatabaseSync, id: number, owner: string, now: number): boolean {
	return (
		run(
			db,
			'UPDATE outbox SET sent_at = ?, payload = NULL, lease_owner = NULL, lease_until = NULL, last_error = NULL WHERE id = ? AND lease_owner = ?',
			now,
			id,
			owner,
		) === 1
	);
}

/** Records a failed attempt: try again at `retryAt`, or give up (`null`) and blank the payload. */
export function markFailed(db: DatabaseSync, id: number, owner: string, error: string, retryAt: number | null, now: number): void {
	if (retryAt === null) {
		run(
			db,
			'UPDATE outbox SET failed_at = ?, payload = NULL, lease_owner = NULL, lease_until = NULL, last_error = ? WHERE id = ? AND lease_owner = ?',
			now,
			error,
			id,
			owner,
		);
	} else {
		run(
			db,
			'UPDATE outbox SET next_attempt_at = ?, lease_owner = NULL, lease_until = NULL, last_error = ? WHERE id = ? AND lease_owner = ?',
			retryAt,
			error,
			id,
			owner,
		);
	}
}

/** Counts of the outbox by state, for logs and tests. */
export function outboxCounts(db: DatabaseSync): { queued: number; sent: number; failed: number } {
	const row = getRow<{ queued: number; sent: number; failed: number }>(
		db,
		`SELECT
			COALESCE(SUM(sent_at IS NULL AND failed_at IS NULL), 0) AS queued,
			COALESCE(SUM(sent_at IS NOT NULL), 0) AS sent,
			COALESCE(SUM(failed_at IS NOT NULL), 0) AS failed
		FROM outbox`,
	);
	return row ?? { queued: 0, sent: 0, failed: 0 };
}
