import { localeDir, localeKeys, localePrefix, locales, type LocaleKey } from '../config/locales.ts';
import { pagePath, pageSlugs, type PageSlug } from '../config/pages.ts';

/** One page of the help center in one language. */
export interface SitePage {
	key: LocaleKey;
	lang: string;
	dir: 'ltr' | 'rtl';
	slug: PageSlug;
	path: string;
}

/**
 * Every page in every language: the matrix the end-to-end checks walk. The default language's
 * not-found page is no page at `/404/`: it is Starlight's `404.html`, served for any unknown
 * address (e2e/not-found.test.ts).
 */
export const sitePages: SitePage[] = localeKeys.flatMap((key) =>
	pageSlugs
		.filter((slug) => !(key === 'root' && slug === '404'))
		.map((slug) => ({ key, lang: locales[key].lang, dir: localeDir(key), slug, path: pagePath(localePrefix(key), slug) })),
);
