/** The part of Pagefind's default UI that the search override uses (the package ships no types). */
declare module '@pagefind/default-ui' {
	export class PagefindUI {
		constructor(options: Record<string, unknown>);
	}
}
