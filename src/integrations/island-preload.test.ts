import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, test } from 'vitest';

import { preloadIslands } from './island-preload.ts';

const root = mkdtempSync(join(tmpdir(), 'island-preload-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('island preloading', () => {
	test('a page with an island preloads its component, renderer and their static imports, not the lazy ones', async () => {
		mkdirSync(join(root, '_astro'));
		mkdirSync(join(root, 'sign-up'));
		writeFileSync(join(root, '_astro', 'Form.a1.js'), 'import{t}from"./hooks.b2.js";import{x as y}from"./Field.c3.js";const m=()=>import("./strength.d4.js");');
		writeFileSync(join(root, '_astro', 'Field.c3.js'), 'import"./hooks.b2.js";export const x=1;');
		writeFileSync(join(root, '_astro', 'hooks.b2.js'), 'import{p}from"./preact.e5.js";export const t=1;');
		writeFileSync(join(root, '_astro', 'preact.e5.js'), 'export const p=1;');
		writeFileSync(join(root, '_astro', 'client.f6.js'), 'import{p}from"./preact.e5.js";');
		writeFileSync(join(root, 'sign-up', 'index.html'), '<html><head><meta charset="utf-8"/><title>x</title><link rel="stylesheet" href="/_astro/common.g7.css"><script type="module" src="/_astro/page.h8.js"></script></head><body><astro-island uid="1" component-url="/_astro/Form.a1.js" renderer-url="/_astro/client.f6.js"></astro-island></body></html>');
		writeFileSync(join(root, 'index.html'), '<html><head></head><body>No island.</body></html>');

		expect(await preloadIslands(root)).toBe(1);
		const page = readFileSync(join(root, 'sign-up', 'index.html'), 'utf8');
		const preloaded = [...page.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]).sort();
		expect(preloaded).toEqual(['/_astro/Field.c3.js', '/_astro/Form.a1.js', '/_astro/client.f6.js', '/_astro/hooks.b2.js', '/_astro/preact.e5.js']);
		// Ahead of the page's style sheets and scripts, so they take the first connections; after the charset.
		expect(page.indexOf('modulepreload')).toBeGreaterThan(page.indexOf('<meta charset'));
		expect(page.indexOf('modulepreload')).toBeLessThan(page.indexOf('rel="stylesheet"'));
		expect(page.indexOf('modulepreload')).toBeLessThan(page.indexOf('page.h8.js'));
		expect(readFileSync(join(root, 'index.html'), 'utf8')).not.toContain('modulepreload');
		// The page's own module script is left to the browser; nothing it does not import is added.
		expect(page).not.toContain('<link rel="modulepreload" href="/_astro/page.h8.js">');
		// A second run adds nothing twice.
		expect(await preloadIslands(root)).toBe(0);
	});

	test('a page without an island preloads what its module scripts import, so it arrives with them', async () => {
		mkdirSync(join(root, 'faq'));
		writeFileSync(join(root, '_astro', 'Search.i9.js'), 'import{t as e}from"./preload-helper.j1.js";const ui=()=>import("./search-ui.k2.js");');
		writeFileSync(join(root, '_astro', 'preload-helper.j1.js'), 'export const t=1;');
		writeFileSync(join(root, 'faq', 'index.html'), '<html><head><meta charset="utf-8"/><link rel="stylesheet" href="/_astro/common.g7.css"></head><body><script type="module" src="/_astro/Search.i9.js"></script></body></html>');

		expect(await preloadIslands(root)).toBe(1);
		const page = readFileSync(join(root, 'faq', 'index.html'), 'utf8');
		expect([...page.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1])).toEqual(['/_astro/preload-helper.j1.js']);
		// Behind the style sheets, which it must not delay.
		expect(page.indexOf('modulepreload')).toBeGreaterThan(page.indexOf('rel="stylesheet"'));
		expect(page.indexOf('modulepreload')).toBeLessThan(page.indexOf('</head>'));
	});
});
