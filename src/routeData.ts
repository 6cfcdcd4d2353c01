import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import provider, { fallbackPaths } from 'virtual:help-center/provider';

import { isMarkedOutdated, outdatedBanner, type TranslationRecords } from './translation-notice.ts';

/** Each language's translation records (`npm run i18n:outdated` marks a page as behind its English source). */
const translationRecords = Object.fromEntries(
	Object.entries(import.meta.glob<TranslationRecords>('./content/translation-state/*.json', { eager: true, import: 'default' })).map(([path, records]) => [
		/([^/]+)\.json$/.exec(path)?.[1] ?? path,
		records,
	]),
);

/**
 * Honest fallback. Starlight fills a page missing in a language with another language's text (and
 * marks its `<main>` with that language) but presents it as a translation; here such a page also
 * asks search engines not to index it, stays out of its language's search index, and no page lists
 * it among its translations (hreflang).
 *
 * Without self-registration, the home page's hero speaks of getting an account from the provider,
 * not of creating one (frontmatter is out of `<OnlyIf>`'s reach).
 */
export const onRequest = defineRouteMiddleware((context) => {
	const route = context.locals.starlightRoute;
	// A translation marked as behind its English source says so, with a link to the English page.
	if (!route.isFallback && isMarkedOutdated(route.entry.filePath, translationRecords[route.lang])) {
		const english = route.head.find((tag) => tag.tag === 'link' && tag.attrs?.['rel'] === 'alternate' && tag.attrs['hreflang'] === 'en');
		const content = outdatedBanner(context.locals.t('page.outdatedTranslation'), context.locals.t('page.readInEnglish'), english?.attrs?.['href']?.toString());
		route.entry = { ...route.entry, data: { ...route.entry.data, banner: { content } } };
	}
	route.head = route.head.filter(
		(tag) => !(tag.tag === 'link' && tag.attrs?.['rel'] === 'alternate' && fallbackPaths.includes(new URL(String(tag.attrs['href'])).pathname)),
	);
	if (route.isFallback) {
		route.head.push({ tag: 'meta', attrs: { name: 'robots', content: 'noindex' } });
		// A copy: the entry object is shared with the page in its own language.
		route.entry = { ...route.entry, data: { ...route.entry.data, pagefind: false } };
	}
	const hero = route.entry.data.hero;
	if (!provider.selfRegistration && hero?.tagline) {
		route.entry = { ...route.entry, data: { ...route.entry.data, hero: { ...hero, tagline: context.locals.t('home.taglineWithoutSelfRegistration') } } };
	}
});
