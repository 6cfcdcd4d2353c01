import { describe, expect, test } from 'vitest';

import { loadResolvedProvider } from './load.ts';
import { localeMoves, providerContent, starlightLocales } from './site.ts';

const root = process.cwd();

describe('the locale layout of a build', () => {
	test('keeps English at the root for the default profile', async () => {
		const { layout } = await loadResolvedProvider(root, 'default');
		const starlight = starlightLocales(layout);
		expect(Object.keys(starlight)).toEqual(['root', 'fr', 'es', 'pt-br', 'de', 'it', 'ru', 'ar']);
		expect(starlight['root']).toMatchObject({ lang: 'en' });
		expect(localeMoves(layout).find((m) => m.folder === 'fr')).toEqual({ folder: 'fr', prefix: '/fr' });
	});

	test('puts an Arabic-first provider at the root and moves English under /en/', async () => {
		const { layout } = await loadResolvedProvider(root, 'rimal');
		const starlight = starlightLocales(layout);
		expect(Object.keys(starlight)).toEqual(['root', 'en', 'fr']);
		expect(starlight['root']).toMatchObject({ lang: 'ar', dir: 'rtl' });
		expect(localeMoves(layout)).toEqual([
			{ folder: '', prefix: '/en' },
			{ folder: 'fr', prefix: '/fr' },
			{ folder: 'ar', prefix: '' },
		]);
	});
});

describe('providerContent', () => {
	test('leaves out the languages a provider does not offer and lays its own pages over the shared ones', async () => {
		const { patterns, extraSlugs, fallbackPaths } = providerContent(root, await loadResolvedProvider(root, 'fleetwise'));
		expect(patterns).toContain('!content/docs/ar/**');
		expect(patterns).not.toContain('!content/docs/de/**');
		expect(patterns).toContain('providers/fleetwise/content/docs/driver-accounts.mdx');
		expect(extraSlugs).toEqual(['driver-accounts']);
		expect(fallbackPaths).toEqual(['/fr/driver-accounts/', '/de/driver-accounts/']);
	});

	test('gives each file the id of its place in the build', async () => {
		const rimal = providerContent(root, await loadResolvedProvider(root, 'rimal'));
		expect(rimal.generateId({ entry: 'content/docs/ar/faq.mdx' })).toBe('faq');
		expect(rimal.generateId({ entry: 'content/docs/ar/index.mdx' })).toBe('index');
		expect(rimal.generateId({ entry: 'content/docs/faq.mdx' })).toBe('en/faq');
		expect(rimal.generateId({ entry: 'content/docs/index.mdx' })).toBe('en');
		expect(rimal.patterns).toContain('!content/docs/de/**');
		const plain = providerContent(root, await loadResolvedProvider(root, 'default'));
		expect(plain.generateId({ entry: 'content/docs/pt-br/sign-up.mdx' })).toBe('pt-br/sign-up');
		expect(plain.generateId({ entry: 'content/docs/index.mdx' })).toBe('index');
		expect(plain.fallbackPaths).toEqual([]);
	});
});
