/**
 * The emails' words, one JSON file per locale in `locales/<tag>.json` with the same flat keys as
 * `en.json` (a unit test fails when one lacks a key). Values interpolate `{{name}}`.
 */
import { tagDir } from '../../../config/locales.ts';
import type { Locale } from '../../signup/contract.ts';
import ar from './locales/ar.json' with { type: 'json' };
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import es from './locales/es.json' with { type: 'json' };
import fr from './locales/fr.json' with { type: 'json' };
import it from './locales/it.json' with { type: 'json' };
import ptBR from './locales/pt-BR.json' with { type: 'json' };
import ru from './locales/ru.json' with { type: 'json' };

/** A key of the email strings; English is the reference. */
export type MailStringKey = keyof typeof en;

/** Every locale's strings. Typing each as English's shape makes a missing key a type error too. */
export const mailStrings: Record<Locale, Record<MailStringKey, string>> = {
	en,
	fr,
	es,
	'pt-BR': ptBR,
	de,
	it,
	ru,
	ar,
};

/**
 * A string in a locale with its `{{placeholders}}` filled; unknown placeholders stay visible. In a
 * right-to-left locale each value is isolated (U+2068 … U+2069), so an address such as
 * `12_ann-x@example.com` or a Latin brand name keeps its own order inside Arabic text.
 */
export function translate(locale: Locale, key: MailStringKey, values: Record<string, string> = {}): string {
	return mailStrings[locale][key].replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
		const value = values[name];
		return value === undefined ? whole : isolate(locale, value);
	});
}

/** A value set apart from the text around it when the locale is written right to left. */
export function isolate(locale: Locale, value: string): string {
	return tagDir(locale) === 'rtl' ? `\u2068${value}\u2069` : value;
}

/**
 * A duration in the locale's words: whole hours as hours (“24 hours”), anything else in minutes.
 * Digits are Western (0–9) in every locale, Arabic included, as on the pages and in the code the
 * reader types.
 */
export function formatDuration(locale: Locale, seconds: number): string {
	const duration = seconds % 3600 === 0 ? { hours: seconds / 3600 } : { minutes: Math.max(1, Math.round(seconds / 60)) };
	return new Intl.DurationFormat(locale, { style: 'long', numberingSystem: 'latn' }).format(duration);
}
