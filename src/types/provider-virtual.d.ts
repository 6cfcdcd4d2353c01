/** The active provider's validated profile (see `src/integrations/provider.ts`). */
declare module 'virtual:help-center/provider' {
	const provider: import('../providers/schema.ts').ProviderProfile;
	export default provider;
	/** Paths of this build's pages that fall back to another language's text (`/de/driver-accounts/`). */
	export const fallbackPaths: string[];
}
