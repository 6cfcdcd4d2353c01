/** The resolved provider of this build (see `src/integrations/provider.ts`). */
declare module 'virtual:help-center/provider' {
	const provider: import('../providers/resolve.ts').ResolvedProvider;
	export default provider;
	/** Paths of this build's pages that fall back to another language's text (`/de/driver-accounts/`). */
	export const fallbackPaths: string[];
	/** The content collection's glob patterns, relative to `src/`. */
	export const contentPatterns: string[];
}
