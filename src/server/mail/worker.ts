/**
 * The mail worker: delivers the outbox, one message at a time, with retries and exponential
 * backoff. An SMTP outage delays mail and loses none (rows stay queued); a message is marked sent
 * only after the server accepted it, and a lease keeps two workers (in one process or in several on
 * one data folder) from sending the same row: renewed when the row's turn comes and while it is on
 * the wire, so it runs out only for a worker that died (or stalled longer than the lease), and the
 * row is then claimed again by another.
 *
 * The one window left is the instant between the SMTP server's “250 OK” and the database update:
 * a process killed exactly then sends that message again after restart. The retry carries the
 * same `Message-ID`, so mail systems can recognise it (its link and code are new: only the newest work).
 *
 * Rows hold no secret: `prepare` turns a claimed row into the message to send, minting its link and
 * code (the backend stores only their hashes), or says there is nothing to send. A permanent
 * refusal (an SMTP 5xx reply, RFC 5321 §4.2.1) is final: no retry, and the minted secret is
 * forgotten with the message.
 *
 * Each step is a delivery event (see `delivery-events.ts`): `sent` with the receiving server's reply
 * and domain, `deferred` with the next attempt's time, `failed` with the reason its enhanced status
 * code gives, `suppressed` (not sent) for an address that hard-bounced or complained recently. A
 * hard bounce (no such mailbox) suppresses its address.
 */
import { randomUUID } from 'node:crypto';

import { mailboxKey } from '../backends/local/mailbox.ts';
import { StorageUnavailableError, type Store } from '../store/store.ts';
import type { Clock } from '../clock.ts';
import { recordDeliveryEvent } from './delivery-events.ts';
import { enhancedStatus, failureReason, isHardBounce, replyOfError } from './delivery-status.ts';
import type { MailMessage } from './messages.ts';
import { claimDueMail, dropMail, outboxChannel, markFailed, markSent, renewLease, storedMessage, type QueuedMail } from './outbox.ts';
import { defaultSuppressionMs, suppress, suppressionOf } from './suppressions.ts';
import type { RenderedMail } from './render.ts';
import type { MailTransport } from './transports.ts';

/** How the worker retries. */
export interface RetryPolicy {
	/** Wait after the first failure; doubles with each failure. */
	baseDelayMs: number;
	/** The longest wait between two attempts. */
	maxDelayMs: number;
	/** After this long since queuing, a message that still fails is given up (and logged). */
	giveUpAfterMs: number;
}

/** The default retries: 5 s, 10 s, 20 s… up to 15 minutes apart, for three days. */
export const defaultRetryPolicy: RetryPolicy = {
	baseDelayMs: 5_000,
	maxDelayMs: 15 * 60_000,
	giveUpAfterMs: 3 * 24 * 3600_000,
};

/** What the worker's `prepare` makes of a claimed row (see {@link MailWorkerOptions.prepare}). */
export type PreparedMail = MailMessage | 'replaced' | null;

/** What the worker needs. */
export interface MailWorkerOptions {
	db: Store;
	transport: MailTransport;
	render: (message: MailMessage) => RenderedMail;
	/**
	 * Turns a claimed row into its message, minting what it needs; `replaced`: a registration's email
	 * that a newer attempt replaced before it went out (not sent, and its timeline says so); or `null`:
	 * nothing to send (the row is deleted). Default: {@link storedMessage}.
	 */
	prepare?: (mail: QueuedMail) => PreparedMail | Promise<PreparedMail>;
	clock: Clock;
	retry?: RetryPolicy;
	/** How often to look for due messages when nobody calls {@link MailWorker.notify}. Default 1 s. */
	pollIntervalMs?: number;
	/** How long a claim lasts; longer than the transport's own timeouts. Default 2 minutes. */
	leaseMs?: number;
	/** Messages claimed at once. Default 20. */
	batchSize?: number;
	/** How long an address that hard-bounced is not mailed. Default 30 days. */
	suppressForMs?: number;
	/** The envelope sender of a message (a VERP bounce address), when bounces come back to this server. */
	envelopeFrom?: (outboxId: number) => string | undefined;
	/** Extra headers of a message for the relay (the reference an email service reports back in its events). */
	relayHeaders?: (message: { outboxId: number; createdAt: number }) => Record<string, string> | undefined;
	log?: (message: string) => void;
}

/** A running (or runnable) worker. */
export interface MailWorker {
	/** Starts the delivery loop. */
	start(): void;
	/** Says new mail is queued, so the loop looks now instead of at its next poll. */
	notify(): void;
	/** Delivers what is due now, once; resolves with the number of messages claimed. */
	runOnce(): Promise<number>;
	/** Stops the loop after the message in flight, if any. */
	stop(): Promise<void>;
}

/** A worker for one outbox. */
export function createMailWorker(options: MailWorkerOptions): MailWorker {
	const { db, transport, render, clock } = options;
	const retry = options.retry ?? defaultRetryPolicy;
	const pollIntervalMs = options.pollIntervalMs ?? 1000;
	const leaseMs = options.leaseMs ?? 120_000;
	const batchSize = options.batchSize ?? 20;
	const log = options.log ?? ((message: string) => console.error(message));
	const prepare = options.prepare ?? storedMessage;
	const suppressForMs = options.suppressForMs ?? defaultSuppressionMs;
	const owner = randomUUID();

	let running = false;
	let loop: Promise<void> | null = null;
	let wake: (() => void) | null = null;
	let notified = false;
	let unlisten: Promise<(() => Promise<void>) | null> | null = null;
	const unrecorded = new Map<number, () => Promise<boolean>>();

	async function deliver(mail: QueuedMail, attempts: number): Promise<void> {
		// Each send starts on a full lease (the transport's timeouts keep one send well within it).
		if (!await renewLease(db, mail.id, owner, clock.now(), leaseMs)) {
			log(`mail ${mail.id}: its lease ran out before its turn and another worker took it; not sent here`);
			return;
		}
		// Before anything is minted: a suppressed address gets no new link, and its old one keeps working.
		const suppressed = await suppressionOf(db, mailboxKey(mail.to), clock.now());
		if (suppressed) {
			const now = clock.now();
			await db.transaction(async (db) => {
				await markFailed(db, mail.id, owner, `not sent: the address is suppressed (${suppressed.cause}, ${suppressed.reason})`, null, now);
				await recordDeliveryEvent(db, mail.id, { kind: 'suppressed', at: now, reason: suppressed.reason, source: 'worker' });
			});
			log(`mail ${mail.id} (${mail.kind}) not sent: its address is suppressed (${suppressed.cause}, ${suppressed.reason})`);
			return;
		}
		const message = await prepare(mail);
		if (message === 'replaced') {
			const now = clock.now();
			await db.transaction(async (db) => {
				await markFailed(db, mail.id, owner, 'not sent: a newer attempt on the address replaced it', null, now);
				await recordDeliveryEvent(db, mail.id, { kind: 'replaced', at: now, source: 'worker' });
			});
			return;
		}
		if (!message) {
			await dropMail(db, mail.id, owner);
			return;
		}
		// The lease is renewed while the send is in flight, so that only a dead worker's lease runs out,
		// never a slow send's (a process killed mid-send stops renewing, and the row is retried).
		const heartbeat = setInterval(async () => {
			try {
				await renewLease(db, mail.id, owner, clock.now(), leaseMs);
			} catch (error) {
				// The database is failing (or closed): the send goes on, and its end is recorded if it can be.
				log(`mail ${mail.id}: could not renew its lease: ${error instanceof Error ? error.message : String(error)}`);
			}
		}, Math.max(50, leaseMs / 4));
		let sent: { reply: string | null } | void;
		try {
			const envelopeFrom = options.envelopeFrom?.(message.id);
			const headers = options.relayHeaders?.({ outboxId: message.id, createdAt: message.createdAt });
			sent = await transport.send({ ...render(message), ...(envelopeFrom ? { envelopeFrom } : {}), ...(headers ? { headers } : {}) }, message.id);
		} catch (error) {
			await failed(message, attempts, error);
			return;
		} finally {
			clearInterval(heartbeat);
		}
		const now = clock.now();
		const reply = sent?.reply ?? null;
		const record = () =>
			db.transaction(async (db) => {
				if (!(await markSent(db, message.id, owner, now, message.kind))) return false;
				await recordDeliveryEvent(db, message.id, { kind: 'sent', at: now, domain: domainOf(message.to), reply, source: 'worker' });
				return true;
			});
		let marked: boolean;
		try {
			marked = await record();
		} catch (error) {
			if (!(error instanceof StorageUnavailableError)) throw error;
			// Sent, and the database cannot say so now: kept here and recorded before anything else once
			// it answers, so that the row is not taken for unsent (and sent again) if it can be helped.
			unrecorded.set(message.id, record);
			log(`mail ${message.id} was sent but cannot be recorded now (${error.message}); it will be as soon as the database answers`);
			return;
		}
		if (!marked) log(`mail ${message.id} was sent after its lease expired; another worker may send it again`);
	}

	/** Records the sends the database could not take when they happened; throws while it still cannot. */
	async function recordUnrecorded(): Promise<void> {
		for (const [id, record] of unrecorded) {
			const marked = await record();
			unrecorded.delete(id);
			if (!marked) log(`mail ${id} was sent while the database was unreachable and its lease ran out; another worker may send it again`);
		}
	}

	/** Records a failed attempt: deferred (retried at the schedule's next time) or failed for good. */
	async function failed(message: MailMessage, attempts: number, error: unknown): Promise<void> {
		const now = clock.now();
		const description = error instanceof Error ? error.message : String(error);
		const reply = replyOfError(error);
		const permanent = isPermanentFailure(error);
		const delay = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempts - 1));
		const giveUp = permanent || now + delay - message.createdAt > retry.giveUpAfterMs;
		const reason = failureReason(reply.text ? enhancedStatus(reply.text) : null);
		await db.transaction(async (db) => {
			await markFailed(db, message.id, owner, description.slice(0, 500), giveUp ? null : now + delay, now);
			if (giveUp) {
				await recordDeliveryEvent(db, message.id, { kind: 'failed', at: now, reply: reply.text, reason: permanent ? reason : 'other', source: 'worker' });
				if (permanent && isHardBounce(reason)) {
					await suppress(db, { mailbox: mailboxKey(message.to), email: message.to, cause: 'failed', reason, outboxId: message.id }, now, suppressForMs);
				}
			} else {
				await recordDeliveryEvent(db, message.id, { kind: 'deferred', at: now, reply: reply.text, nextAttemptAt: now + delay, source: 'worker' });
			}
		});
		const verdict = permanent ? ' — refused for good (5xx), not retried' : giveUp ? ' — giving up' : '';
		log(`mail ${message.id} (${message.kind}) attempt ${attempts} failed: ${description}${verdict}`);
	}

	function notify(): void {
		notified = true;
		setImmediate(() => wake?.());
	}

	async function runOnce(): Promise<number> {
		await recordUnrecorded();
		const claimed = await claimDueMail(db, owner, clock.now(), leaseMs, batchSize);
		for (const { mail, attempts } of claimed) await deliver(mail, attempts);
		return claimed.length;
	}

	function sleep(milliseconds: number): Promise<void> {
		return new Promise((resolve) => {
			const timer = setTimeout(done, milliseconds);
			function done() {
				clearTimeout(timer);
				wake = null;
				resolve();
			}
			wake = done;
		});
	}

	async function run(): Promise<void> {
		while (running) {
			notified = false;
			let claimed = 0;
			try {
				claimed = await runOnce();
			} catch (error) {
				log(`mail worker: ${error instanceof Error ? error.stack : String(error)}`);
			}
			if (!running) break;
			// A full batch means more may be waiting; a notification during the batch means new mail.
			if (claimed < batchSize && !notified) await sleep(pollIntervalMs);
		}
	}

	return {
		start() {
			if (running) return;
			running = true;
			loop = run();
			// Mail queued by another replica wakes this worker at once; the poll stays as the fallback.
			unlisten = db.listen?.(outboxChannel, notify).catch((error: unknown) => {
				log(`mail worker: cannot listen for new mail (${error instanceof Error ? error.message : String(error)}); polling`);
				return null;
			}) ?? null;
		},
		notify() {
			notified = true;
			// Woken after the current request's answer is on its way, so that the answer never waits
			// for (or is timed with) the sending.
			setImmediate(() => wake?.());
		},
		runOnce,
		async stop() {
			running = false;
			await (await unlisten)?.();
			unlisten = null;
			wake?.();
			await loop;
			loop = null;
		},
	};
}

/**
 * Whether a transport's error is a permanent refusal: an SMTP reply in the 5xx range (nodemailer
 * puts it in `responseCode`). Connection failures and 4xx replies are temporary.
 */
export function isPermanentFailure(error: unknown): boolean {
	const code = (error as { responseCode?: unknown } | null)?.responseCode;
	return typeof code === 'number' && code >= 500 && code < 600;
}

/** The receiving domain of an address: the part after its last `@`. */
function domainOf(address: string): string {
	return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}
