// @ts-check
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';

import { locales } from './config/locales.ts';
import { linkOnlySlugs, pageSlugs } from './config/pages.ts';
import { internalLinks } from './src/integrations/internal-links.ts';

export default defineConfig({
	site: 'https://help.example.com',
	trailingSlash: 'always',
	integrations: [
		starlight({
			title: 'Help center',
			defaultLocale: 'root',
			locales,
			sidebar: pageSlugs.filter((slug) => slug !== 'index' && !linkOnlySlugs.includes(slug)).map((slug) => ({ slug })),
			components: {
				Search: './src/components/starlight/Search.astro',
			},
		}),
		mdx(),
		preact(),
		internalLinks(),
	],
	vite: {
		build: {
			// Silences a per-MDX-page warning about Astro's own “use astro:head-inject” directive.
			rolldownOptions: { checks: { moduleLevelDirective: false } },
		},
	},
});
