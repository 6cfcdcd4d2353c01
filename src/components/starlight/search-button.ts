/**
 * The one change the search override makes to Starlight's search markup: the button's accessible
 * name becomes its visible text (axe: label-content-name-mismatch). Starlight names the button
 * with `aria-label` and hides its visible label from assistive technology; here the label is the
 * name — visually hidden on small screens, shown from 50rem — and the shortcut hint is hidden
 * instead (`aria-keyshortcuts` already tells it).
 */

/** One edit: what to find in Starlight's rendered search, and what to make of it. */
interface Edit {
	what: string;
	find: RegExp;
	replace: (match: string) => string;
}

const edits: Edit[] = [
	{
		what: 'the aria-label of the search button',
		find: /<button data-open-modal[^>]*>/g,
		replace: (tag) => tag.replace(/\saria-label="[^"]*"/, ''),
	},
	{
		what: 'the hidden visible label of the search button',
		// Astro may append its scoping class to `class`: keep it, Starlight's styles need it.
		find: /<span class="sl-hidden md:sl-block( [^"]*)?" aria-hidden="true"/g,
		replace: (tag) => tag.replace('sl-hidden md:sl-block', 'search-label').replace(' aria-hidden="true"', ''),
	},
	{
		what: 'the shortcut hint of the search button',
		find: /<kbd class="sl-hidden md:sl-flex[^"]*"/g,
		replace: (tag) => `${tag} aria-hidden="true"`,
	},
];

/**
 * Applies the edits to Starlight's rendered search component. Each must find its place exactly
 * once; if Starlight's markup changed, the build fails here and names what it could not find.
 */
export function nameSearchButtonByVisibleText(html: string): string {
	let result = html;
	for (const { what, find, replace } of edits) {
		const count = result.match(find)?.length ?? 0;
		if (count !== 1) throw new Error(`The search override expected ${what} once in Starlight's Search component, found it ${count} times: check src/components/starlight/search-button.ts against the installed Starlight.`);
		result = result.replace(find, replace);
	}
	if (/<button data-open-modal[^>]*\saria-label=/.test(result)) throw new Error('The search button still has an aria-label.');
	return result;
}
