/**
 * The help center's languages: the single source for Starlight, the API's locales (the contract's
 * `localeTags`), the emails' text direction, the content checks and the tests.
 *
 * English lives at the site root; every other language lives under its key (`/fr/`, `/pt-br/`…).
 * `lang` is the BCP-47 tag written into `<html lang>` and used to name `src/content/i18n/<lang>.json`.
 */
export const locales = {
	root: { label: 'English', lang: 'en' },
	fr: { label: 'Français', lang: 'fr' },
	es: { label: 'Español', lang: 'es' },
	'pt-br': { label: 'Português (Brasil)', lang: 'pt-BR' },
	de: { label: 'Deutsch', lang: 'de' },
	it: { label: 'Italiano', lang: 'it' },
	ru: { label: 'Русский', lang: 'ru' },
	ar: { label: 'العربية', lang: 'ar', dir: 'rtl' },
} as const satisfies Record<string, { label: string; lang: string; dir?: 'rtl' | 'ltr' }>;

/** A key of {@link locales}: `root` for English, otherwise the URL prefix. */
export type LocaleKey = keyof typeof locales;

/** Every locale key, English (`root`) first. */
export const localeKeys = Object.keys(locales) as LocaleKey[];

/** The URL prefix of a locale: `''` for English, `'/fr'` for French. */
export function localePrefix(key: LocaleKey): string {
	return key === 'root' ? '' : `/${key}`;
}

/** The text direction of a locale. */
export function localeDir(key: LocaleKey): 'ltr' | 'rtl' {
	const locale = locales[key];
	return 'dir' in locale ? locale.dir : 'ltr';
}

/** The text direction of a language by its BCP-47 tag (`ar` → `rtl`); an unknown tag is `ltr`. */
export function tagDir(tag: string): 'ltr' | 'rtl' {
	const key = localeKeys.find((candidate) => locales[candidate].lang === tag);
	return key ? localeDir(key) : 'ltr';
}

/**
 * The tag to give `Intl` for a language: Western digits (0–9) in every language, Arabic included,
 * as on the pages and in the addresses and codes the reader types. Browsers and ICU versions
 * disagree on Arabic's default digits; the `nu-latn` extension settles it.
 */
export function intlTag(tag: string): string {
	return tag.includes('-u-') ? tag : `${tag}-u-nu-latn`;
}
