import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { describe, expect, test } from 'vitest';

import { componentsUsed, findGaps, missingKeys, passagesUsed } from './completeness.ts';
import { localeKeys } from '../../config/locales.ts';
import { pageSlugs } from '../../config/pages.ts';

/** Every folder of per-locale string files (`<lang>.json`) that must be complete. */
const stringFolders = ['src/content/i18n'];

describe('the help center in every language', () => {
	test('has every page and every string English has', () => {
		const gaps = findGaps(process.cwd(), stringFolders).map((g) => `${g.lang}: ${g.problem}`);
		expect(gaps).toEqual([]);
	});
});

describe('findGaps', () => {
	function write(root: string, file: string, text: string) {
		mkdirSync(dirname(join(root, file)), { recursive: true });
		writeFileSync(join(root, file), text);
	}

	/** A tree where every locale is complete, to break one piece at a time. */
	function completeTree(): string {
		const root = mkdtempSync(join(tmpdir(), 'completeness-'));
		for (const key of localeKeys) {
			const dir = key === 'root' ? 'src/content/docs' : `src/content/docs/${key}`;
			for (const slug of pageSlugs) write(root, `${dir}/${slug}.mdx`, `# ${slug}\n\n<Widget />\n`);
		}
		for (const lang of ['en', 'fr', 'es', 'pt-BR', 'de', 'it', 'ru', 'ar']) write(root, `strings/${lang}.json`, '{"a": "x", "b": "y"}');
		return root;
	}

	test('finds nothing in a complete tree', () => {
		expect(findGaps(completeTree(), ['strings'])).toEqual([]);
	});

	test('reports a missing page with the file to write', () => {
		const root = completeTree();
		rmSync(join(root, 'src/content/docs/ar/faq.mdx'));
		expect(findGaps(root, ['strings'])).toEqual([{ lang: 'ar', problem: 'page “faq” is missing: write src/content/docs/ar/faq.mdx' }]);
	});

	test('reports a translated page that lost a component', () => {
		const root = completeTree();
		write(root, 'src/content/docs/de/sign-up.mdx', '# Registrieren\n');
		expect(findGaps(root, ['strings'])).toEqual([{ lang: 'de', problem: 'page “sign-up” lacks <Widget> that English uses' }]);
	});

	test('reports a translated page whose capability-dependent passages differ from English', () => {
		const root = completeTree();
		write(root, 'src/content/docs/sign-up.mdx', '# Sign up\n\n<Widget />\n<OnlyIf feature="confirmationCode">\ncode\n</OnlyIf>\n<OnlyIf unless="confirmationCode">\nlink\n</OnlyIf>\n');
		for (const key of localeKeys.filter((k) => k !== 'root' && k !== 'fr')) {
			write(root, `src/content/docs/${key}/sign-up.mdx`, '# x\n\n<Widget />\n<OnlyIf feature="confirmationCode">\nc\n</OnlyIf>\n<OnlyIf unless="confirmationCode">\nl\n</OnlyIf>\n');
		}
		write(root, 'src/content/docs/fr/sign-up.mdx', '# x\n\n<Widget />\n<OnlyIf feature="confirmationCode">\nc\n</OnlyIf>\n');
		expect(findGaps(root, ['strings'])).toEqual([
			{ lang: 'fr', problem: 'page “sign-up” has the passages [feature:confirmationCode] where English has [feature:confirmationCode, unless:confirmationCode]' },
		]);
	});

	test('reports missing, empty and absent string files', () => {
		const root = completeTree();
		write(root, 'strings/fr.json', '{"a": "x"}');
		write(root, 'strings/it.json', '{"a": "x", "b": "  "}');
		rmSync(join(root, 'strings/ru.json'));
		expect(findGaps(root, ['strings'])).toEqual([
			{ lang: 'fr', problem: 'strings/fr.json lacks “b”' },
			{ lang: 'it', problem: 'strings/it.json lacks “b”' },
			{ lang: 'ru', problem: 'strings/ru.json is missing' },
		]);
	});
});

test('missingKeys ignores extra keys and lists absent or empty ones', () => {
	expect(missingKeys({ a: 'x', b: 'y', c: 'z' }, { a: 'x', c: '', d: 'extra' })).toEqual(['b', 'c']);
});

test('componentsUsed lists each capitalised tag once, sorted', () => {
	expect(componentsUsed('<Steps>\n<LoginLink>x</LoginLink> <a href="/">y</a> <LoginLink /> <Aside>')).toEqual(['Aside', 'LoginLink', 'Steps']);
});

test('passagesUsed lists the switches and values in order', () => {
	expect(passagesUsed('<OnlyIf feature="linkLifetime">\nworks for <ProviderValue name="linkLifetime" />\n</OnlyIf>\n<OnlyIf unless="passwordReset">x</OnlyIf>\n<PasswordRules />')).toEqual([
		'feature:linkLifetime',
		'value:linkLifetime',
		'unless:passwordReset',
		'rules',
	]);
});
