/**
 * The `panel/user/create` parameters of a self-registered reader: the complete individual shape
 * the Admin Panel reference requires (`UserIndividual`). The platform requires a first and a last
 * name that follow its name rule; the help center asks for neither, so both are derived from the
 * address's local part, reduced to what the rule allows, and fall back to `NAVIXY_NAME_FALLBACK`.
 * `middle_name`, `phone` and the postal fields are "required but may be empty": empty strings.
 */
import type { Locale } from '../../../signup/contract.ts';
import { platformNameRule } from './config.ts';
import { navixyLocales } from './locales.ts';

/** The longest name the platform takes. */
export const maxNameLength = 100;

/** A first and a last name, each meeting the platform's name rule and at most 100 characters. */
export interface DerivedNames {
	firstName: string;
	lastName: string;
}

/**
 * Names from an address: `zoë.o'brien@…` → `Zoë`, `O'Brien`; `john_doe@…` → `john`, `doe`;
 * `ann+news@…` → `ann` (the `+tag` is not a name) and the fallback. Every character the rule does
 * not allow separates words; the first word is the first name, the rest the last name.
 */
export function namesFromLogin(login: string, fallback: string): DerivedNames {
	const local = login.slice(0, Math.max(0, login.lastIndexOf('@'))).replace(/\+.*$/, '');
	const words = [...local.normalize('NFC')]
		.map((character) => (platformNameRule.test(character) && !/[\s.,:/"]/.test(character) ? character : ' '))
		.join('')
		.split(' ')
		// A word of separators only (`-`, `'`) names nobody.
		.filter((word) => /[\p{L}\d]/u.test(word));
	const first = words[0] ? words[0].slice(0, maxNameLength) : fallback;
	const last = words.length > 1 ? words.slice(1).join(' ').slice(0, maxNameLength).trim() : fallback;
	return { firstName: first, lastName: last || fallback };
}

/** What a new user is created with. */
export interface NewUserInput {
	login: string;
	password: string;
	locale: Locale;
	timeZone: string;
	nameFallback: string;
}

/** The parameters of `panel/user/create` for a reader registering themselves. */
export function newUserParams({ login, password, locale, timeZone, nameFallback }: NewUserInput): Record<string, unknown> {
	const { firstName, lastName } = namesFromLogin(login, nameFallback);
	return {
		user: {
			legal_type: 'individual',
			login,
			first_name: firstName,
			middle_name: '',
			last_name: lastName,
			phone: '',
			post_country: '',
			post_region: '',
			post_city: '',
			post_street_address: '',
			post_index: '',
			// Inactive until the reader follows the activation link (the edit form has no `verified`).
			activated: false,
		},
		password,
		locale: navixyLocales[locale],
		time_zone: timeZone,
	};
}
