/**
 * The interface strings of a language, straight from `src/content/i18n/<lang>.json`, so the tests
 * check what readers of that language see rather than English copies of it.
 */
import { readFileSync } from 'node:fs';

import { localeDir, localeKeys, localePrefix, locales, type LocaleKey } from '../../config/locales.ts';

/** A language of the help center, by its BCP-47 tag (`en`, `fr`, `pt-BR`…). */
export type Lang = (typeof locales)[LocaleKey]['lang'];

const cache = new Map<Lang, Record<string, string>>();

function strings(lang: Lang): Record<string, string> {
	let found = cache.get(lang);
	if (!found) {
		found = JSON.parse(readFileSync(new URL(`../../src/content/i18n/${lang}.json`, import.meta.url), 'utf8')) as Record<string, string>;
		cache.set(lang, found);
	}
	return found;
}

/** The locale key of a language: `root` for English, else its URL prefix. */
function keyOf(lang: Lang): LocaleKey {
	const key = localeKeys.find((k) => locales[k].lang === lang);
	if (!key) throw new Error(`unknown language ${lang}`);
	return key;
}

/** The site's path prefix of a language: `''` for English, `'/fr'`… */
export const prefixOf = (lang: Lang): string => localePrefix(keyOf(lang));

/** The text direction of a language's pages. */
export const dirOf = (lang: Lang): 'ltr' | 'rtl' => localeDir(keyOf(lang));

/** A string of `lang` with its `{{placeholders}}` filled; a key the language lacks fails the test. */
export function translate(lang: Lang, key: string, values: Record<string, string | number> = {}): string {
	const template = strings(lang)[key];
	if (typeof template !== 'string') throw new Error(`src/content/i18n/${lang}.json has no string ${key}`);
	return template.replace(/\{\{(\w+)\}\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}

/** `translate` bound to one language. */
export function translator(lang: Lang): (key: string, values?: Record<string, string | number>) => string {
	return (key, values) => translate(lang, key, values);
}

/** A string as a pattern whose `{{placeholders}}` match anything, for texts with a value the test cannot know. */
export function pattern(lang: Lang, key: string): RegExp {
	const template = translate(lang, key);
	const parts = template.split(/\{\{\w+\}\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
	return new RegExp(parts.join('.+?'));
}
