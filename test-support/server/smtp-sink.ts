/**
 * Test support: a real SMTP server (the `smtp-server` package) on 127.0.0.1 that keeps what it
 * receives. It can be stopped and started again on the same port to play an outage, and it can
 * hold a message unanswered, to kill a sender in the middle of a delivery.
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
}

/** Starts a sink on a free port (or on `port`). */
export async function startSmtpSink(port = 0): Promise<SmtpSink> {
	const received: ReceivedMail[] = [];
	let holding: { arrived: () => void } | null = null;
	let held: ((accept: boolean, code?: number) => void) | null = null;

	function createServer(): SMTPServer {
		return new SMTPServer({
			authOptional: true,
			disabledCommands: ['STARTTLS'],
			logger: false,
			// No DNS on the test machines: a reverse lookup per connection would cost a timeout each.
			disableReverseLookup: true,
			onData(stream, session, callback) {
				const chunks: Buffer[] = [];
				stream.on('data', (chunk: Buffer) => chunks.push(chunk));
				stream.on('end', () => {
					const raw = Buffer.concat(chunks).toString('utf8');
					const accept = () => {
						received.push({
							from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
							to: session.envelope.rcptTo.map((recipient) => recipient.address),
							messageId: header(raw, 'Message-ID'),
							subject: header(raw, 'Subject'),
							raw,
							receivedAt: Date.now(),
						});
						callback();
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
		async waitFor(count, timeoutMs = 10_000) {
			const deadline = Date.now() + timeoutMs;
			while (received.length < count) {
				if (Date.now() > deadline) throw new Error(`expected ${count} messages, got ${received.length}`);
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
		},
	};
}

/** A header's value from a raw message (unfolded). */
function header(raw: string, name: string): string {
	const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
	const match = new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(head);
	return (match?.[1] ?? '').replace(/\r?\n[ \t]+/g, ' ').trim();
}
