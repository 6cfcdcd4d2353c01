/**
 * Checks a password against a published {@link PasswordPolicy}, the same way in the browser (while
 * the reader types) and on the server (which decides). Pure: no list of common passwords here —
 * the server adds that check, because the list is too large to ship to every page.
 */
import type { PasswordPolicy, PasswordRule } from './contract.ts';

/**
 * The default policy, after NIST SP 800-63B rev. 4 for a password used on its own: at least 15
 * characters, long passphrases welcome, any Unicode, no composition rules, and a check against
 * common and breached passwords.
 * @see https://pages.nist.gov/800-63-4/sp800-63b.html#passwordver
 */
export const nistPasswordPolicy: PasswordPolicy = {
	minLength: 15,
	maxLength: 128,
	minLowercase: 0,
	minUppercase: 0,
	minDigits: 0,
	minSpecial: 0,
	specialCharacters: null,
	rejectEmail: true,
	rejectCommon: true,
};

/**
 * The Navixy platform's documented policy: 12–20 characters with at least one upper-case letter,
 * one lower-case letter, one digit and one of `!@#$%^&*`.
 */
export const navixyPasswordPolicy: PasswordPolicy = {
	minLength: 12,
	maxLength: 20,
	minLowercase: 1,
	minUppercase: 1,
	minDigits: 1,
	minSpecial: 1,
	specialCharacters: '!@#$%^&*',
	rejectEmail: false,
	rejectCommon: false,
};

/** The shortest local part the `contains_email` rule looks for; shorter ones match too much by chance. */
const minEmailFragment = 3;

/** How long a password is for every policy: Unicode code points after NFC, as NIST asks. */
export function passwordLength(password: string): number {
	return [...password.normalize('NFC')].length;
}

/**
 * The rules a password breaks, in the order of {@link PasswordRule}; empty when it is acceptable.
 * `common` is never reported here (see the module comment).
 *
 * @example
 * checkPassword('short', nistPasswordPolicy) // ['min_length']
 */
export function checkPassword(password: string, policy: PasswordPolicy, context: { email?: string } = {}): PasswordRule[] {
	const characters = [...password.normalize('NFC')];
	const count = (pattern: RegExp) => characters.filter((character) => pattern.test(character)).length;
	const special = policy.specialCharacters;
	const specials =
		special === null
			? count(/[^\p{L}\p{N}]/u)
			: characters.filter((character) => special.includes(character)).length;
	const failed: PasswordRule[] = [];
	if (characters.length < policy.minLength) failed.push('min_length');
	if (characters.length > policy.maxLength) failed.push('max_length');
	if (count(/\p{Ll}/u) < policy.minLowercase) failed.push('lowercase');
	if (count(/\p{Lu}/u) < policy.minUppercase) failed.push('uppercase');
	if (count(/\p{Nd}/u) < policy.minDigits) failed.push('digit');
	if (specials < policy.minSpecial) failed.push('special');
	if (policy.rejectEmail && context.email && containsEmail(password, context.email)) failed.push('contains_email');
	return failed;
}

/** Whether the password contains the address, or its local part when that is long enough to mean something. */
function containsEmail(password: string, email: string): boolean {
	const haystack = password.normalize('NFC').toLowerCase();
	const address = email.normalize('NFC').toLowerCase();
	const local = address.slice(0, Math.max(0, address.lastIndexOf('@')));
	return haystack.includes(address) || (local.length >= minEmailFragment && haystack.includes(local));
}
