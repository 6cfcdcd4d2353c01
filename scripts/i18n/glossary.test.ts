import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterEach, describe, expect, it } from 'vitest';

import { localeKeys, locales } from '../../config/locales.ts';

const localeTags = localeKeys.map((key) => locales[key].lang);
import { checkSources, describeViolation, findGlossaryViolations, glossaryDir, pageText, readGlossary, stringsText, type Glossary } from './glossary.ts';

const repository = fileURLToPath(new URL('../..', import.meta.url));

describe('the repository’s pages, interface strings and emails', () => {
	it('use each language’s preferred terms, never a variant its glossary avoids', () => {
		expect(findGlossaryViolations(repository).map(describeViolation)).toEqual([]);
	});

	it('have a well-formed glossary for every language', () => {
		for (const lang of localeTags) {
			const file = join(repository, glossaryDir, `${lang}.json`);
			expect(existsSync(file), `${glossaryDir}/${lang}.json`).toBe(true);
			const glossary = readGlossary(file);
			expect(glossary.terms.length).toBeGreaterThan(0);
			// A preferred term that is itself avoided would make the glossary impossible to follow.
			for (const term of glossary.terms) {
				expect(checkSources(glossary, [{ file: 'preferred', text: term.preferred.replace(/\{\{[^}]*\}\}/g, '') }]).map((v) => v.variant), `${lang}: ${term.concept}`).toEqual([]);
			}
		}
	});
});

describe('glossary matching', () => {
	const glossary: Glossary = {
		terms: [
			{ concept: 'provider', preferred: 'Anbieter', avoid: ['Dienstanbieter', 'Dienstanbieters'] },
			{ concept: 'email', preferred: 'e-mail', avoid: ['mail'], allow: ['Yahoo Mail'] },
			{ concept: 'account', preferred: 'аккаунт', avoid: ['учётная запись', 'учётной записи'] },
			{ concept: 'brand compounds', preferred: 'Hilfe-Center von {{name}}', avoid: ['}} Hilfe-Center'] },
		],
	};
	const found = (text: string) => checkSources(glossary, [{ file: 'page.mdx', text }]).map((v) => v.found);

	it('finds a variant whatever its case, and each inflected form listed', () => {
		expect(found('Ihr DIENSTANBIETER hilft. Fragen Sie Ihres Dienstanbieters Support.')).toEqual(['DIENSTANBIETER', 'Dienstanbieters']);
		expect(found('Войдите в Учётную запись')).toEqual([]);
		expect(found('Данные учётной записи')).toEqual(['учётной записи']);
	});

	it('matches whole words only: a longer word or a hyphenated compound is not the variant', () => {
		expect(found('Ihr Anbieter, kein Dienstanbietertarif.')).toEqual([]);
		expect(found('Ouvrez l’e-mail, puis Gmail.')).toEqual([]);
		expect(found('Ouvrez le mail.')).toEqual(['mail']);
	});

	it('matches a phrase across any run of spaces and line breaks', () => {
		expect(found('Meine учётная\n  запись')).toEqual(['учётная\n  запись']);
	});

	it('leaves a variant alone inside a phrase the glossary allows', () => {
		expect(found('Yahoo Mail : le dossier Spam. Un mail.')).toEqual(['mail']);
	});

	it('ignores the names of placeholders but not what follows them', () => {
		const strings = stringsText('{\n\t"a": "Envoyé à {{mail}}.",\n\t"b": "{{name}} Hilfe-Center"\n}');
		expect(checkSources(glossary, [{ file: 'x.json', text: strings }]).map((v) => [v.line, v.found])).toEqual([[3, '}} Hilfe-Center']]);
	});

	it('reads string values, not keys', () => {
		expect(checkSources(glossary, [{ file: 'x.json', text: stringsText('{\n\t"mail.greeting": "Bonjour"\n}') }])).toEqual([]);
	});

	it('reads a page’s prose, title and card texts, not its link targets, imports or component names', () => {
		const page = [
			'---',
			'title: Le mail',
			'---',
			"import { Mail } from './mail';",
			'Voir [la page](/fr/mail/) et `mail`.',
			'<LinkCard title="Un mail" href="/mail/" />',
		].join('\n');
		const violations = checkSources(glossary, [{ file: 'p.mdx', text: pageText(page) }]);
		expect(violations.map((v) => v.line)).toEqual([2, 6]);
	});

	it('names the file, the line, the variant and the preferred term', () => {
		const [violation] = checkSources(glossary, [{ file: 'src/content/docs/de/faq.mdx', text: 'Eins\nIhr Dienstanbieter' }]);
		expect(describeViolation(violation!)).toBe('src/content/docs/de/faq.mdx:2: “Dienstanbieter” (avoid “Dienstanbieter”); use “Anbieter” for provider');
	});
});

describe('a language’s sources', () => {
	let root = '';
	afterEach(() => rmSync(root, { recursive: true, force: true }));
	const write = (path: string, text: string) => {
		mkdirSync(dirname(join(root, path)), { recursive: true });
		writeFileSync(join(root, path), text);
	};

	it('include its pages, a provider’s own pages, its interface strings and its email strings', () => {
		root = mkdtempSync(join(tmpdir(), 'glossary-'));
		write(`${glossaryDir}/de.json`, JSON.stringify({ terms: [{ concept: 'provider', preferred: 'Anbieter', avoid: ['Dienstanbieter'] }] }));
		write('src/content/docs/de/faq.mdx', 'Ihr Dienstanbieter\n');
		write('src/content/docs/faq.mdx', 'Dienstanbieter is German\n');
		write('src/providers/acme/content/docs/de/own.mdx', 'Ihr Dienstanbieter\n');
		write('src/content/i18n/de.json', '{\n\t"a": "Ihr Dienstanbieter"\n}');
		write('src/server/mail/locales/de.json', '{\n\t"a": "Ihr Dienstanbieter"\n}');
		expect(findGlossaryViolations(root).map((v) => v.file).sort()).toEqual([
			'src/content/docs/de/faq.mdx',
			'src/content/i18n/de.json',
			'src/providers/acme/content/docs/de/own.mdx',
			'src/server/mail/locales/de.json',
		]);
	});

	it('refuses a malformed glossary, naming the file', () => {
		root = mkdtempSync(join(tmpdir(), 'glossary-'));
		write(`${glossaryDir}/de.json`, JSON.stringify({ terms: [{ concept: 'provider', avoid: 'Dienstanbieter' }] }));
		expect(() => findGlossaryViolations(root)).toThrow(/de\.json: term 1 needs/);
	});
});
