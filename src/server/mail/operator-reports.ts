/**
 * What `npm run mail:trace` and `npm run mail:suppressions` print: the operator's own database,
 * read (and, to lift a suppression, written) directly, with no network access.
 */
import type { Queryable } from '../store/store.ts';

import { normalizeEmail } from '../../signup/contract.ts';
import { mailboxKey } from '../backends/local/mailbox.ts';
import { traceMailbox } from './delivery-events.ts';
import { liftSuppression, listSuppressions, suppressionOf } from './suppressions.ts';

const iso = (time: number) => new Date(time).toISOString();

/** The timeline of every message to an address, oldest first, one line per event. */
export async function traceReport(db: Queryable, address: string, now: number): Promise<string> {
	const email = normalizeEmail(address);
	const mailbox = mailboxKey(email);
	const messages = await traceMailbox(db, mailbox);
	const lines = [`Messages to ${email}: ${messages.length}`];
	for (const message of messages) {
		lines.push('', `#${message.id} ${message.kind} to ${message.recipient}, queued ${iso(message.createdAt)}`);
		for (const event of message.events) {
			const details = [
				event.domain && `domain ${event.domain}`,
				event.reason && `reason ${event.reason}`,
				event.nextAttemptAt && `next attempt ${event.nextAttemptAt}`,
				event.reply && `reply "${event.reply}"`,
				event.source && `from ${event.source}`,
			].filter(Boolean);
			lines.push(`  ${event.at}  ${event.kind.padEnd(10)} ${details.join(', ')}`.trimEnd());
		}
	}
	const suppressed = await suppressionOf(db, mailbox, now);
	if (suppressed) lines.push('', `Suppressed (${suppressed.cause}, ${suppressed.reason}): lift with npm run mail:suppressions -- --lift ${email}`);
	return lines.join('\n');
}

/** The suppressions in force, or the outcome of lifting one (`--lift <address>`). */
export async function suppressionsReport(db: Queryable, args: readonly string[], now: number): Promise<{ text: string; ok: boolean }> {
	const liftAt = args.indexOf('--lift');
	if (liftAt >= 0) {
		const address = args[liftAt + 1];
		if (!address) return { text: 'Usage: npm run mail:suppressions -- --lift <address>', ok: false };
		const email = normalizeEmail(address);
		return await liftSuppression(db, mailboxKey(email))
			? { text: `Lifted: ${email} will be mailed again.`, ok: true }
			: { text: `${email} was not suppressed.`, ok: false };
	}
	const entries = await listSuppressions(db, now);
	const lines = [`Suppressed addresses: ${entries.length}`];
	for (const entry of entries) {
		lines.push(`  ${entry.email}  ${entry.cause} (${entry.reason}) since ${iso(entry.createdAt)}, until ${iso(entry.until)}${entry.outboxId ? `, message #${entry.outboxId}` : ''}`);
	}
	return { text: lines.join('\n'), ok: true };
}
