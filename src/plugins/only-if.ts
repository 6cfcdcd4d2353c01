import { jsxAttributes, walk, type Node } from './mdast.ts';

/** The provider switches a page can depend on, and whether each is on for this build (see `features.ts`). */
export type Features = Record<string, boolean>;

/**
 * A remark plugin for `<OnlyIf feature="confirmationCode">…</OnlyIf>` in MDX pages: the content
 * stays (unwrapped) when the switch is on for the provider being built, and is removed — text,
 * headings, table of contents, search index and all — when it is off. `<OnlyIf unless="…">` is the
 * reverse. An unknown switch stops the build, naming the page and the known ones.
 */
export function remarkOnlyIf(features: Features) {
	return () => (tree: Node, file: { path?: string }) => {
		/** The children that stay, passages unwrapped; a passage inside a kept one is decided too. */
		const keep = (children: Node[]): Node[] =>
			children.flatMap((child) => {
				if ((child.type !== 'mdxJsxFlowElement' && child.type !== 'mdxJsxTextElement') || child.name !== 'OnlyIf') return [child];
				const attributes = jsxAttributes(child);
				const feature = attributes.find((a) => a.name === 'feature')?.value;
				const unless = attributes.find((a) => a.name === 'unless')?.value;
				const name = feature ?? unless;
				if (typeof name !== 'string' || (feature !== undefined && unless !== undefined)) {
					throw new Error(`${file.path}: <OnlyIf> needs either feature="…" or unless="…", with a plain string.`);
				}
				if (!(name in features)) {
					throw new Error(`${file.path}: <OnlyIf ${feature === undefined ? 'unless' : 'feature'}="${name}"> names an unknown feature; known: ${Object.keys(features).join(', ')}.`);
				}
				return features[name] === (feature !== undefined) ? keep(child.children ?? []) : [];
			});
		walk(tree, (node) => {
			if (node.children) node.children = keep(node.children);
		});
	};
}
