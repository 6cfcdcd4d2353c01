import { jsxAttributes, walk, type Node } from './mdast.ts';

/** The provider features a page can depend on, and whether each is on for this build. */
export type Features = Record<string, boolean>;

/**
 * A remark plugin for `<OnlyIf feature="self-registration">…</OnlyIf>` in MDX pages: the content
 * stays (unwrapped) when the feature is on for the provider being built, and is removed — text,
 * headings, table of contents, search index and all — when it is off. `feature="no-…"` is the
 * reverse. An unknown feature stops the build, naming the page.
 */
export function remarkOnlyIf(features: Features) {
	return () => (tree: Node, file: { path?: string }) => {
		walk(tree, (node) => {
			if (!node.children) return;
			node.children = node.children.flatMap((child) => {
				if ((child.type !== 'mdxJsxFlowElement' && child.type !== 'mdxJsxTextElement') || child.name !== 'OnlyIf') return [child];
				const feature = jsxAttributes(child).find((a) => a.name === 'feature')?.value;
				if (typeof feature !== 'string') throw new Error(`${file.path}: <OnlyIf> needs feature="…" with a plain string.`);
				const negated = feature.startsWith('no-');
				const name = negated ? feature.slice(3) : feature;
				if (!(name in features)) {
					throw new Error(`${file.path}: <OnlyIf feature="${feature}"> names an unknown feature; known: ${Object.keys(features).join(', ')} (each also as no-…).`);
				}
				return features[name] !== negated ? (child.children ?? []) : [];
			});
		});
	};
}
