/**
 * Just enough MIME to read the API's emails in the tests: headers (unfolded, RFC 2047 encoded words
 * decoded), multipart bodies (nested), and the transfer encodings nodemailer uses (7bit, 8bit,
 * quoted-printable, base64). Everything the API sends is UTF-8.
 */

/** What a test needs of one email. */
export interface ParsedMail {
	subject: string;
	/** The text/plain part, decoded. */
	text: string;
	/** The text/html part, decoded. */
	html: string;
}

interface Part {
	headers: Map<string, string>;
	body: string;
}

/** Splits a raw message (or a part) into its unfolded headers and its body. */
function splitPart(raw: string): Part {
	const match = /\r?\n\r?\n/.exec(raw);
	const head = match ? raw.slice(0, match.index) : raw;
	const body = match ? raw.slice(match.index + match[0].length) : '';
	const headers = new Map<string, string>();
	for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
		const colon = line.indexOf(':');
		if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
	}
	return { headers, body };
}

/** One parameter of a structured header: `boundary` of `multipart/alternative; boundary="--_x"`. */
function headerParam(value: string, name: string): string | undefined {
	const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
	return match ? (match[1] ?? match[2]) : undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes of a quoted-printable body (soft line breaks removed, `=XX` decoded). */
export function decodeQuotedPrintable(input: string): Uint8Array {
	const text = input.replace(/=\r?\n/g, '');
	const bytes: number[] = [];
	for (let i = 0; i < text.length; i++) {
		const char = text[i]!;
		const hex = text.slice(i + 1, i + 3);
		if (char === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
			bytes.push(Number.parseInt(hex, 16));
			i += 2;
		} else {
			// The raw message was read as UTF-8: a literal character may be several bytes.
			bytes.push(...new TextEncoder().encode(char));
		}
	}
	return Uint8Array.from(bytes);
}

/** A body decoded by its Content-Transfer-Encoding. */
function decodeBody(body: string, encoding: string | undefined): string {
	switch ((encoding ?? '7bit').toLowerCase()) {
		case 'quoted-printable':
			return utf8.decode(decodeQuotedPrintable(body));
		case 'base64':
			return utf8.decode(Buffer.from(body.replace(/\s+/g, ''), 'base64'));
		case '7bit':
		case '8bit':
		case 'binary':
			return body;
		default:
			throw new Error(`unexpected Content-Transfer-Encoding: ${encoding}`);
	}
}

/** A header value with its RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`) decoded. */
export function decodeEncodedWords(value: string): string {
	return value
		.replace(/(=\?[^?]+\?[QqBb]\?[^?]*\?=)\s+(?==\?)/g, '$1') // whitespace between encoded words is not text
		.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, charset: string, kind: string, data: string) => {
			if (!/^utf-8$/i.test(charset)) throw new Error(`unexpected charset in a header: ${charset}`);
			const bytes = kind.toUpperCase() === 'B' ? Buffer.from(data, 'base64') : decodeQuotedPrintable(data.replace(/_/g, ' '));
			return utf8.decode(bytes);
		});
}

/** Collects the text/plain and text/html leaves of a part, depth first. */
function collect(part: Part, found: { text?: string; html?: string }): void {
	const type = part.headers.get('content-type') ?? 'text/plain';
	const mediaType = type.split(';')[0]!.trim().toLowerCase();
	if (mediaType.startsWith('multipart/')) {
		const boundary = headerParam(type, 'boundary');
		if (!boundary) throw new Error(`multipart without a boundary: ${type}`);
		const sections = part.body.split(new RegExp(`\\r?\\n?--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:--)?[ \\t]*(?:\\r?\\n|$)`));
		// The first section is the preamble, the last the epilogue.
		for (const section of sections.slice(1, -1)) collect(splitPart(section), found);
		return;
	}
	const decoded = decodeBody(part.body, part.headers.get('content-transfer-encoding'));
	if (mediaType === 'text/plain') found.text ??= decoded;
	else if (mediaType === 'text/html') found.html ??= decoded;
}

/** Reads a raw message: its subject, text part and HTML part. */
export function parseMail(raw: string): ParsedMail {
	const root = splitPart(raw);
	const found: { text?: string; html?: string } = {};
	collect(root, found);
	return { subject: decodeEncodedWords(root.headers.get('subject') ?? ''), text: found.text ?? '', html: found.html ?? '' };
}

/** The link carrying a token (`…/confirm/#token=…`, `…/reset-password/#token=…`) in a text part. */
export function tokenLink(text: string): string | null {
	return /https?:\/\/\S+#token=[A-Za-z0-9_-]+/.exec(text)?.[0] ?? null;
}

/** The six-digit confirmation code: the text part gives it a line of its own. */
export function sixDigitCode(text: string): string | null {
	return /^[ \t]*(\d{6})[ \t]*$/m.exec(text)?.[1] ?? null;
}
