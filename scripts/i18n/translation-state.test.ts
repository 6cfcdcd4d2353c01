import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterEach, describe, expect, it } from 'vitest';

import { findStale, markOutdated, readState, stamp, StampError } from './translation-state.ts';

const repository = fileURLToPath(new URL('../..', import.meta.url));

describe('the repository’s translations', () => {
	it('each match the English they were translated from, or are marked outdated', () => {
		const stale = findStale(repository).map(({ unit, advice }) => `${unit.lang} ${unit.id}: ${advice}`);
		expect(stale).toEqual([]);
	});
});

describe('translation state', () => {
	let root = '';
	const write = (path: string, text: string) => {
		mkdirSync(dirname(join(root, path)), { recursive: true });
		writeFileSync(join(root, path), text);
	};
	const staleIn = (lang: string) => findStale(root).filter((entry) => entry.unit.lang === lang).map((entry) => `${entry.status} ${entry.unit.id}`);

	afterEach(() => rmSync(root, { recursive: true, force: true }));

	function site(): void {
		root = mkdtempSync(join(tmpdir(), 'translation-state-'));
		write('src/content/docs/faq.mdx', '# FAQ\n\nOne answer.\n');
		write('src/content/docs/fr/faq.mdx', '# FAQ\n\nUne réponse.\n');
		write('src/content/i18n/en.json', JSON.stringify({ 'a.b': 'Hello' }));
		write('src/content/i18n/fr.json', JSON.stringify({ 'a.b': 'Bonjour' }));
	}

	it('asks for a record of every translation not stamped yet', () => {
		site();
		expect(staleIn('fr')).toEqual(['untracked src/content/docs/faq.mdx', 'untracked ui:a.b']);
		stamp(root, 'fr', []);
		expect(staleIn('fr')).toEqual([]);
	});

	it('fails a translation whose English changed, naming what to do', () => {
		site();
		stamp(root, 'fr', []);
		write('src/content/docs/faq.mdx', '# FAQ\n\nTwo answers.\n');
		write('src/content/i18n/en.json', JSON.stringify({ 'a.b': 'Hello there' }));
		const stale = findStale(root);
		expect(stale.map((entry) => `${entry.status} ${entry.unit.id}`)).toEqual(['stale src/content/docs/faq.mdx', 'stale ui:a.b']);
		expect(stale[0]?.advice).toMatch(/i18n:stamp -- fr src\/content\/docs\/faq\.mdx.*i18n:outdated/);
	});

	it('refuses to stamp a translation left unchanged while its English changed, unless forced', () => {
		site();
		stamp(root, 'fr', []);
		write('src/content/docs/faq.mdx', '# FAQ\n\nTwo answers.\n');
		expect(() => stamp(root, 'fr', ['src/content/docs/faq.mdx'])).toThrow(StampError);
		expect(stamp(root, 'fr', ['src/content/docs/faq.mdx'], true)).toEqual(['src/content/docs/faq.mdx']);
		expect(staleIn('fr')).toEqual([]);
	});

	it('accepts a translation marked outdated, until it is updated and stamped', () => {
		site();
		stamp(root, 'fr', []);
		write('src/content/docs/faq.mdx', '# FAQ\n\nTwo answers.\n');
		markOutdated(root, 'fr', ['src/content/docs/faq.mdx']);
		expect(staleIn('fr')).toEqual([]);
		expect(readState(root)['fr']?.['src/content/docs/faq.mdx']?.outdated).toBe(true);
		write('src/content/docs/fr/faq.mdx', '# FAQ\n\nDeux réponses.\n');
		stamp(root, 'fr', ['src/content/docs/faq.mdx']);
		expect(readState(root)['fr']?.['src/content/docs/faq.mdx']?.outdated).toBeUndefined();
	});
});
