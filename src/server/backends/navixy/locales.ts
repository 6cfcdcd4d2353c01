/**
 * The help center's locales as the platform writes them. The platform's deep links use `xx_XX`
 * (`locale=en_US`); its list of locales is not documented, so each tag maps to the region the
 * platform's own UI is known to use for it — an assumption written down in the README.
 */
import type { Locale } from '../../../signup/contract.ts';

/** Our locale tag → the platform's `locale` (emails and UI of the new user). */
export const navixyLocales: Readonly<Record<Locale, string>> = {
	en: 'en_US',
	fr: 'fr_FR',
	es: 'es_ES',
	'pt-BR': 'pt_BR',
	de: 'de_DE',
	it: 'it_IT',
	ru: 'ru_RU',
	ar: 'ar_AE',
};
