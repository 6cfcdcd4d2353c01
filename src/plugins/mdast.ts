/** The little of the Markdown syntax tree (mdast, with MDX nodes) that the content plugins touch. */
export interface Node {
	type: string;
	name?: string | null;
	url?: string;
	value?: unknown;
	/** An MDX element's attributes (a list); a directive's are an object. */
	attributes?: unknown;
	children?: Node[];
}

/** The file a remark plugin works on (a vfile): its path tells the page's language. */
export interface ContentFile {
	path?: string;
	history?: string[];
}

/** Calls `visit` on every node below `node`, parents before children. */
export function walk(node: Node, visit: (node: Node) => void): void {
	visit(node);
	for (const child of node.children ?? []) walk(child, visit);
}

/** The file's path, whatever the vfile version keeps it in. */
export function filePath(file: ContentFile): string {
	return file.path ?? file.history?.at(-1) ?? '';
}

/** An MDX JSX element's attributes; none for other nodes (a directive's attributes are an object). */
export function jsxAttributes(node: Node): { type: string; name?: string; value?: unknown }[] {
	return Array.isArray(node.attributes) ? node.attributes : [];
}
