// @ts-check
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import { unified } from '@astrojs/markdown-remark';
import sitemap from '@astrojs/sitemap';
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';

import { linkOnlySlugs, pageSlugs } from './config/pages.ts';
import { providerContent, providerLocales } from './config/provider-site.ts';
import { buildLock } from './src/integrations/build-lock.ts';
import { buildMark } from './src/integrations/build-mark.ts';
import { deferredSearch } from './src/integrations/deferred-search.ts';
import { internalLinks } from './src/integrations/internal-links.ts';
import { islandPreload } from './src/integrations/island-preload.ts';
import { precompress } from './src/integrations/precompress.ts';
import { providerIntegration } from './src/integrations/provider.ts';
import { remarkLocaleLinks } from './src/plugins/locale-links.ts';
import { remarkOnlyIf } from './src/plugins/only-if.ts';
import { loadProvider } from './src/providers/load.ts';
import { themeCss } from './src/providers/theme.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
/** The provider this build is for: `PROVIDER=<id>`, the neutral `default` otherwise. */
const provider = await loadProvider(root, process.env.PROVIDER || 'default');
const providerDir = `./src/providers/${provider.id}`;
const { starlight: locales, moves } = providerLocales(provider);
const { extraSlugs, fallbackPaths } = providerContent(root, provider);

/** The site title in each language: “GeoTrack help center”, or “Help center” for a neutral build. */
const title = Object.fromEntries(
	Object.values(locales).map(({ lang }) => {
		const strings = JSON.parse(readFileSync(`${root}src/content/i18n/${lang}.json`, 'utf8'));
		return [lang, provider.name ? strings['site.titleWithName'].replace('{{name}}', provider.name) : strings['site.title']];
	}),
);

export default defineConfig({
	site: provider.siteUrl,
	trailingSlash: 'always',
	publicDir: `${providerDir}/public`,
	outDir: process.env.OUT_DIR || './dist',
	markdown: {
		// Two build-time content rules: features a provider turns off leave the pages, and links stay
		// inside their language when a provider's default language moves English off the root.
		processor: unified({
			remarkPlugins: [remarkOnlyIf({ 'self-registration': provider.selfRegistration }), remarkLocaleLinks(moves, `${root}src/content/docs`)],
		}),
	},
	integrations: [
		// First: one build at a time per checkout (Astro keeps generated content files in .astro/).
		buildLock(),
		providerIntegration(provider, fallbackPaths),
		starlight({
			title,
			defaultLocale: 'root',
			locales,
			logo: provider.logo && {
				light: `${providerDir}/${provider.logo.light}`,
				dark: `${providerDir}/${provider.logo.dark ?? provider.logo.light}`,
				replacesTitle: provider.logo.replacesTitle,
			},
			head: [
				...(provider.colors ? [{ tag: /** @type {const} */ ('style'), content: themeCss(provider.colors) }] : []),
				// Where the widgets find the sign-up API when it is not served with the site.
				...(provider.apiBaseUrl ? [{ tag: /** @type {const} */ ('meta'), attrs: { name: 'signup-api', content: provider.apiBaseUrl } }] : []),
			],
			sidebar: [...pageSlugs.filter((slug) => slug !== 'index' && !linkOnlySlugs.includes(slug)), ...extraSlugs].map((slug) => ({ slug })),
			routeMiddleware: './src/routeData.ts',
			components: {
				Search: './src/components/starlight/Search.astro',
				Banner: './src/components/starlight/Banner.astro',
			},
			// Phones and 200 % zoom: the brand wraps instead of being clipped, nothing overflows.
			customCss: ['./src/styles/phone-chrome.css'],
		}),
		sitemap({
			// A page showing another language's text is no translation: keep it out of the sitemap.
			filter: (page) => !fallbackPaths.includes(new URL(page).pathname) && !/(^|\/)404\/$/.test(new URL(page).pathname),
			i18n: { defaultLocale: 'root', locales: Object.fromEntries(Object.entries(locales).map(([key, { lang }]) => [key, lang])) },
		}),
		mdx(),
		preact(),
		internalLinks(),
		deferredSearch(),
		buildMark(provider.id),
		// Islands' modules in one wave instead of one round trip per level of imports.
		islandPreload(),
		// Last: compresses what every other integration wrote (Pagefind, the sitemap).
		precompress(),
	],
	vite: {
		build: {
			// Silences a per-MDX-page warning about Astro's own “use astro:head-inject” directive.
			rolldownOptions: { checks: { moduleLevelDirective: false } },
			// zxcvbn's dictionaries are one large chunk, loaded only when a password field gets focus.
			chunkSizeWarningLimit: 1600,
		},
	},
});
