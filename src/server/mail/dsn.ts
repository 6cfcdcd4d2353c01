/**
 * Reading a delivery status notification (RFC 3464: a `multipart/report; report-type=delivery-status`
 * message, or its internationalized form of RFC 6533) with postal-mime: each recipient's action,
 * status and diagnostic, and the original message's Message-ID.
 */
import PostalMime from 'postal-mime';

/** What a DSN says about one recipient. */
export interface DsnRecipient {
	/** `Final-Recipient` without its address type (`rfc822;`). */
	recipient: string | null;
	/** `failed`, `delayed`, `delivered`, `relayed` or `expanded`. */
	action: string;
	/** The enhanced status code (`5.1.1`). */
	status: string | null;
	/** The receiving server's words (`Diagnostic-Code` without its type). */
	diagnostic: string | null;
}

/** A parsed DSN. */
export interface Dsn {
	recipients: DsnRecipient[];
	/** The Message-ID of the message it reports on (from the returned message or its headers). */
	originalMessageId: string | null;
}

/** The fields of one block of a delivery-status body (folded lines joined), by lower-case name. */
function fieldsOf(block: string): Map<string, string> {
	const fields = new Map<string, string>();
	for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
		const colon = line.indexOf(':');
		if (colon > 0) fields.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
	}
	return fields;
}

/** A typed field's value without its type (`rfc822; ann@example.com` → `ann@example.com`). */
function untyped(value: string | undefined): string | null {
	if (!value) return null;
	const semicolon = value.indexOf(';');
	return (semicolon >= 0 ? value.slice(semicolon + 1) : value).trim() || null;
}

/** The `Message-ID` header of a message or a header block. */
function messageIdIn(text: string): string | null {
	const head = text.split(/\r?\n\r?\n/, 1)[0] ?? '';
	return /^Message-ID:[ \t]*(<[^>\r\n]+>)/im.exec(head)?.[1] ?? null;
}

/** Parses a DSN; `null` when the message is not one (an auto-reply, spam, a human's answer). */
export async function parseDsn(raw: string | Uint8Array): Promise<Dsn | null> {
	const email = await PostalMime.parse(raw, { forceRfc822Attachments: true, attachmentEncoding: 'utf8' });
	const contentType = email.headers.find((header) => header.key === 'content-type')?.value ?? '';
	if (!/multipart\/report/i.test(contentType) || !/report-type="?(?:delivery-status|global-delivery-status)/i.test(contentType)) return null;
	const text = (content: string | ArrayBuffer | Uint8Array) => (typeof content === 'string' ? content : new TextDecoder().decode(content));
	const status = email.attachments.find((part) => /^message\/(?:global-)?delivery-status$/i.test(part.mimeType));
	if (!status) return null;
	const [, ...recipientBlocks] = text(status.content).split(/\r?\n\s*\r?\n/);
	const recipients = recipientBlocks
		.map(fieldsOf)
		.filter((fields) => fields.has('action'))
		.map((fields) => ({
			recipient: untyped(fields.get('final-recipient') ?? fields.get('original-recipient')),
			action: (fields.get('action') ?? '').toLowerCase().split(/\s/)[0] ?? '',
			status: /^\d\.\d{1,3}\.\d{1,3}/.exec(fields.get('status') ?? '')?.[0] ?? null,
			diagnostic: untyped(fields.get('diagnostic-code')),
		}));
	const original = email.attachments.find((part) => /^(?:message\/(?:global|rfc822)|text\/rfc822-headers|message\/global-headers)$/i.test(part.mimeType));
	return { recipients, originalMessageId: original ? messageIdIn(text(original.content)) : null };
}
