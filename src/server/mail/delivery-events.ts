/**
 * Delivery events: what happened to each outbox message, with times — queued, sent (with the
 * receiving server's reply and domain), deferred (with the next attempt), failed, bounced later,
 * complained, suppressed. The worker, the bounce listener and the email services' webhooks write
 * them; a receipt's status answer and `npm run mail:trace` read them.
 */
import type { Queryable } from '../store/store.ts';

import type { DeliveryEvent, DeliveryEventKind, DeliveryReason } from '../../signup/contract.ts';
import { cleanReply } from './delivery-status.ts';

/** The kinds an email of the built-in backend can have (the platform's kinds are Navixy's). */
export type LocalEventKind = Exclude<DeliveryEventKind, 'handed_off' | 'platform_failed'>;

/** An event to record. Times are milliseconds since the epoch. */
export interface NewDeliveryEvent {
	kind: LocalEventKind;
	at: number;
	domain?: string;
	reply?: string | null;
	reason?: DeliveryReason;
	nextAttemptAt?: number;
	/** Who told: `worker`, `dsn`, `postmark`, `ses`, `resend`… (for the operator's trace). */
	source?: string;
}

/** Records an event of an outbox message. Call it inside the transaction of the change it reports, if any. */
export async function recordDeliveryEvent(db: Queryable, outboxId: number, event: NewDeliveryEvent): Promise<void> {
	await db.run(
		'INSERT INTO delivery_events (outbox_id, kind, at, domain, reply, reason, next_attempt_at, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
		outboxId,
		event.kind,
		event.at,
		event.domain ?? null,
		event.reply ? cleanReply(event.reply) : null,
		event.reason ?? null,
		event.nextAttemptAt ?? null,
		event.source ?? null,
	);
}

interface EventRow {
	kind: LocalEventKind;
	at: number;
	domain: string | null;
	reply: string | null;
	reason: DeliveryReason | null;
	next_attempt_at: number | null;
	source: string | null;
}

/** An event row as the contract's event. */
function asEvent(row: EventRow): DeliveryEvent {
	return {
		kind: row.kind,
		at: new Date(row.at).toISOString(),
		...(row.domain ? { domain: row.domain } : {}),
		...(row.reply ? { reply: row.reply } : {}),
		...(row.reason ? { reason: row.reason } : {}),
		...(row.next_attempt_at !== null ? { nextAttemptAt: new Date(row.next_attempt_at).toISOString() } : {}),
	};
}

/** The events of one outbox message, oldest first. */
export async function deliveryTimeline(db: Queryable, outboxId: number): Promise<DeliveryEvent[]> {
	return (await db.all<EventRow>(
		'SELECT kind, at, domain, reply, reason, next_attempt_at, source FROM delivery_events WHERE outbox_id = ? ORDER BY id',
		outboxId,
	)).map(asEvent);
}

/**
 * The timeline of an attempt's latest email (two indexed lookups): the newest outbox row tagged
 * with the attempt's receipt, and its events. No email yet (an attempt within the cooldown): none.
 */
export async function attemptDelivery(db: Queryable, receiptHash: Uint8Array): Promise<{ email: string; events: DeliveryEvent[] } | null> {
	const row = await db.get<{ id: number; recipient: string }>('SELECT id, recipient FROM outbox WHERE receipt_hash = ? ORDER BY id DESC LIMIT 1', receiptHash);
	return row ? { email: row.recipient, events: await deliveryTimeline(db, row.id) } : null;
}

/** One message to an address with its timeline, as the operator's trace prints it. */
export interface TracedMessage {
	id: number;
	kind: string;
	recipient: string;
	createdAt: number;
	events: (DeliveryEvent & { source?: string })[];
}

/** Every message to a mailbox, oldest first, each with its events (for `npm run mail:trace`). */
export async function traceMailbox(db: Queryable, mailbox: string): Promise<TracedMessage[]> {
	const messages = await db.all<{ id: number; kind: string; recipient: string; created_at: number }>(
		'SELECT id, kind, recipient, created_at FROM outbox WHERE mailbox = ? ORDER BY id',
		mailbox,
	);
	return Promise.all(messages.map(async (message) => ({
		id: message.id,
		kind: message.kind,
		recipient: message.recipient,
		createdAt: message.created_at,
		events: (await db.all<EventRow>(
			'SELECT kind, at, domain, reply, reason, next_attempt_at, source FROM delivery_events WHERE outbox_id = ? ORDER BY id',
			message.id,
		)).map((row) => ({ ...asEvent(row), ...(row.source ? { source: row.source } : {}) })),
	})));
}
