import { readdir, readFile } from 'node:fs/promises';
import { join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { AstroIntegration } from 'astro';

/** A link in the built site that leads nowhere. */
export interface BrokenLink {
	/** The page that holds the link, as a site path (`/fr/faq/`). */
	page: string;
	/** The link as written in the page. */
	href: string;
	/** Why it is broken. */
	reason: 'missing page' | 'missing anchor';
}

/**
 * Fails the build when a page of the built site links to a page or an anchor that does not exist.
 * It reads the HTML Astro wrote, so it sees every link: Markdown, components, sidebar and cards.
 */
export function internalLinks(): AstroIntegration {
	return {
		name: 'internal-links',
		hooks: {
			'astro:build:done': async ({ dir, logger }) => {
				const broken = await findBrokenLinks(fileURLToPath(dir));
				if (broken.length === 0) {
					logger.info('every internal link resolves');
					return;
				}
				const lines = broken.map((b) => `  ${b.page} → ${b.href} (${b.reason})`);
				throw new Error(`${broken.length} broken internal link(s):\n${lines.join('\n')}\nFix the link or create what it points to.`);
			},
		},
	};
}

/** Lists every internal link in the HTML files under `root` whose page or anchor is missing. */
export async function findBrokenLinks(root: string): Promise<BrokenLink[]> {
	const files = (await readdir(root, { recursive: true })).filter((f) => f.endsWith('.html'));
	const pages = new Map<string, string>();
	for (const file of files) pages.set(filePathToSitePath(file), await readFile(join(root, file), 'utf8'));

	const broken: BrokenLink[] = [];
	for (const [page, html] of pages) {
		for (const href of extractLinks(html)) {
			const target = resolveInternal(page, href);
			if (!target) continue;
			const targetHtml = pages.get(target.path);
			if (targetHtml === undefined) {
				if (!(await isAsset(root, target.path))) broken.push({ page, href, reason: 'missing page' });
			} else if (target.hash && !extractIds(targetHtml).has(target.hash)) {
				broken.push({ page, href, reason: 'missing anchor' });
			}
		}
	}
	return broken;
}

/** `fr/faq/index.html` → `/fr/faq/`; `404.html` → `/404.html`. */
function filePathToSitePath(file: string): string {
	const path = '/' + file.split(sep).join('/');
	return path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path;
}

/** The `href` of every `<a>` in a page, with HTML entities for `&` decoded. */
export function extractLinks(html: string): string[] {
	return [...html.matchAll(/<a\b[^>]*?\shref="([^"]*)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
}

/** Every `id` in a page. */
export function extractIds(html: string): Set<string> {
	return new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]!));
}

/**
 * Resolves a link found on `page` to a site path and an anchor, or `undefined` when the link
 * leaves the site (another origin, `mailto:`, `tel:`…).
 */
export function resolveInternal(page: string, href: string): { path: string; hash: string } | undefined {
	if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return undefined;
	const [pathPart = '', hash = ''] = href.split('#', 2);
	const withoutQuery = pathPart.split('?', 1)[0]!;
	const path = withoutQuery === '' ? page : posix.resolve(posix.dirname(page.endsWith('/') ? page + 'x' : page), withoutQuery) + (withoutQuery.endsWith('/') ? '/' : '');
	return { path: path.replace(/\/+$/, '/'), hash: safeDecode(hash) };
}

/** Decodes percent-escapes, keeping the text as written when it holds a malformed one. */
function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

async function isAsset(root: string, path: string): Promise<boolean> {
	try {
		await readFile(join(root, relative('/', path)));
		return true;
	} catch {
		return false;
	}
}
