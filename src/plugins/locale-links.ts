import { filePath, jsxAttributes, walk, type ContentFile, type Node } from './mdast.ts';

/**
 * Where a language's pages are written and where they are published: `/fr` and `/fr` normally,
 * but `''` and `/en` for English when another language takes the site's root.
 */
export interface LocaleMove {
	/** The language's folder under `content/docs` (`''` for English at the root). */
	folder: string;
	/** Its URL prefix in this build (`''` at the root). */
	prefix: string;
}

/**
 * A remark plugin that keeps a page inside its language when a provider's build moves languages
 * around (an Arabic-first site puts Arabic at `/` and English at `/en/`), and places a provider's
 * own pages (`src/providers/<id>/content/docs/…`) among the shared ones.
 *
 * - Links: pages link with their own folder's prefix (`/fr/faq/`, or `/faq/` in English); those
 *   links, in Markdown and in components' `href`, get the prefix the language has in this build.
 * - Path: the file is presented to the plugins that follow (Starlight's asides and heading links)
 *   at the place it is published, because they tell a page's language from its path.
 *
 * @param docsDir The absolute path of `src/content/docs`.
 */
export function remarkLocaleLinks(moves: LocaleMove[], docsDir: string) {
	const folders = moves.map((m) => m.folder).filter(Boolean);
	return () => (tree: Node, file: ContentFile) => {
		const path = filePath(file).replaceAll('\\', '/');
		const relative = path.split('/content/docs/').at(-1) ?? '';
		if (relative === path) return; // not a content page
		const folder = folders.find((f) => relative.startsWith(`${f}/`)) ?? '';
		const move = moves.find((m) => m.folder === folder);
		if (!move) return;
		const rest = folder ? relative.slice(folder.length + 1) : relative;
		const published = `${docsDir}/${move.prefix ? `${move.prefix.slice(1)}/` : ''}${rest}`;
		if (published !== path) (file as { path: string }).path = published;
		if (move.folder === move.prefix.slice(1)) return;

		const rewrite = (href: string): string => {
			if (!href.startsWith('/') || href.startsWith('//')) return href;
			if (folder) return href === `/${folder}/` || href.startsWith(`/${folder}/`) ? move.prefix + href.slice(folder.length + 1) : href;
			// English pages link without a prefix; a link into another language keeps its own.
			return folders.some((f) => href.startsWith(`/${f}/`)) ? href : move.prefix + href;
		};
		walk(tree, (node) => {
			if ((node.type === 'link' || node.type === 'definition') && node.url) node.url = rewrite(node.url);
			for (const attribute of jsxAttributes(node)) {
				if (attribute.name === 'href' && typeof attribute.value === 'string') attribute.value = rewrite(attribute.value);
			}
		});
	};
}
