/**
 * What the email services' webhooks share: an event the service signed (or authenticated), taken
 * once (its id remembered), about a message of ours found by its recipient, recorded as a delivery
 * report. Each service's module checks its own documented signature and maps its own event names.
 */
import type { Queryable, Store } from '../../store/store.ts';

import type { Clock } from '../../clock.ts';
import { applyDeliveryReport, findReportedMessage, type DeliveryReport } from '../delivery-reports.ts';

/** What a webhook handler needs. */
export interface WebhookContext {
	db: Store;
	clock: Clock;
	suppressForMs: number;
	log: (line: string) => void;
}

/** Why an event was refused: the HTTP status to answer (401 unauthenticated, 400 malformed or replayed) and a reason to log. */
export class WebhookRefusal extends Error {
	readonly status: 400 | 401;
	constructor(status: 400 | 401, message: string) {
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

/** Records a report about the newest message sent to `recipient`; returns what to log. */
export async function recordReport(context: WebhookContext, recipient: string, report: DeliveryReport): Promise<string> {
	const message = await findReportedMessage(context.db, { recipient });
	if (!message) return `${report.source}: a ${report.kind} event about no message of ours, ignored`;
	await applyDeliveryReport(context.db, message, report, context.clock.now(), context.suppressForMs);
	return `${report.source}: message ${message.id} ${report.kind}${report.reason ? ` (${report.reason})` : ''}`;
}
