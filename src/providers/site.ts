/**
 * One provider's site, as the build lays it out: Starlight's locales, the link moves of a language
 * that leaves its folder's place, and the content entries (the shared pages of its languages with
 * its own pages laid over them). Everything here derives from the resolved provider's
 * {@link LocaleLayout}; only {@link providerContent} reads the file system (the provider's pages).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

import { localeKeys, type LocaleKey } from '../../config/locales.ts';
import { pageSlugs } from '../../config/pages.ts';
import type { LocaleMove } from '../plugins/locale-links.ts';
import type { LocaleLayout } from './layout.ts';

/** A Starlight locale entry. */
interface StarlightLocale {
	label: string;
	lang: string;
	dir: 'rtl' | 'ltr';
}

/** The folder a language's pages are written in, under `content/docs` (`''` for English). */
function folderOf(key: LocaleKey): string {
	return key === 'root' ? '' : key;
}

/** Starlight's `locales` for a layout, the default language first (at `root`). */
export function starlightLocales(layout: LocaleLayout): Record<string, StarlightLocale> {
	return Object.fromEntries(layout.locales.map(({ key, label, lang, dir }) => [key, { label, lang, dir }]));
}

/** Where each published language's folder goes in this build (see `remarkLocaleLinks`). */
export function localeMoves(layout: LocaleLayout): LocaleMove[] {
	return localeKeys.flatMap((sourceKey) => {
		const published = layout.locales.find((l) => l.sourceKey === sourceKey);
		return published ? [{ folder: folderOf(sourceKey), prefix: published.prefix }] : [];
	});
}

/** The folder of a provider's own pages, relative to `src/`. */
function overlayBase(providerId: string): string {
	return `providers/${providerId}/content/docs`;
}

/**
 * The content id of an entry (`content/docs/fr/faq.mdx` → `fr/faq`; English moves under `en/`
 * when it is not at the root), for the layout and the provider whose pages overlay the shared ones.
 */
export function contentId(layout: LocaleLayout, providerId: string) {
	const base = overlayBase(providerId);
	return ({ entry }: { entry: string }): string => {
		const path = relative(entry.startsWith('content/') ? 'content/docs' : base, entry).split(sep).join('/').replace(/\.mdx?$/, '');
		const first = path.split('/')[0]!;
		const sourceKey: LocaleKey = path.includes('/') && localeKeys.includes(first as LocaleKey) ? (first as LocaleKey) : 'root';
		const rest = sourceKey === 'root' ? path : path.slice(first.length + 1);
		const built = layout.locales.find((l) => l.sourceKey === sourceKey)?.key ?? sourceKey;
		const id = built === 'root' ? rest : `${built}/${rest}`;
		return id.replace(/(^|\/)index$/, '') || 'index';
	};
}

/**
 * The content entries of one provider's build: every page of its languages from `src/content/docs`,
 * where the provider's own `src/providers/<id>/content/docs` replaces a page of the same path or
 * adds one. Returns glob patterns relative to `src/`, the provider's extra sidebar slugs and the
 * paths of pages that fall back to another language's text.
 */
export function providerContent(root: string, provider: { id: string; layout: LocaleLayout }) {
	const { layout } = provider;
	const offered = layout.locales.map((l) => l.sourceKey);
	const base = overlayBase(provider.id);
	const overlay = existsSync(join(root, 'src', base))
		? readdirSync(join(root, 'src', base), { recursive: true, encoding: 'utf8' }).filter((f) => /\.mdx?$/.test(f)).map((f) => f.split(sep).join('/'))
		: [];
	const otherFolders = localeKeys.filter((k) => k !== 'root' && !offered.includes(k)).map(folderOf);
	const isOffered = (file: string): boolean => {
		const first = file.split('/')[0]!;
		return file.includes('/') && localeKeys.includes(first as LocaleKey) ? offered.includes(first as LocaleKey) : offered.includes('root');
	};
	const patterns = [
		'content/docs/**/[^_]*.{md,mdx}',
		...(offered.includes('root') ? [] : ['!content/docs/*.{md,mdx}']),
		...otherFolders.map((folder) => `!content/docs/${folder}/**`),
		...overlay.map((file) => `!content/docs/${file}`),
		...overlay.filter(isOffered).map((file) => `${base}/${file}`),
	];
	const generateId = contentId(layout, provider.id);

	// The provider's own pages in its default language: they join the sidebar, and every other
	// language that lacks them gets Starlight's fallback, which the build marks as such.
	const otherKeys = layout.locales.map((l) => l.key).filter((key) => key !== 'root');
	const ids = overlay.map((file) => generateId({ entry: `${base}/${file}` }));
	const ownPages = ids.filter((id) => !otherKeys.some((key) => id === key || id.startsWith(`${key}/`)));
	const extraSlugs = ownPages.filter((id) => id !== 'index' && !(pageSlugs as readonly string[]).includes(id));
	const present = new Set(ids);
	const fallbackPaths = ownPages.flatMap((id) => otherKeys.filter((key) => !present.has(`${key}/${id}`)).map((key) => `/${key}/${id === 'index' ? '' : `${id}/`}`));
	return { patterns, generateId, extraSlugs, fallbackPaths };
}
