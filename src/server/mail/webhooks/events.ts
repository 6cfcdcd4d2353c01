/**
 * What the email services' webhooks share: an event the service signed (or authenticated), taken
 * once (its id remembered), about a message of ours found by its recipient, recorded as a delivery
 * report. Each service's module checks its own documented signature and maps its own event names.
 */
import type { DatabaseSync } from 'node:sqlite';

import { run } from '../../backends/local/database.ts';
import type { Clock } from '../../clock.ts';
import { applyDeliveryReport, findReportedMessage, type DeliveryReport } from '../delivery-reports.ts';

/** What a webhook handler needs. */
export interface WebhookContext {
	db: DatabaseSync;
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
export function takeOnce(db: DatabaseSync, source: string, eventId: string, now: number): void {
	if (run(db, 'INSERT OR IGNORE INTO webhook_events (source, event_id, received_at) VALUES (?, ?, ?)', source, eventId, now) !== 1) {
		throw new WebhookRefusal(400, `event ${eventId} was received already (a replay)`);
	}
}

/** Records a report about the newest message sent to `recipient`; returns what to log. */
export function recordReport(context: WebhookContext, recipient: string, report: DeliveryReport): string {
	const message = findReportedMessage(context.db, { recipient });
	if (!message) return `${report.source}: a ${report.kind} event about no message of ours, ignored`;
	applyDeliveryReport(context.db, message, report, context.clock.now(), context.suppressForMs);
	return `${report.source}: message ${message.id} ${report.kind}${report.reason ? ` (${report.reason})` : ''}`;
}
