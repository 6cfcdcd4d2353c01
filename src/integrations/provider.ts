import { fileURLToPath } from 'node:url';

import type { AstroIntegration } from 'astro';

import { writeBuildManifest } from '../providers/build-manifest.ts';

import type { ResolvedProvider } from '../providers/resolve.ts';

/** The virtual module through which components read the resolved provider. */
export const providerModuleId = 'virtual:help-center/provider';

/** What the build computed once about the provider's site, served beside the provider. */
export interface ProviderSiteData {
	/** Pages of this build that show another language's text (see `routeData.ts`). */
	fallbackPaths: string[];
	/** The content collection's glob patterns (see `src/providers/site.ts`). */
	contentPatterns: string[];
}

/**
 * Serves the resolved provider (`src/providers/resolve.ts`, with its locale layout) as the default
 * export of `virtual:help-center/provider`, and what the build derived from it as named exports, so
 * components, widgets and the content collections read one validated object and never import a
 * profile or derive the layout again (white-label stays a build switch). The build leaves its
 * manifest (provider and backend) in the output folder for the server to check.
 */
export function providerIntegration(provider: ResolvedProvider, site: ProviderSiteData): AstroIntegration {
	const resolved = `\0${providerModuleId}`;
	const source = [
		`export default ${JSON.stringify(provider)};`,
		`export const fallbackPaths = ${JSON.stringify(site.fallbackPaths)};`,
		`export const contentPatterns = ${JSON.stringify(site.contentPatterns)};`,
	].join('\n');
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
								load: (id: string) => (id === resolved ? source : undefined),
							},
						],
					},
				});
			},
			'astro:build:done': ({ dir }) => {
				writeBuildManifest(fileURLToPath(dir), { provider: provider.id, backend: provider.backend, passwordReset: provider.passwordReset });
			},
		},
	};
}
