/**
 * How an email service's event names the exact message it is about. Matching by recipient alone
 * (the newest message to the address) put a late bounce of an older email on the newer one's
 * timeline; each service's events are instead tied to one outbox row by a clue we put in the
 * message ourselves, and an event without a clue that names one of our rows is not shown to anyone.
 *
 * - **Our message reference**, `<outbox id>.<created at>.<hmac>`, sent as a Postmark metadata
 *   header. The HMAC (SHA-256 under the server's own key, the one that signs bounce addresses)
 *   makes a reference that another sender on the same Postmark server (or a mistyped value) cannot
 *   name a message of ours by accident; the creation time keeps a reused row id from matching.
 * - **Our own `Message-ID`**, `<signup-<outbox id>-<created at>@…>` (`render.ts`), which Resend
 *   reports back as `data.message_id` and Amazon SES among the original headers of its
 *   notifications. No secret is needed there: the service's own signature vouches for the event,
 *   and the creation time keeps a reused row id from matching.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Who a reference or Message-ID names: an outbox row and the time it was created. */
export interface MessageKey {
	outboxId: number;
	createdAt: number;
}

/** Hex digits of the HMAC kept in a reference (64 bits, as in the bounce addresses). */
const tagLength = 16;

function tag(key: Buffer, message: MessageKey): string {
	return createHmac('sha256', key).update(`message-ref:${message.outboxId}:${message.createdAt}`).digest('hex').slice(0, tagLength);
}

/** The reference of one message (46 characters at most: Postmark allows 80 per metadata value). */
export function messageRef(key: Buffer, message: MessageKey): string {
	return `${message.outboxId}.${message.createdAt}.${tag(key, message)}`;
}

/** The message a reference names, or `null` when it is not one of ours (malformed, or a wrong tag). */
export function parseMessageRef(key: Buffer, value: unknown): MessageKey | null {
	if (typeof value !== 'string') return null;
	const match = /^(\d{1,15})\.(\d{1,15})\.([0-9a-f]{16})$/.exec(value.trim());
	if (!match) return null;
	const message = { outboxId: Number(match[1]), createdAt: Number(match[2]) };
	const given = Buffer.from(match[3] ?? '');
	const expected = Buffer.from(tag(key, message));
	return given.length === expected.length && timingSafeEqual(given, expected) ? message : null;
}

/** The message our own `Message-ID` header names, or `null` for any other value. */
export function parseOwnMessageId(value: unknown): MessageKey | null {
	if (typeof value !== 'string') return null;
	const match = /^<signup-(\d{1,15})-(\d{1,15})@[^<>\s]+>$/.exec(value.trim());
	return match ? { outboxId: Number(match[1]), createdAt: Number(match[2]) } : null;
}

/**
 * The Postmark metadata header that carries the reference: Postmark turns every `X-PM-Metadata-<key>`
 * header of a message sent through its SMTP server into a metadata field, returns the fields in its
 * webhook events (`Metadata`) and does not deliver them to the recipient
 * (https://postmarkapp.com/support/article/1125-custom-metadata-faq: keys of at most 20 characters,
 * values of at most 80).
 */
export const postmarkRefKey = 'signup-ref';

/** The headers that carry a message's reference through Postmark. */
export function postmarkRefHeaders(key: Buffer, message: MessageKey): Record<string, string> {
	return { [`X-PM-Metadata-${postmarkRefKey}`]: messageRef(key, message) };
}
