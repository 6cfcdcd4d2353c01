import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { describe, expect, test } from 'vitest';

import { extractIds, extractLinks, findBrokenLinks, resolveInternal } from './internal-links.ts';

/** Writes a small built site: `files` maps paths under the output folder to their HTML. */
function site(files: Record<string, string>): string {
	const root = mkdtempSync(join(tmpdir(), 'links-'));
	for (const [file, html] of Object.entries(files)) {
		mkdirSync(dirname(join(root, file)), { recursive: true });
		writeFileSync(join(root, file), html);
	}
	return root;
}

describe('findBrokenLinks', () => {
	test('accepts links to existing pages, anchors, assets and other sites', async () => {
		const root = site({
			'index.html': '<a href="/faq/">FAQ</a> <a href="/fr/faq/#vérifiez-ladresse">fr</a> <a href="/logo.svg">logo</a> <a href="https://example.com/x">out</a> <a href="mailto:a@b.c">mail</a>',
			'faq/index.html': '<h2 id="top">Top</h2><a href="#top">up</a> <a href="../">home</a>',
			'fr/faq/index.html': '<h2 id="vérifiez-ladresse">Vérifiez</h2>',
			'logo.svg': '<svg/>',
		});
		expect(await findBrokenLinks(root)).toEqual([]);
	});

	test('reports a link to a missing page and to a missing anchor', async () => {
		const root = site({
			'index.html': '<a href="/sign-up/">x</a> <a class="c" href="/faq/#nowhere">y</a>',
			'faq/index.html': '<h2 id="somewhere">S</h2>',
		});
		expect(await findBrokenLinks(root)).toEqual([
			{ page: '/', href: '/sign-up/', reason: 'missing page' },
			{ page: '/', href: '/faq/#nowhere', reason: 'missing anchor' },
		]);
	});

	test('reads percent-encoded anchors as the ids they name', async () => {
		const root = site({
			'index.html': '<a href="/ru/faq/#%D0%BF%D0%BE%D1%87%D1%82%D0%B0">ru</a>',
			'ru/faq/index.html': '<h2 id="почта">Почта</h2>',
		});
		expect(await findBrokenLinks(root)).toEqual([]);
	});
});

test('resolveInternal resolves relative paths against the page and skips other schemes', () => {
	expect(resolveInternal('/fr/faq/', '../sign-up/')).toEqual({ path: '/fr/sign-up/', hash: '' });
	expect(resolveInternal('/fr/faq/', '#a')).toEqual({ path: '/fr/faq/', hash: 'a' });
	expect(resolveInternal('/', '/faq/?q=1#b')).toEqual({ path: '/faq/', hash: 'b' });
	expect(resolveInternal('/', 'tel:+15550100')).toBeUndefined();
	expect(resolveInternal('/', '//cdn.example.com/x.js')).toBeUndefined();
});

test('extractLinks and extractIds read anchors and ids from HTML', () => {
	expect(extractLinks('<a class="x" href="/a/?b=1&amp;c=2">1</a><link href="/css"><a href="#k">2</a>')).toEqual(['/a/?b=1&c=2', '#k']);
	expect([...extractIds('<h2 id="one">x</h2><div id="two"></div><p data-id="no">')]).toEqual(['one', 'two']);
});
