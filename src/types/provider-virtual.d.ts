/** The active provider's validated profile (see `src/integrations/provider.ts`). */
declare module 'virtual:help-center/provider' {
	const provider: import('../providers/schema.ts').ProviderProfile;
	export default provider;
}
