/** The Starlight virtual module the search override reads (Starlight ships no types for it). */
declare module 'virtual:starlight/pagefind-config' {
	/** The `pagefind` options of the Starlight configuration, passed on to the Pagefind UI. */
	export const pagefindUserConfig: Record<string, unknown>;
}
