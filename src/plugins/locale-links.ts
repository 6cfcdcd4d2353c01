import { walk, filePath, type ContentFile, type Node } from './mdast.ts';

/**
 * Where a language's pages are written and where they are published: `/fr` and `/fr` normally,
 * but `''` and `/en` for English when another language takes the site's root.
 */
export interface LocaleMove {
	/** The language's folder under `src/content/docs` (`''` for English at the root). */
	folder: string;
	/** Its URL prefix in this build (`''` at the root). */
	prefix: string;
}

/**
 * A remark plugin that keeps a page's links inside its language when a provider's build moves
 * languages around (an Arabic-first site puts Arabic at `/` and English at `/en/`). Pages link
 * with their own folder's prefix (`/fr/faq/`, or `/faq/` in English); this rewrites those links,
 * in Markdown and in components' `href`, to the prefix the language has in this build.
 */
export function remarkLocaleLinks(moves: LocaleMove[], contentRoot: string) {
	const folders = moves.map((m) => m.folder).filter(Boolean);
	return () => (tree: Node, file: ContentFile) => {
		const relative = filePath(file).split(contentRoot).at(-1)?.replace(/^[\\/]+/, '') ?? '';
		const folder = folders.find((f) => relative.startsWith(`${f}/`)) ?? '';
		const move = moves.find((m) => m.folder === folder);
		if (!move || move.folder === move.prefix.slice(1)) return;
		const rewrite = (href: string): string => {
			if (!href.startsWith('/') || href.startsWith('//')) return href;
			if (folder) return href === `/${folder}/` || href.startsWith(`/${folder}/`) ? move.prefix + href.slice(folder.length + 1) : href;
			// English pages link without a prefix; a link into another language keeps its own.
			return folders.some((f) => href.startsWith(`/${f}/`)) ? href : move.prefix + href;
		};
		walk(tree, (node) => {
			if ((node.type === 'link' || node.type === 'definition') && node.url) node.url = rewrite(node.url);
			for (const attribute of node.attributes ?? []) {
				if (attribute.name === 'href' && typeof attribute.value === 'string') attribute.value = rewrite(attribute.value);
			}
		});
	};
}
