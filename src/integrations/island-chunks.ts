import type { AstroIntegration } from 'astro';

/**
 * The islands' code in one file instead of a dozen: on HTTP/1.1 a browser opens six connections per
 * server, so twelve small modules cost two or three round trips more than one file, which on a slow
 * mobile network (2 s a round trip) is seconds before the form works. Their shared code (the
 * widgets' parts and helpers, Preact and Astro's Preact renderer) goes into one `widgets` chunk of
 * the browser build; each widget keeps its own entry. What loads on demand stays apart: the
 * password-strength dictionaries and the API client.
 */
export function islandChunks(): AstroIntegration {
	return {
		name: 'island-chunks',
		hooks: {
			'astro:config:setup': ({ updateConfig }) => {
				updateConfig({
					vite: {
						plugins: [
							{
								name: 'island-chunks',
								// The browser build only: the server bundle keeps its own layout.
								configEnvironment: (name) =>
									name === 'client' ? { build: { rolldownOptions: { output: { codeSplitting: { groups: chunkGroups } } } } } : undefined,
							},
						],
					},
				});
			},
		},
	};
}

/**
 * The groups, first match wins. Vite's preload helper keeps a chunk of its own: pages without a
 * widget use it too (the search), and must not download the widgets' code for it.
 */
const chunkGroups = [
	{ name: 'preload-helper', test: /preload-helper/, priority: 2 },
	{ name: 'widgets', test: isSharedIslandCode, priority: 1 },
];

/** Whether a module (by its id) belongs in the islands' one shared chunk. */
export function isSharedIslandCode(id: string): boolean {
	const path = id.replaceAll('\\', '/');
	if (/\/src\/islands\/lib\/strength-data\.ts$|\/src\/signup\/client\.ts$|breached-passwords/.test(path)) return false;
	if (/\/src\/islands\/(lib|parts)\//.test(path)) return true;
	if (/\/src\/signup\/(text|password-policy)\.ts$/.test(path)) return true;
	return /\/node_modules\/(preact|@preact\/signals(-core)?|@astrojs\/preact)\//.test(path);
}
