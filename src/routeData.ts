import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { fallbackPaths } from 'virtual:help-center/provider';

/**
 * Honest fallback. Starlight fills a page missing in a language with another language's text (and
 * marks its `<main>` with that language) but presents it as a translation; here such a page also
 * asks search engines not to index it, stays out of its language's search index, and no page lists
 * it among its translations (hreflang).
 */
export const onRequest = defineRouteMiddleware((context) => {
	const route = context.locals.starlightRoute;
	route.head = route.head.filter(
		(tag) => !(tag.tag === 'link' && tag.attrs?.['rel'] === 'alternate' && fallbackPaths.includes(new URL(String(tag.attrs['href'])).pathname)),
	);
	if (route.isFallback) {
		route.head.push({ tag: 'meta', attrs: { name: 'robots', content: 'noindex' } });
		// A copy: the entry object is shared with the page in its own language.
		route.entry = { ...route.entry, data: { ...route.entry.data, pagefind: false } };
	}
});
