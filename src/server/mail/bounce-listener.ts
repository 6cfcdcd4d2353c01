/**
 * The inbound side for bounces (`BOUNCE_SMTP_PORT`, `BOUNCE_DOMAIN`; off by default): an SMTP
 * server (smtp-server) that accepts mail only for this server's bounce addresses, reads each
 * message as a delivery status notification and records `bounced` events (see `delivery-reports.ts`).
 *
 * A recipient must be a bounce address whose HMAC checks out (`verp.ts`), or the plain
 * `bounce@BOUNCE_DOMAIN`, whose reports are matched by the original Message-ID (which names the
 * outbox row and its creation time). Anything else is refused at RCPT (550 5.1.1) and logged.
 */
import type { AddressInfo } from 'node:net';
import type { Store } from '../store/store.ts';

import { SMTPServer } from 'smtp-server';

import type { Clock } from '../clock.ts';
import { failureReason } from './delivery-status.ts';
import { applyDeliveryReport, findReportedMessage } from './delivery-reports.ts';
import { parseDsn } from './dsn.ts';
import { parseVerpAddress, verpKey } from './verp.ts';

/** What the listener needs. */
export interface BounceListenerOptions {
	db: Store;
	/** The domain of the bounce addresses (`BOUNCE_DOMAIN`). */
	domain: string;
	port: number;
	host?: string;
	clock: Clock;
	suppressForMs: number;
	/** Where refusals and unreadable reports are told. */
	log: (line: string) => void;
}

/** A running listener. */
export interface BounceListener {
	readonly port: number;
	close(): Promise<void>;
}

/** The largest report accepted: a DSN returns at most the original's headers or a short message. */
const maxReportBytes = 512 * 1024;

/** Starts the bounce listener. */
export async function startBounceListener(options: BounceListenerOptions): Promise<BounceListener> {
	const { db, domain, clock, log } = options;
	const key = await verpKey(db);
	const plain = `bounce@${domain}`.toLowerCase();

	/** Records what a received report says; returns what to log. */
	async function handle(raw: Buffer, outboxIds: number[]): Promise<string> {
		const dsn = await parseDsn(raw);
		if (!dsn) return 'bounce listener: a message that is not a delivery status notification, ignored';
		const failed = dsn.recipients.filter((recipient) => recipient.action === 'failed');
		if (failed.length === 0) return `bounce listener: a report without a failure (${dsn.recipients.map((r) => r.action).join(', ') || 'no recipients'}), ignored`;
		const targets = outboxIds.length > 0 ? outboxIds.map((outboxId) => ({ outboxId })) : [{ ...(dsn.originalMessageId ? { messageId: dsn.originalMessageId } : {}) }];
		const notes: string[] = [];
		for (const target of targets) {
			const message = 'outboxId' in target || 'messageId' in target ? await findReportedMessage(db, target) : null;
			if (!message) {
				notes.push('a report about no message of ours, ignored');
				continue;
			}
			const recipient = failed.find((r) => r.recipient?.toLowerCase() === message.recipient.toLowerCase()) ?? failed[0];
			const now = clock.now();
			await applyDeliveryReport(db, message, { kind: 'bounced', reason: failureReason(recipient?.status ?? null), reply: recipient?.diagnostic ?? recipient?.status ?? null, at: now, source: 'dsn' }, now, options.suppressForMs);
			notes.push(`message ${message.id} bounced (${recipient?.status ?? 'no status'})`);
		}
		return `bounce listener: ${notes.join('; ')}`;
	}

	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['AUTH', 'STARTTLS'],
		logger: false,
		size: maxReportBytes,
		disableReverseLookup: true,
		banner: 'bounces only',
		onRcptTo(address, _session, callback) {
			const to = address.address.toLowerCase();
			if (to === plain || parseVerpAddress(key, to, domain) !== null) return callback();
			log(`bounce listener: refused a message for ${address.address} (not a bounce address of this server, or a forged one)`);
			callback(Object.assign(new Error('5.1.1 No such bounce address'), { responseCode: 550 }));
		},
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				if ((stream as { sizeExceeded?: boolean }).sizeExceeded) {
					callback(Object.assign(new Error('5.3.4 Report too large'), { responseCode: 552 }));
					return;
				}
				const ids = session.envelope.rcptTo.map((r) => parseVerpAddress(key, r.address, domain)).filter((id): id is number => id !== null);
				handle(Buffer.concat(chunks), ids).then(
					(note) => {
						log(note);
						callback();
					},
					(error: unknown) => {
						log(`bounce listener: an unreadable report (${error instanceof Error ? error.message : String(error)})`);
						// Accepted all the same: refusing would make the reporting server bounce the bounce.
						callback();
					},
				);
			});
		},
	});
	const port = await new Promise<number>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, options.host ?? '0.0.0.0', () => resolve((server.server.address() as AddressInfo).port));
	});
	server.on('error', (error) => log(`bounce listener: ${error.message}`));
	return {
		port,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
