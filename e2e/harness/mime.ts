/**
 * Reads the API's emails for the tests: the MIME parsing is `postal-mime`'s; what is ours is where
 * the tests find the link and the code in the text part.
 */
import PostalMime from 'postal-mime';

/** What a test needs of one email. */
export interface ParsedMail {
	subject: string;
	/** The text/plain part, decoded. */
	text: string;
	/** The text/html part, decoded. */
	html: string;
}

/** Reads a raw message: its subject (encoded words decoded), text part and HTML part. */
export async function parseMail(raw: string): Promise<ParsedMail> {
	const email = await PostalMime.parse(raw);
	return { subject: email.subject ?? '', text: email.text ?? '', html: email.html ?? '' };
}

/** The link carrying a token (`…/confirm/#token=…`, `…/reset-password/#token=…`) in a text part. */
export function tokenLink(text: string): string | null {
	return /https?:\/\/\S+#token=[A-Za-z0-9_-]+/.exec(text)?.[0] ?? null;
}

/** The six-digit confirmation code: the text part gives it a line of its own. */
export function sixDigitCode(text: string): string | null {
	return /^[ \t]*(\d{6})[ \t]*$/m.exec(text)?.[1] ?? null;
}
