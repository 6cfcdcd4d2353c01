/**
 * The text rules of the sign-up API that need no schema library: email addresses and confirmation
 * codes. The contract's schemas use them, and so do the widgets while the reader types — without
 * loading zod, which they fetch only when they first talk to the API.
 */

/** No control characters, and no lone UTF-16 surrogates (they cannot be stored as UTF-8). */
export function isCleanText(value: string): boolean {
	return value.isWellFormed() && !/\p{Cc}/u.test(value);
}

const atom = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-\\p{L}\\p{M}\\p{N}]+";
const localPartPattern = new RegExp(`^${atom}(?:\\.${atom})*$`, 'u');
const domainLabelPattern = /^(?!-)[\p{L}\p{M}\p{N}-]{1,63}(?<!-)$/u;
const utf8 = new TextEncoder();

/**
 * Brings an address to the one form the API stores and compares: trimmed, Unicode NFC, domain in
 * lower case. The local part keeps its case: RFC 5321 lets a mailbox tell `Ann` from `ann`.
 */
export function normalizeEmail(input: string): string {
	const value = input.trim().normalize('NFC');
	const at = value.lastIndexOf('@');
	return at < 0 ? value : value.slice(0, at) + value.slice(at).toLowerCase();
}

/**
 * Whether a normalized address is one the API accepts: `local@domain`, at most 254 bytes (64 for
 * the local part), a dot-atom local part (Unicode letters allowed, RFC 6531), and a domain name of
 * two or more labels ending in a non-numeric one. Quoted local parts and IP literals are refused:
 * real sign-ups never use them and they complicate every later step.
 */
export function isValidEmail(email: string): boolean {
	if (!isCleanText(email) || utf8.encode(email).length > 254) return false;
	const at = email.lastIndexOf('@');
	if (at < 1) return false;
	const local = email.slice(0, at);
	const labels = email.slice(at + 1).split('.');
	if (utf8.encode(local).length > 64 || !localPartPattern.test(local)) return false;
	if (labels.length < 2 || !labels.every((label) => domainLabelPattern.test(label))) return false;
	return !/^\d+$/.test(labels.at(-1) ?? '');
}

/** A confirmation code as typed, reduced to its digits' form: `123 456` and `123-456` are `123456`. */
export function normalizeCode(value: string): string {
	return value.normalize('NFKC').replace(/[\s-]/g, '');
}

/** Whether a normalized code has the shape of one the server sends: six digits. */
export function isCodeShaped(value: string): boolean {
	return /^\d{6}$/.test(value);
}
