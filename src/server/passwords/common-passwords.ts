/**
 * The server's half of the password policy: refusing common and breached passwords
 * (NIST SP 800-63B rev. 4, “blocklist”). The list ships with the project in `common-passwords.txt`.
 */
import { readFileSync } from 'node:fs';

const list = new Set(
	readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
		.split('\n')
		.filter((line) => line && !line.startsWith('#')),
);

/** How many passwords the list holds. */
export const commonPasswordCount = list.size;

/**
 * Whether a password is too guessable to accept: on the list once lower-cased, once its separators
 * are removed (`correct horse battery staple`), or once its leading and trailing digits and symbols
 * are stripped (`Dragon2024!`); or a mere repetition (`abcabcabc…`, `passwordpassword`), or a run
 * of consecutive characters (`abcdefghijklmnop`, `123456789012345`).
 */
export function isCommonPassword(password: string): boolean {
	const lowered = password.normalize('NFKC').toLowerCase();
	const joined = lowered.replace(/[\s._-]+/gu, '');
	const core = joined.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
	const candidates = [lowered, joined, core];
	if (candidates.some((candidate) => list.has(candidate))) return true;
	return candidates.some((candidate) => candidate.length > 0 && (isRepetition(candidate) || isRun(candidate)));
}

/** `abcabcabc`: a unit of up to four characters, or a listed word, repeated. */
function isRepetition(text: string): boolean {
	const match = /^(.+?)\1+$/su.exec(text);
	if (!match) return false;
	const unit = match[1] ?? '';
	return [...unit].length <= 4 || list.has(unit);
}

/** `abcdef…`, `987654…`, `1234567890123…`: each character one after (or before) the previous one. */
function isRun(text: string): boolean {
	const points = [...text].map((character) => character.codePointAt(0) ?? 0);
	if (points.length < 4) return false;
	const isDigits = /^\d+$/.test(text);
	const step = (a: number, b: number) => (isDigits ? (b - a + 10) % 10 : b - a);
	const first = step(points[0] ?? 0, points[1] ?? 0);
	if (first !== 1 && first !== (isDigits ? 9 : -1)) return false;
	return points.every((point, index) => index === 0 || step(points[index - 1] ?? 0, point) === first);
}
