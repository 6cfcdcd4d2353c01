/**
 * The completeness check of the help center's content: every language has every page English has
 * (`config/pages.ts`), with the same live components, and every UI string. `completeness.test.ts`
 * runs it on the real content, so `npm test` names each gap in words a translator can act on.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { localeKeys, locales, type LocaleKey } from '../../config/locales.ts';
import { pageSlugs } from '../../config/pages.ts';

/** Something a locale lacks that English has. */
export interface Gap {
	/** The locale's BCP-47 tag. */
	lang: string;
	/** What is missing, in words a translator can act on. */
	problem: string;
}

/** The folder of a locale's pages: `src/content/docs` for English, `src/content/docs/fr` for French. */
export function docsDir(root: string, key: LocaleKey): string {
	return key === 'root' ? join(root, 'src/content/docs') : join(root, 'src/content/docs', key);
}

/** The source file of a page in a locale, or `undefined` when there is none. */
export function pageFile(root: string, key: LocaleKey, slug: string): string | undefined {
	return ['.mdx', '.md'].map((ext) => join(docsDir(root, key), slug + ext)).find((file) => existsSync(file));
}

/** Keys of `reference` that `other` lacks or leaves empty. */
export function missingKeys(reference: Record<string, unknown>, other: Record<string, unknown>): string[] {
	return Object.keys(reference).filter((key) => typeof other[key] !== 'string' || (other[key] as string).trim() === '');
}

/** The names of the components a page uses (`<ProviderContacts />` → `ProviderContacts`), sorted and unique. */
export function componentsUsed(source: string): string[] {
	return [...new Set([...source.matchAll(/<([A-Z][A-Za-z]*)\b/g)].map((m) => m[1]!))].sort();
}

/**
 * The capability-dependent passages and provider values a page has, in order: `feature:x` and
 * `unless:x` for each `<OnlyIf>`, `value:x` for each `<ProviderValue>`, `rules` for `<PasswordRules>`.
 */
export function passagesUsed(source: string): string[] {
	return [...source.matchAll(/<(OnlyIf|ProviderValue|PasswordRules)\b([^>]*)>/g)].map(([, name, attributes = '']) => {
		if (name === 'PasswordRules') return 'rules';
		const attribute = /\b(feature|unless|name)="([^"]*)"/.exec(attributes);
		return `${name === 'ProviderValue' ? 'value' : attribute?.[1]}:${attribute?.[2]}`;
	});
}

/**
 * Checks that every locale has every page English has, with the same live components and the same
 * capability-dependent passages (so a translation never tells a provider's readers about a
 * feature it lacks), and every
 * string of every string folder (`<folder>/<lang>.json`) that English has.
 */
export function findGaps(root: string, stringFolders: string[]): Gap[] {
	const gaps: Gap[] = [];
	for (const key of localeKeys) {
		const { lang } = locales[key];
		for (const slug of pageSlugs) {
			const english = pageFile(root, 'root', slug);
			const file = pageFile(root, key, slug);
			if (!file) {
				gaps.push({ lang, problem: `page “${slug}” is missing: write ${join(docsDir('', key), slug)}.mdx` });
				continue;
			}
			if (!english || key === 'root') continue;
			const expected = componentsUsed(readFileSync(english, 'utf8'));
			const actual = componentsUsed(readFileSync(file, 'utf8'));
			const lacking = expected.filter((c) => !actual.includes(c));
			if (lacking.length) gaps.push({ lang, problem: `page “${slug}” lacks ${lacking.map((c) => `<${c}>`).join(', ')} that English uses` });
			const passages = passagesUsed(readFileSync(english, 'utf8')).join(', ');
			const translated = passagesUsed(readFileSync(file, 'utf8')).join(', ');
			if (passages !== translated) gaps.push({ lang, problem: `page “${slug}” has the passages [${translated}] where English has [${passages}]` });
		}
		for (const folder of stringFolders) {
			const reference = readJson(join(root, folder, 'en.json'));
			const file = join(root, folder, `${lang}.json`);
			if (!existsSync(file)) {
				gaps.push({ lang, problem: `${folder}/${lang}.json is missing` });
				continue;
			}
			for (const k of missingKeys(reference, readJson(file))) gaps.push({ lang, problem: `${folder}/${lang}.json lacks “${k}”` });
		}
	}
	return gaps;
}

function readJson(file: string): Record<string, unknown> {
	return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}
