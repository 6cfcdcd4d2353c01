/**
 * Where rendered emails go: an SMTP server (nodemailer) when `SMTP_URL` is set, otherwise the
 * development mailbox, a table in the same database that `/_mailbox/` shows.
 */
import type { Store } from '../store/store.ts';

import nodemailer from 'nodemailer';

import type { Clock } from '../clock.ts';
import type { RenderedMail } from './render.ts';

/** What the receiving side said when it accepted an email. */
export interface SentReply {
	/** Its reply to the transaction, e.g. `250 2.0.0 OK: queued as 4F2…` (nodemailer's `info.response`). */
	reply: string | null;
}

/**
 * Delivers one email; resolves once the receiving side has accepted it (with its reply, when the
 * transport has one), or rejects with the refusal (nodemailer's errors carry `responseCode` and
 * `response`: see `replyOfError`).
 */
export interface MailTransport {
	/** A name for logs. */
	readonly name: string;
	send(mail: RenderedMail, outboxId: number): Promise<SentReply | void>;
	/** Releases connections. */
	close(): void;
}

/** An SMTP transport for a URL such as `smtp://user:pass@host:587` or `smtps://host:465`. */
export function smtpTransport(url: string): MailTransport {
	const transporter = nodemailer.createTransport({
		url,
		// One kept-alive connection: the worker sends one message at a time, and a new SMTP session
		// per message costs a round of greetings (and many servers delay their greeting on purpose).
		pool: true,
		maxConnections: 1,
		maxMessages: 500,
		// Bounded waits: a hung server must fail the attempt (and be retried) well within the
		// worker's lease, or another worker could claim the message while this one still sends it.
		connectionTimeout: 10_000,
		greetingTimeout: 10_000,
		socketTimeout: 30_000,
	});
	return {
		name: 'smtp',
		async send(mail) {
			const info = await transporter.sendMail({
				messageId: mail.messageId,
				// A per-message envelope sender (VERP) when bounces come back to this server.
				...(mail.envelopeFrom ? { envelope: { from: mail.envelopeFrom, to: mail.to } } : {}),
				...(mail.headers ? { headers: mail.headers } : {}),
				from: mail.from,
				to: mail.to,
				subject: mail.subject,
				html: mail.html,
				text: mail.text,
			});
			return { reply: typeof info.response === 'string' ? info.response : null };
		},
		close: () => transporter.close(),
	};
}

/** What the development mailbox "answers" for a stored email, as a receiving server would. */
export const devMailboxReply = '250 2.0.0 Stored in the development mailbox';

/**
 * The development mailbox. Writing is idempotent per outbox row, so even a retried message shows
 * once.
 */
export function devMailboxTransport(db: Store, clock: Clock): MailTransport {
	return {
		name: 'dev-mailbox',
		async send(mail, outboxId) {
			const sender = mail.from.name ? `${mail.from.name} <${mail.from.address}>` : mail.from.address;
			await db.run(
				'INSERT INTO dev_mailbox (outbox_id, message_id, sender, recipient, subject, html, text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
				outboxId,
				mail.messageId,
				sender,
				mail.to,
				mail.subject,
				mail.html,
				mail.text,
				clock.now(),
			);
			return { reply: devMailboxReply };
		},
		close: () => {},
	};
}
