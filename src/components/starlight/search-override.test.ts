/**
 * The search override (`Search.astro`) keeps Starlight's component and changes two things; these
 * tests read the installed Starlight and fail when it no longer has what those changes rely on,
 * so an upgrade that moves them is caught here rather than by a reader.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { describe, expect, test } from 'vitest';

import { isStarlightSearch } from '../../integrations/deferred-search.ts';
import { nameSearchButtonByVisibleText } from './search-button.ts';

const file = createRequire(import.meta.url).resolve('@astrojs/starlight/components/Search.astro');
const source = readFileSync(file, 'utf8');
const [markup = '', ...rest] = source.split('<script');
const script = rest.join('<script');

/** The template as Astro renders it: each tag on one line, `attr={expression}` as `attr="…"`. */
function asRendered(template: string): string {
	return template
		.replace(/<[a-z][^>]*>/gs, (tag) => tag.replace(/\s+/g, ' ').replace(/ >$/, '>'))
		.replace(/=\{[^{}]*\}/g, '="…"');
}

describe('Starlight’s search component, as installed', () => {
	test('is the module the stand-in is swapped in for', () => {
		expect(isStarlightSearch(file)).toBe(true);
		expect(isStarlightSearch(`${file}?astro&type=script&index=0&lang.ts`)).toBe(true);
		expect(isStarlightSearch(new URL('./Search.astro', import.meta.url).pathname)).toBe(false);
	});

	test('imports the Pagefind UI itself, and creates it with the options the stand-in passes on', () => {
		expect(script).toContain("import('@pagefind/default-ui')");
		expect(script).toMatch(/new PagefindUI\(\{[^}]*element: '#starlight__search'/s);
	});

	test('has the element, button, dialog and shortcut the stand-in listens to', () => {
		expect(markup).toContain('<site-search');
		expect(script).toContain("customElements.define('site-search'");
		expect(asRendered(markup)).toContain('<button data-open-modal');
		expect(script).toContain('dialog.showModal()');
		expect(script).toMatch(/\(e\.metaKey === true \|\| e\.ctrlKey === true\) && e\.key === 'k'/);
	});

	test('has the button markup the accessible-name edit rewrites', () => {
		const rendered = asRendered(markup);
		expect(rendered).toMatch(/<button data-open-modal[^>]* aria-label="…"/);
		const edited = nameSearchButtonByVisibleText(rendered);
		expect(edited).not.toMatch(/<button data-open-modal[^>]* aria-label=/);
		expect(edited).toContain('<span class="search-label">');
		expect(edited).toMatch(/<kbd class="sl-hidden md:sl-flex" aria-hidden="true"/);
	});

	test('keeps the scoping class Astro adds to the label', () => {
		const scoped = asRendered(markup).replace('class="sl-hidden md:sl-block"', 'class="sl-hidden md:sl-block astro-abc123"');
		expect(nameSearchButtonByVisibleText(scoped)).toContain('<span class="search-label astro-abc123">');
	});
});

describe('the accessible-name edit', () => {
	test('fails loudly, naming what it missed, when the markup is not what it expects', () => {
		expect(() => nameSearchButtonByVisibleText('<button data-open-modal aria-label="Search"><kbd class="sl-hidden md:sl-flex"></kbd></button>')).toThrow(
			/the hidden visible label of the search button once .* found it 0 times/,
		);
	});
});
