/**
 * The outbox: every email is a row written in the same transaction as the change that causes it,
 * so an account and its confirmation email exist together or not at all. The worker claims rows
 * with a lease, sends them and marks them sent.
 *
 * A row never holds a secret. It says what to send (`kind`) and what it is about (`data`, such as
 * an account id); the link and code are minted when the worker sends it, and live in memory only
 * until the SMTP server has them.
 */
import { announce, type Queryable } from '../store/store.ts';

import type { Locale } from '../../signup/contract.ts';
import { mailboxKey } from '../backends/local/mailbox.ts';
import { recordDeliveryEvent } from './delivery-events.ts';
import type { MailContent, MailMessage } from './messages.ts';

/** The channel a transaction that queued mail announces on (PostgreSQL's NOTIFY). */
export const outboxChannel = 'outbox';

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
export async function enqueueMail(db: Queryable, to: string, locale: Locale, request: MailRequest, now: number, receiptHash?: Uint8Array): Promise<number> {
	const row = await db.get<{ id: number }>(
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
	await recordDeliveryEvent(db, id, { kind: 'queued', at: now, source: 'outbox' });
	// Workers on other replicas pick it up at the commit, not at their next poll.
	await announce(db, outboxChannel);
	return id;
}

/** Says which attempt a queued email belongs to, once the worker knows (a resend is resolved when sent). */
export async function tagAttempt(db: Queryable, id: number, receiptHash: Uint8Array): Promise<void> {
	await db.run('UPDATE outbox SET receipt_hash = ? WHERE id = ?', receiptHash, id);
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
 * Claims up to `limit` due messages for `owner` until `now + leaseMs`; a worker that dies leaves its
 * lease to expire and the row is claimed again. One UPDATE … RETURNING is atomic in SQLite, so two
 * workers (in one process or several) never claim the same row while a lease lasts. On PostgreSQL
 * the candidate rows are locked as they are picked (`FOR UPDATE SKIP LOCKED`): a worker on another
 * replica claiming at the same moment skips them and takes the next ones, instead of waiting and
 * then claiming them a second time.
 */
export async function claimDueMail(db: Queryable, owner: string, now: number, leaseMs: number, limit: number): Promise<ClaimedMail[]> {
	const due = 'sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?)';
	const rows = await db.all<OutboxRow>(
		`UPDATE outbox SET lease_owner = ?, lease_until = ?, attempts = attempts + 1
		WHERE id IN (
			SELECT id FROM outbox WHERE ${due}
			ORDER BY next_attempt_at, id LIMIT ?${db.dialect === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : ''}
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
 * Renews `owner`'s lease on a claimed row until `now + leaseMs`, just before the row is sent: a batch
 * is claimed at once and sent one by one, so without it the last rows of a slow batch would be sent
 * on a lease that ran out, while another worker (in this process or another) sends them too. False
 * when the row is no longer this owner's (taken over, or done): then it must not be sent.
 */
export async function renewLease(db: Queryable, id: number, owner: string, now: number, leaseMs: number): Promise<boolean> {
	return await db.run('UPDATE outbox SET lease_until = ? WHERE id = ? AND lease_owner = ? AND sent_at IS NULL AND failed_at IS NULL', now + leaseMs, id, owner) === 1;
}

/**
 * Marks a message sent, as the kind it turned out to be (a resend request becomes `confirm` or
 * `exists`), and blanks its payload (where a row queued before secrets left the outbox kept its
 * token). Returns false when the lease was lost (another worker took the row over).
 */
export async function markSent(db: Queryable, id: number, owner: string, now: number, kind?: MailContent['kind']): Promise<boolean> {
	return (
		await db.run(
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
export async function markFailed(db: Queryable, id: number, owner: string, error: string, retryAt: number | null, now: number): Promise<void> {
	if (retryAt === null) {
		await db.run(
			'UPDATE outbox SET failed_at = ?, payload = NULL, lease_owner = NULL, lease_until = NULL, last_error = ? WHERE id = ? AND lease_owner = ?',
			now,
			error,
			id,
			owner,
		);
	} else {
		await db.run(
			'UPDATE outbox SET next_attempt_at = ?, lease_owner = NULL, lease_until = NULL, last_error = ? WHERE id = ? AND lease_owner = ?',
			retryAt,
			error,
			id,
			owner,
		);
	}
}

/** Deletes a claimed row that turned out to have nothing to send (a request about an unknown mailbox). */
export async function dropMail(db: Queryable, id: number, owner: string): Promise<void> {
	await db.run('DELETE FROM outbox WHERE id = ? AND lease_owner = ?', id, owner);
}

/** Counts of the outbox by state, for logs and tests. */
export async function outboxCounts(db: Queryable): Promise<{ queued: number; sent: number; failed: number }> {
	const row = await db.get<{ queued: number; sent: number; failed: number }>(
		`SELECT
			COALESCE(SUM(CASE WHEN sent_at IS NULL AND failed_at IS NULL THEN 1 ELSE 0 END), 0) AS queued,
			COALESCE(SUM(CASE WHEN sent_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS sent,
			COALESCE(SUM(CASE WHEN failed_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS failed
		FROM outbox`,
	);
	return row ?? { queued: 0, sent: 0, failed: 0 };
}
