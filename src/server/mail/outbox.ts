/**
 * The outbox: every email is a row written in the same transaction as the change that causes it,
 * so an account and its confirmation email exist together or not at all. The worker claims rows
 * with a lease, sends them and marks them sent.
 *
 * A row never holds a secret. It says what to send (`kind`) and what it is about (`data`, such as
 * an account id); the link and code are minted when the worker sends it, and live in memory only
 * until the SMTP server has them.
 */
import type { DatabaseSync } from 'node:sqlite';

import type { Locale } from '../../signup/contract.ts';
import { allRows, getRow, run } from '../backends/local/database.ts';
import { mailboxKey } from '../backends/local/mailbox.ts';
import { recordDeliveryEvent } from './delivery-events.ts';
import type { MailContent, MailMessage } from './messages.ts';

/**
 * What a queued row asks for, without secrets. `confirm` (an attempt's link and code, `accountId`),
 * `resend` and `reset` (a request about a mailbox, resolved at sending: the same row is written
 * whether or not the mailbox has an account), `exists`, `password_changed`.
 */
export interface MailRequest {
	kind: 'confirm' | 'resend' | 'reset' | 'exists' | 'password_changed';
	data?: Record<string, string | number>;
}

/**
 * Queues an email and records its `queued` event. Call it inside the transaction of the change it
 * reports. `receiptHash`: the registration attempt the email belongs to, whose receipt shows its timeline.
 */
export function enqueueMail(db: DatabaseSync, to: string, locale: Locale, request: MailRequest, now: number, receiptHash?: Uint8Array): number {
	const row = getRow<{ id: number }>(
		db,
		'INSERT INTO outbox (kind, recipient, mailbox, locale, payload, created_at, next_attempt_at, receipt_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id',
		request.kind,
		to,
		mailboxKey(to),
		locale,
		JSON.stringify(request.data ?? {}),
		now,
		now,
		receiptHash ?? null,
	);
	const id = row?.id ?? 0;
	recordDeliveryEvent(db, id, { kind: 'queued', at: now, source: 'outbox' });
	return id;
}

/** Says which attempt a queued email belongs to, once the worker knows (a resend is resolved when sent). */
export function tagAttempt(db: DatabaseSync, id: number, receiptHash: Uint8Array): void {
	run(db, 'UPDATE outbox SET receipt_hash = ? WHERE id = ?', receiptHash, id);
}

interface OutboxRow {
	id: number;
	kind: string;
	recipient: string;
	locale: Locale;
	payload: string | null;
	created_at: number;
	attempts: number;
}

/** A queued row as the worker claimed it: what to send, to whom, and what about. */
export interface QueuedMail {
	id: number;
	kind: string;
	to: string;
	locale: Locale;
	createdAt: number;
	/** The row's `data`; a row queued before secrets left the outbox holds the whole content here. */
	data: Record<string, unknown>;
}

/** A claimed row and how many times it has been tried, this time included. */
export interface ClaimedMail {
	mail: QueuedMail;
	attempts: number;
}

/**
 * The message of a row that needs nothing minted (`exists`, `password_changed`), or of a row
 * written before secrets left the outbox, whose payload is the whole content. `null` otherwise.
 */
export function storedMessage(mail: QueuedMail): MailMessage | null {
	const base = { id: mail.id, to: mail.to, locale: mail.locale, createdAt: mail.createdAt };
	if (mail.kind === 'exists' || mail.kind === 'password_changed') return { ...base, kind: mail.kind };
	if (mail.data['kind'] === mail.kind && typeof mail.data['token'] === 'string') return { ...(mail.data as unknown as MailContent), ...base };
	return null;
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
		RETURNING id, kind, recipient, locale, payload, created_at, attempts`,
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
			mail: {
				id: row.id,
				kind: row.kind,
				to: row.recipient,
				locale: row.locale,
				createdAt: row.created_at,
				data: row.payload ? (JSON.parse(row.payload) as Record<string, unknown>) : {},
			},
		}));
}

/**
 * Marks a message sent, as the kind it turned out to be (a resend request becomes `confirm` or
 * `exists`), and blanks its payload (where a row queued before secrets left the outbox kept its
 * token). Returns false when the lease was lost (another worker took the row over).
 */
export function markSent(db: DatabaseSync, id: number, owner: string, now: number, kind?: MailContent['kind']): boolean {
	return (
		run(
			db,
			`UPDATE outbox SET sent_at = ?, kind = COALESCE(?, kind), payload = NULL, lease_owner = NULL, lease_until = NULL, last_error = NULL
			WHERE id = ? AND lease_owner = ?`,
			now,
			kind ?? null,
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

/** Deletes a claimed row that turned out to have nothing to send (a request about an unknown mailbox). */
export function dropMail(db: DatabaseSync, id: number, owner: string): void {
	run(db, 'DELETE FROM outbox WHERE id = ? AND lease_owner = ?', id, owner);
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
