/**
 * Test support: a real SMTP server (the `smtp-server` package) on 127.0.0.1 that keeps what it
 * receives. It can be stopped and started again on the same port to play an outage, and it can
 * hold a message unanswered, to kill a sender in the middle of a delivery.
 *
 * It answers each recipient by a tag in its local part, so that a test (or a browser test through
 * the end-to-end harness) chooses the receiving server's reply without any production code knowing:
 * `…+550@…` no such mailbox, `…+552@…` mailbox full, `…+554@…` rejected as spam (always), `…+451@…`
 * try again later (the first time, then accepted). Untagged recipients are accepted with
 * `250 2.0.0 OK: queued as …`. {@link SmtpSink.replyTo} sets replies programmatically.
 */
import type { AddressInfo } from 'node:net';

import { SMTPServer } from 'smtp-server';

/** A received message: the envelope and the raw source. */
export interface ReceivedMail {
	from: string;
	to: string[];
	messageId: string;
	subject: string;
	raw: string;
	/** When the sink accepted it (`Date.now()`). */
	receivedAt: number;
}

/** A reply of the sink to a recipient (RCPT TO): the code, and the text after it (enhanced code first). */
export interface SinkReply {
	code: number;
	text: string;
}

/** The replies the recipient tags choose. */
export const taggedReplies = {
	550: { code: 550, text: '5.1.1 The email account that you tried to reach does not exist' },
	552: { code: 552, text: "5.2.2 The recipient's mailbox is full" },
	554: { code: 554, text: '5.7.1 Message rejected as spam' },
	451: { code: 451, text: '4.3.0 Try again later' },
} as const satisfies Record<number, SinkReply>;

/** The reply a tag gives each time (5xx) or once (451), from the local part's `+<code>`. */
function tagOf(address: string): keyof typeof taggedReplies | null {
	const tag = /\+(\d{3})@/.exec(address)?.[1];
	return tag && tag in taggedReplies ? (Number(tag) as keyof typeof taggedReplies) : null;
}

/** A running sink. */
export interface SmtpSink {
	readonly port: number;
	/** `smtp://127.0.0.1:<port>` */
	readonly url: string;
	readonly received: ReceivedMail[];
	/** Stops listening and drops open connections: senders get "connection refused". */
	stop(): Promise<void>;
	/** Listens again on the same port. */
	start(): Promise<void>;
	/**
	 * Makes the next message wait, unanswered, after its data has arrived; resolves when one does.
	 * The held message counts as received only if {@link SmtpSink.release} accepts it.
	 */
	holdNext(): Promise<void>;
	/** Answers the held message: accepted (250) or refused (with `code`, such as 550; else smtp-server's 450). */
	release(accept: boolean, code?: number): void;
	/** Resolves once `count` messages were received, or rejects after `timeoutMs`. */
	waitFor(count: number, timeoutMs?: number): Promise<void>;
	/**
	 * Answers the next attempts for `address` (case-insensitive) with `replies`, one per attempt, in
	 * order; after them the recipient's tag (if any) or 250 again.
	 */
	replyTo(address: string, ...replies: SinkReply[]): void;
	/** Every reply the sink gave a recipient, in order: `250 …` for accepted ones. */
	readonly replies: { to: string; reply: string }[];
}

/** Starts a sink on a free port (or on `port`). */
export async function startSmtpSink(port = 0): Promise<SmtpSink> {
	const received: ReceivedMail[] = [];
	let holding: { arrived: () => void } | null = null;
	let held: ((accept: boolean, code?: number) => void) | null = null;
	const scripted = new Map<string, SinkReply[]>();
	const deferredOnce = new Set<string>();
	const replies: { to: string; reply: string }[] = [];

	/** The reply for one recipient this time, or `null`: accept it. */
	function replyFor(address: string): SinkReply | null {
		const key = address.toLowerCase();
		const queue = scripted.get(key);
		if (queue && queue.length > 0) return queue.shift() ?? null;
		const tag = tagOf(key);
		if (tag === null) return null;
		if (tag === 451) {
			if (deferredOnce.has(key)) return null;
			deferredOnce.add(key);
		}
		return taggedReplies[tag];
	}
	let queued = 0;

	function createServer(): SMTPServer {
		return new SMTPServer({
			authOptional: true,
			disabledCommands: ['STARTTLS'],
			logger: false,
			// No DNS on the test machines: a reverse lookup per connection would cost a timeout each.
			disableReverseLookup: true,
			onRcptTo(address, _session, callback) {
				const reply = replyFor(address.address);
				if (!reply) return callback();
				replies.push({ to: address.address, reply: `${reply.code} ${reply.text}` });
				callback(Object.assign(new Error(reply.text), { responseCode: reply.code }));
			},
			onData(stream, session, callback) {
				const chunks: Buffer[] = [];
				stream.on('data', (chunk: Buffer) => chunks.push(chunk));
				stream.on('end', () => {
					const raw = Buffer.concat(chunks).toString('utf8');
					const accept = () => {
						const answer = `2.0.0 OK: queued as ${(++queued).toString(16).padStart(8, '0')}`;
						for (const recipient of session.envelope.rcptTo) replies.push({ to: recipient.address, reply: `250 ${answer}` });
						received.push({
							from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
							to: session.envelope.rcptTo.map((recipient) => recipient.address),
							messageId: header(raw, 'Message-ID'),
							subject: header(raw, 'Subject'),
							raw,
							receivedAt: Date.now(),
						});
						callback(null, answer);
					};
					if (holding) {
						const { arrived } = holding;
						holding = null;
						held = (ok, code) => (ok ? accept() : callback(Object.assign(new Error('refused by the test'), code ? { responseCode: code } : {})));
						arrived();
					} else {
						accept();
					}
				});
			},
		});
	}

	let server = createServer();
	const listen = (onPort: number) =>
		new Promise<number>((resolve, reject) => {
			server.once('error', reject);
			server.listen(onPort, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port));
		});
	const actualPort = await listen(port);

	return {
		port: actualPort,
		url: `smtp://127.0.0.1:${actualPort}`,
		received,
		async stop() {
			const closing = new Promise<void>((resolve) => server.close(() => resolve()));
			// smtp-server waits for open sessions; end them so the outage starts now.
			for (const connection of (server as unknown as { connections: Set<{ close(): void }> }).connections ?? []) connection.close();
			await closing;
		},
		async start() {
			server = createServer();
			await listen(actualPort);
		},
		holdNext() {
			return new Promise<void>((resolve) => {
				holding = { arrived: resolve };
			});
		},
		release(accept, code) {
			held?.(accept, code);
			held = null;
		},
		replyTo(address, ...answers) {
			scripted.set(address.toLowerCase(), [...(scripted.get(address.toLowerCase()) ?? []), ...answers]);
		},
		replies,
		async waitFor(count, timeoutMs = 10_000) {
			const deadline = Date.now() + timeoutMs;
			while (received.length < count) {
				if (Date.now() > deadline) throw new Error(`expected ${count} messages, got ${received.length}`);
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
		},
	};
}

/** The value of one header of a raw message (unfolded), or an empty string. */
export function header(raw: string, name: string): string {
	const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
	const match = new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(head);
	return (match?.[1] ?? '').replace(/\r?\n[ \t]+/g, ' ').trim();
}
