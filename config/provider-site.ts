import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

import type { ProviderProfile } from '../src/providers/schema.ts';
import type { LocaleMove } from '../src/plugins/locale-links.ts';
import { localeKeys, locales, type LocaleKey } from './locales.ts';
import { pageSlugs } from './pages.ts';

/** A Starlight locale entry. */
interface StarlightLocale {
	label: string;
	lang: string;
	dir?: 'rtl' | 'ltr';
}

/** The folder a language's pages are written in, under `content/docs` (`''` for English). */
function folderOf(key: LocaleKey): string {
	return key === 'root' ? '' : key;
}

/** The key of a language in the catalogue of {@link locales}. */
function keyOfTag(tag: string): LocaleKey {
	const key = localeKeys.find((k) => locales[k].lang === tag);
	if (!key) throw new Error(`No language ${tag} in config/locales.ts.`);
	return key;
}

/**
 * How one provider's build lays out its languages: which ones, which sits at the root, and where
 * each language's folder is published. English is written at the root of `content/docs`; when a
 * provider's default language is another, that one takes the root and English moves to `/en/`.
 */
export function providerLocales(profile: ProviderProfile) {
	const offered = localeKeys.filter((key) => profile.locales.includes(locales[key].lang));
	const rootKey = keyOfTag(profile.defaultLocale);
	/** This build's URL key of a language: `root` for the default, `en` for a moved English. */
	const builtKey = (key: LocaleKey) => (key === rootKey ? 'root' : key === 'root' ? 'en' : key);
	const starlight: Record<string, StarlightLocale> = {};
	for (const key of [rootKey, ...offered.filter((k) => k !== rootKey)]) starlight[builtKey(key)] = locales[key];
	const moves: LocaleMove[] = offered.map((key) => {
		const built = builtKey(key);
		return { folder: folderOf(key), prefix: built === 'root' ? '' : `/${built}` };
	});
	return { offered, rootKey, builtKey, starlight, moves };
}

/**
 * The content entries of one provider's build: every page of its languages from `src/content/docs`,
 * where the provider's own `src/providers/<id>/content/docs` replaces a page of the same path or
 * adds one. Returns glob patterns relative to `src/` and the id each file gets.
 */
export function providerContent(root: string, profile: ProviderProfile) {
	const { offered, builtKey } = providerLocales(profile);
	const overlayBase = join('providers', profile.id, 'content', 'docs');
	const overlay = existsSync(join(root, 'src', overlayBase))
		? readdirSync(join(root, 'src', overlayBase), { recursive: true, encoding: 'utf8' }).filter((f) => /\.mdx?$/.test(f)).map((f) => f.split(sep).join('/'))
		: [];
	const otherFolders = localeKeys.filter((k) => k !== 'root' && !offered.includes(k)).map(folderOf);
	const patterns = [
		'content/docs/**/[^_]*.{md,mdx}',
		...(offered.includes('root') ? [] : ['!content/docs/*.{md,mdx}']),
		...otherFolders.map((folder) => `!content/docs/${folder}/**`),
		...overlay.map((file) => `!content/docs/${file}`),
		...overlay.filter((file) => isOffered(file)).map((file) => `${overlayBase.split(sep).join('/')}/${file}`),
	];

	function isOffered(file: string): boolean {
		const first = file.split('/')[0]!;
		return file.includes('/') && localeKeys.includes(first as LocaleKey) ? offered.includes(first as LocaleKey) : offered.includes('root');
	}

	/** `content/docs/fr/faq.mdx` → `fr/faq`; English moves under `en/` when it is not at the root. */
	function generateId({ entry }: { entry: string }): string {
		const path = relative(entry.startsWith('content/') ? 'content/docs' : overlayBase, entry).split(sep).join('/').replace(/\.mdx?$/, '');
		const first = path.split('/')[0]!;
		const sourceKey: LocaleKey = path.includes('/') && localeKeys.includes(first as LocaleKey) ? (first as LocaleKey) : 'root';
		const rest = sourceKey === 'root' ? path : path.slice(first.length + 1);
		const built = builtKey(sourceKey);
		const id = built === 'root' ? rest : `${built}/${rest}`;
		return id.replace(/(^|\/)index$/, '') || 'index';
	}

	// The provider's own pages in its default language: they join the sidebar, and every other
	// language that lacks them gets Starlight's fallback, which the build marks as such.
	const { starlight } = providerLocales(profile);
	const ownPages = overlay
		.map((file) => generateId({ entry: `${overlayBase.split(sep).join('/')}/${file}` }))
		.filter((id) => !Object.keys(starlight).some((key) => key !== 'root' && (id === key || id.startsWith(`${key}/`))));
	const extraSlugs = ownPages.filter((id) => id !== 'index' && !(pageSlugs as readonly string[]).includes(id));
	const present = new Set(overlay.map((file) => generateId({ entry: `${overlayBase.split(sep).join('/')}/${file}` })));
	const fallbackPaths = ownPages.flatMap((id) =>
		Object.keys(starlight)
			.filter((key) => key !== 'root' && !present.has(`${key}/${id}`))
			.map((key) => `/${key}/${id === 'index' ? '' : `${id}/`}`),
	);
	return { patterns, generateId, extraSlugs, fallbackPaths };
}
