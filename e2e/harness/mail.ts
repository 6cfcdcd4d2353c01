/**
 * The captured emails, read through the harness's control server (see `serve.ts`).
 */
import { controlUrl, type CapturedMessage } from './instances.ts';

/** The test SMTP server's next replies to `to`, one per delivery attempt (`{ code: 451, text: '4.3.0 Try again later' }`…). */
export async function replyTo(to: string, replies: { code: number; text: string }[]): Promise<void> {
	const response = await fetch(`${controlUrl}/replies`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to, replies }) });
	if (!response.ok) throw new Error(`the control server answered ${response.status} to the replies for ${to}`);
}

/** `anna@example.com` with the test SMTP server's reply tag: `anna+550@example.com`. */
export function tagged(address: string, tag: 451 | 550 | 552 | 554): string {
	return address.replace('@', `+${tag}@`);
}

/** Every message captured so far for `to`, oldest first. */
export async function messagesTo(to: string): Promise<CapturedMessage[]> {
	const response = await fetch(`${controlUrl}/messages?to=${encodeURIComponent(to)}`);
	if (!response.ok) throw new Error(`the control server answered ${response.status} for the messages to ${to}`);
	return (await response.json()) as CapturedMessage[];
}

/** Options of {@link waitForMessage}. */
export interface WaitForMessageOptions {
	/** Only messages this returns true for count. */
	match?: (message: CapturedMessage) => boolean;
	/** Wait for the n-th matching message (1 = the first). Default 1. */
	nth?: number;
	/** Give up after this long. Default 10 seconds. */
	timeoutMs?: number;
}

/** Waits for a message to `to` (the `nth` one matching `match`); rejects with what did arrive after the timeout. */
export async function waitForMessage(to: string, options: WaitForMessageOptions = {}): Promise<CapturedMessage> {
	const { match = () => true, nth = 1, timeoutMs = 10_000 } = options;
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const all = await messagesTo(to);
		const found = all.filter(match);
		if (found.length >= nth) return found[nth - 1]!;
		if (Date.now() > deadline) {
			const seen = all.map((message) => `“${message.subject}”`).join(', ') || 'none';
			throw new Error(`no message #${nth} to ${to} within ${timeoutMs} ms (received: ${seen})`);
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/** The confirmation email: it has a `/confirm/#token=` link and a six-digit code. */
export const isConfirmation = (message: CapturedMessage): boolean => Boolean(message.link?.includes('/confirm/#token=') && message.code);

/** The password-reset email: it has a `/reset-password/#token=` link. */
export const isPasswordReset = (message: CapturedMessage): boolean => Boolean(message.link?.includes('/reset-password/#token='));

/** A link from an email as a path and fragment, to open on the instance that sent it. */
export function pathOf(link: string): string {
	const url = new URL(link);
	return `${url.pathname}${url.hash}`;
}
