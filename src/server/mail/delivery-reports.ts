/**
 * Reports about an email after it was sent — a delivery status notification (RFC 3464) received by
 * the bounce listener, or an email service's webhook — turned into delivery events: `bounced` with
 * the reason its status code gives, or `complained`. A hard bounce or a complaint suppresses the
 * address (see `suppressions.ts`).
 */
import type { Queryable, Store } from '../store/store.ts';

import type { DeliveryReason } from '../../signup/contract.ts';
import { mailboxKey } from '../backends/local/mailbox.ts';
import { recordDeliveryEvent } from './delivery-events.ts';
import { isHardBounce } from './delivery-status.ts';
import { suppress } from './suppressions.ts';

/** What a report says happened to a message. */
export interface DeliveryReport {
	kind: 'bounced' | 'complained';
	/** For a bounce; a complaint's is `rejected` (the recipient refused it as spam). */
	reason?: DeliveryReason;
	/** The receiving server's words (a DSN's Diagnostic-Code, a webhook's description). */
	reply?: string | null;
	/** When it happened (the report's own time when it has one). */
	at: number;
	/** Who told: `dsn`, `postmark`, `ses`, `resend`. */
	source: string;
}

/** Which outbox message a report is about, by the clues it carries. */
export interface ReportTarget {
	/** The outbox id (a verified VERP address). */
	outboxId?: number;
	/** The original Message-ID (`<signup-<id>-<created>@…>`), checked against the row it names. */
	messageId?: string;
}

/** The outbox row a report names, or `null` when none matches (a stranger's or a forgotten message). */
export async function findReportedMessage(db: Queryable, target: ReportTarget): Promise<{ id: number; recipient: string } | null> {
	if (target.outboxId !== undefined) {
		return await db.get<{ id: number; recipient: string }>('SELECT id, recipient FROM outbox WHERE id = ?', target.outboxId) ?? null;
	}
	const match = target.messageId ? /<?signup-(\d+)-(\d+)@[^>]+>?/.exec(target.messageId) : null;
	if (match) {
		const row = await db.get<{ id: number; recipient: string }>('SELECT id, recipient FROM outbox WHERE id = ? AND created_at = ?', Number(match[1]), Number(match[2]));
		if (row) return row;
	}
	// Never "the newest message to the recipient": a late report about an older email would be shown
	// on a newer one's timeline. A report that names no row of ours is about none.
	return null;
}

/** Records a report on its message and suppresses the address when it hard-bounced or complained. */
export async function applyDeliveryReport(db: Store, message: { id: number; recipient: string }, report: DeliveryReport, now: number, suppressForMs: number): Promise<void> {
	const reason = report.kind === 'complained' ? undefined : (report.reason ?? 'other');
	await db.transaction(async (db) => {
		await recordDeliveryEvent(db, message.id, { kind: report.kind, at: report.at, reply: report.reply ?? null, ...(reason ? { reason } : {}), source: report.source });
		if (report.kind === 'complained' || (reason && isHardBounce(reason))) {
			const cause = report.kind === 'complained' ? 'complained' : 'bounced';
			await suppress(db, { mailbox: mailboxKey(message.recipient), email: message.recipient, cause, reason: reason ?? 'rejected', outboxId: message.id }, now, suppressForMs);
		}
	});
}
