/**
 * How one provider's site lays out its languages: which ones it publishes, which sits at the root,
 * and under which path each is published. Pure data, computed once per provider and carried by the
 * resolved provider, so the build (Starlight's locales, the links inside pages) and the server (the
 * links inside emails) place every language at the same address.
 */
import { localeKeys, locales, type LocaleKey } from '../../config/locales.ts';
import { pagePath, type PageSlug } from '../../config/pages.ts';
import type { Locale } from '../signup/contract.ts';

/** One published language. */
export interface PublishedLocale {
	/** The BCP-47 tag (`pt-BR`): `<html lang>`, the i18n file, the emails' language. */
	lang: Locale;
	/** Its key in `config/locales.ts` (`root` for English): the folder its pages are written in. */
	sourceKey: LocaleKey;
	/** Its key in this build's Starlight locales: `root` for the default language, `en` for a moved English. */
	key: string;
	/** Its URL prefix in this build: `''` at the root, `'/fr'`, `'/en'`. */
	prefix: string;
	label: string;
	dir: 'ltr' | 'rtl';
}

/** A provider's language layout. */
export interface LocaleLayout {
	/** The language at the site's root. */
	defaultLocale: Locale;
	/** Every published language, the default first, then in the catalogue's order. */
	locales: PublishedLocale[];
}

/** The catalogue key of a language tag. */
function keyOfTag(tag: string): LocaleKey {
	const key = localeKeys.find((k) => locales[k].lang === tag);
	if (!key) throw new Error(`No language ${tag} in config/locales.ts.`);
	return key;
}

/**
 * The layout of a provider that publishes `profile.locales` with `profile.defaultLocale` at the
 * root. English is written at the root of `content/docs`; when another language is the default,
 * that one takes the root and English moves to `/en/`.
 */
export function localeLayout(profile: { locales: readonly Locale[]; defaultLocale: Locale }): LocaleLayout {
	const rootKey = keyOfTag(profile.defaultLocale);
	const offered = localeKeys.filter((key) => profile.locales.includes(locales[key].lang));
	const ordered = [rootKey, ...offered.filter((key) => key !== rootKey)];
	return {
		defaultLocale: profile.defaultLocale,
		locales: ordered.map((sourceKey) => {
			const key = sourceKey === rootKey ? 'root' : sourceKey === 'root' ? 'en' : sourceKey;
			const entry = locales[sourceKey];
			return {
				lang: entry.lang,
				sourceKey,
				key,
				prefix: key === 'root' ? '' : `/${key}`,
				label: entry.label,
				dir: 'dir' in entry ? entry.dir : 'ltr',
			};
		}),
	};
}

/** The published language for `lang`: itself when the site publishes it, else the site's default. */
export function publishedLocale(layout: LocaleLayout, lang: Locale): PublishedLocale {
	return layout.locales.find((l) => l.lang === lang) ?? layout.locales[0]!;
}

/**
 * The absolute address of one of the help center's pages in a language (the default language when
 * the site does not publish `lang`). `siteUrl` may end with a slash or not.
 */
export function pageUrl(siteUrl: string, layout: LocaleLayout, lang: Locale, slug: PageSlug): string {
	return `${siteUrl.replace(/\/+$/, '')}${pagePath(publishedLocale(layout, lang).prefix, slug)}`;
}
