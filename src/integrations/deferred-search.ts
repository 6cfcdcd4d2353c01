import { fileURLToPath } from 'node:url';

import type { AstroIntegration } from 'astro';

/** The stand-in for the Pagefind UI that downloads the real one on first use. */
const standIn = fileURLToPath(new URL('../components/starlight/deferred-search-ui.ts', import.meta.url));

/** Whether a module is Starlight's own search component (or one of its scripts). */
export function isStarlightSearch(importer: string): boolean {
	const path = importer.replaceAll('\\', '/');
	return path.includes('/@astrojs/starlight/') && /\/components\/Search\.astro(\?|$)/.test(path);
}

/**
 * Makes Starlight's search download its UI on first use instead of at idle on every page: where
 * Starlight's `Search.astro` imports `@pagefind/default-ui`, it gets
 * `src/components/starlight/deferred-search-ui.ts`, which takes the same options. Everything else
 * about the component stays Starlight's (`src/components/starlight/Search.astro` wraps it).
 */
export function deferredSearch(): AstroIntegration {
	return {
		name: 'deferred-search',
		hooks: {
			'astro:config:setup': ({ updateConfig }) => {
				updateConfig({
					vite: {
						plugins: [
							{
								name: 'deferred-search',
								enforce: 'pre',
								resolveId(source, importer) {
									return source === '@pagefind/default-ui' && importer && isStarlightSearch(importer) ? standIn : null;
								},
							},
						],
					},
				});
			},
		},
	};
}
