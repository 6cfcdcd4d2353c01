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
import { buildLock } from './src/integrations/build-lock.ts';
import { deferredSearch } from './src/integrations/deferred-search.ts';
import { internalLinks } from './src/integrations/internal-links.ts';
import { islandChunks } from './src/integrations/island-chunks.ts';
import { islandPreload } from './src/integrations/island-preload.ts';
import { precompress } from './src/integrations/precompress.ts';
import { providerIntegration } from './src/integrations/provider.ts';
import { remarkLocaleLinks } from './src/plugins/locale-links.ts';
import { remarkOnlyIf } from './src/plugins/only-if.ts';
import { remarkProviderValues } from './src/plugins/provider-values.ts';
import { featureSwitches } from './src/plugins/features.ts';
import { loadResolvedProvider } from './src/providers/load.ts';
import { mergedPublicDir } from './src/providers/public-dir.ts';
import { localeMoves, providerContent, starlightLocales } from './src/providers/site.ts';
import { themeCss } from './src/providers/theme.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
/**
 * The provider this build is for (`PROVIDER=<id>`, the neutral `default` otherwise), resolved once.
 * `SIGNUP_BACKEND`, as on the server, overrides the profile's backend, so a site can be built for
 * the server that will serve it.
 */
const backend = process.env.SIGNUP_BACKEND || undefined;
if (backend !== undefined && backend !== 'local' && backend !== 'navixy' && backend !== 'traccar' && backend !== 'platform') {
	throw new Error(`SIGNUP_BACKEND must be local, navixy, traccar or platform (got "${backend}").`);
}
// TRACCAR_PASSWORD_RESET=traccar, as on the server, takes the reset page out of a Traccar build.
const traccarReset = process.env.TRACCAR_PASSWORD_RESET || undefined;
if (traccarReset !== undefined && traccarReset !== 'help-center' && traccarReset !== 'traccar') {
	throw new Error(`TRACCAR_PASSWORD_RESET must be help-center or traccar (got "${traccarReset}").`);
}
const provider = await loadResolvedProvider(root, process.env.PROVIDER || 'default', {
	...(backend === undefined ? {} : { backend }),
	...(traccarReset === undefined ? {} : { traccarPasswordReset: traccarReset }),
});
const providerDir = `./src/providers/${provider.id}`;
const locales = starlightLocales(provider.layout);
const { patterns: contentPatterns, extraSlugs, fallbackPaths } = providerContent(root, provider);

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
	// The shared `public/` with the provider's own `public/` laid over it.
	publicDir: mergedPublicDir(root, provider.id),
	outDir: process.env.OUT_DIR || './dist',
	markdown: {
		// Build-time content rules: passages about features the provider lacks leave the pages, its
		// values (link lifetime, sender, password rules) are written in, and links stay inside their
		// language when a provider's default language moves English off the root.
		processor: unified({
			remarkPlugins: [
				remarkOnlyIf(featureSwitches(provider)),
				remarkProviderValues(provider, `${root}src/content/i18n`),
				remarkLocaleLinks(localeMoves(provider.layout), `${root}src/content/docs`),
			],
		}),
	},
	integrations: [
		// First: one build at a time per checkout (Astro keeps generated content files in .astro/).
		buildLock(),
		providerIntegration(provider, { fallbackPaths, contentPatterns }),
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
				// Without JavaScript the theme follows the system instead of Starlight's dark fallback.
				ThemeProvider: './src/components/starlight/ThemeProvider.astro',
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
		// Islands' modules in one wave instead of one round trip per level of imports.
		islandPreload(),
		// …and in as few files as possible: one shared chunk for every widget.
		islandChunks(),
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
