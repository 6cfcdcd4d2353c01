import type { AstroIntegration } from 'astro';

import type { ProviderProfile } from '../providers/schema.ts';

/** The virtual module through which components read the active provider's validated profile. */
export const providerModuleId = 'virtual:help-center/provider';

/**
 * Serves the profile of the provider being built as `virtual:help-center/provider`, so components
 * read validated data and never import a profile file themselves (white-label stays a build switch).
 * `fallbackPaths` lists the pages of this build that show another language's text (see `routeData.ts`).
 */
export function providerIntegration(profile: ProviderProfile, fallbackPaths: string[]): AstroIntegration {
	const resolved = `\0${providerModuleId}`;
	return {
		name: 'help-center-provider',
		hooks: {
			'astro:config:setup': ({ updateConfig }) => {
				updateConfig({
					vite: {
						plugins: [
							{
								name: 'help-center-provider',
								resolveId: (id: string) => (id === providerModuleId ? resolved : undefined),
								load: (id: string) =>
									id === resolved ? `export default ${JSON.stringify(profile)};\nexport const fallbackPaths = ${JSON.stringify(fallbackPaths)};` : undefined,
							},
						],
					},
				});
			},
		},
	};
}
