/**
 * What the email services' webhooks share: an event the service signed (or authenticated), taken
 * once (its id remembered), about the one message of ours its clue names (`message-ref.ts`),
 * recorded as a delivery report. Each service's module checks its own documented signature and
 * maps its own event names.
 */
import type { Queryable, Store } from '../../store/store.ts';

import { mailboxKey } from '../../backends/local/mailbox.ts';
import type { Clock } from '../../clock.ts';
import { applyDeliveryReport, type DeliveryReport } from '../delivery-reports.ts';
import type { MessageKey } from './message-ref.ts';

/** What a webhook handler needs. */
export interface WebhookContext {
	db: Store;
	clock: Clock;
	suppressForMs: number;
	/** The key our message references are signed with (`message-ref.ts`). */
	refKey: Buffer;
	log: (line: string) => void;
}

/**
 * Why an event was refused: the HTTP status to answer (401 unauthenticated, 400 malformed or
 * replayed, 503 cannot be checked now, so the service retries) and a reason to log.
 */
export class WebhookRefusal extends Error {
	readonly status: 400 | 401 | 503;
	constructor(status: 400 | 401 | 503, message: string) {
		super(message);
		this.status = status;
	}
}

/** How far a signed timestamp may be from now: five minutes, as Standard Webhooks and SNS practice. */
export const webhookToleranceMs = 5 * 60_000;

/** Remembers an event id; throws a 400 refusal when it was taken already (a replay). */
export async function takeOnce(db: Queryable, source: string, eventId: string, now: number): Promise<void> {
	if (await db.run('INSERT INTO webhook_events (source, event_id, received_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', source, eventId, now) !== 1) {
		throw new WebhookRefusal(400, `event ${eventId} was received already (a replay)`);
	}
}

/** What a handler made of an event: `recorded` on a message's timeline, or `ignored` (logged only). */
export interface WebhookOutcome {
	status: 'recorded' | 'ignored';
	log: string;
}

/** An event taken and logged, about nothing to record (another kind of event). */
export function ignored(log: string): WebhookOutcome {
	return { status: 'ignored', log };
}

/** Which message an event is about, as the service reported it. */
export interface EventTarget {
	/** The row our reference or our Message-ID names (`message-ref.ts`), if the event carried one. */
	message: MessageKey | null;
	/** The recipient the event is about; it must be the named row's (else the clue is not trusted). */
	recipient: string;
	/** What the service called the message, for the operator's log. */
	serviceId: string;
}

/**
 * Records a report on the one message the event names; fails closed: an event that names none of
 * our messages (no clue, a forged or mistyped one, a forgotten row, another recipient) changes
 * nothing — no timeline, no suppression — and is logged for the operator.
 */
export async function recordReport(context: WebhookContext, target: EventTarget, report: DeliveryReport): Promise<WebhookOutcome> {
	const row = target.message
		? await context.db.get<{ id: number; recipient: string; mailbox: string }>(
				'SELECT id, recipient, mailbox FROM outbox WHERE id = ? AND created_at = ?',
				target.message.outboxId,
				target.message.createdAt,
			)
		: undefined;
	if (!row || row.mailbox !== mailboxKey(target.recipient)) {
		const why = !target.message ? 'it carries no reference of ours' : !row ? `no message ${target.message.outboxId} of that time` : 'the message was sent to another address';
		return { status: 'ignored', log: `${report.source}: a ${report.kind} event for ${target.recipient} (${target.serviceId}) is not tied to one of our messages (${why}); nothing recorded or shown` };
	}
	await applyDeliveryReport(context.db, row, report, context.clock.now(), context.suppressForMs);
	return { status: 'recorded', log: `${report.source}: message ${row.id} ${report.kind}${report.reason ? ` (${report.reason})` : ''}` };
}
