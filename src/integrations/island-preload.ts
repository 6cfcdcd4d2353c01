import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { AstroIntegration } from 'astro';

/**
 * Adds `<link rel="modulepreload">` for every module an island needs to each page that has one:
 * its component, its renderer and everything they import statically. Without it a browser finds
 * each level of imports only after the previous one arrived, which on a slow network is three or
 * four round trips before the form works; with it they arrive in one wave, the first one. The page's
 * own module scripts (search, table of contents) get the same for what they import, on every page.
 * Astro has no option for this, so it is done on the built HTML. Dynamic imports (the strength
 * meter) are left alone.
 */
export function islandPreload(): AstroIntegration {
	return {
		name: 'island-preload',
		hooks: {
			'astro:build:done': async ({ dir, logger }) => {
				const pages = await preloadIslands(fileURLToPath(dir));
				logger.info(`modules preloaded on ${pages} page(s)`);
			},
		},
	};
}

/** Rewrites every page under `root` that has an island or a module script with imports; resolves with how many it changed. */
export async function preloadIslands(root: string): Promise<number> {
	const imports = new Map<string, Promise<string[]>>();
	/** The site paths a module imports statically (`import … from "./x.js"`, `import "./y.js"`). */
	const staticImports = (path: string): Promise<string[]> => {
		let found = imports.get(path);
		if (!found) {
			found = readFile(join(root, path), 'utf8').then(
				(code) => [...code.matchAll(/\bimport\s*(?:[\w$*{}\s,]+from\s*)?["']([^"']+\.js)["']/g)].map((m) => posix.resolve(posix.dirname(path), m[1]!)),
				() => [],
			);
			imports.set(path, found);
		}
		return found;
	};
	const closure = async (entries: string[]): Promise<string[]> => {
		const seen = new Set<string>();
		const queue = [...entries];
		for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
			if (seen.has(path)) continue;
			seen.add(path);
			queue.push(...(await staticImports(path)));
		}
		return [...seen];
	};

	let changed = 0;
	for (const file of (await readdir(root, { recursive: true })).filter((f) => f.endsWith('.html'))) {
		const html = await readFile(join(root, file), 'utf8');
		if (!html.includes('</head>')) continue;
		// Only `<astro-island>` has these attributes.
		const islands = [...html.matchAll(/\s(?:component|renderer)-url="([^"]+)"/g)].map((m) => m[1]!);
		// The browser finds these scripts itself; what they import it finds only once each has arrived.
		const scripts = [...html.matchAll(/<script type="module" src="([^"]+)"/g)].map((m) => m[1]!);
		const already = new Set([...html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map((m) => m[1]!).concat(scripts));
		const islandModules = (await closure(islands)).filter((path) => !already.has(path));
		const scriptModules = (await closure(scripts)).filter((path) => !already.has(path) && !islandModules.includes(path));
		if (islandModules.length + scriptModules.length === 0) continue;
		const links = (paths: string[]) => paths.map((path) => `<link rel="modulepreload" href="${path}">`).join('');
		// The island's modules first in the head, right after the charset: over HTTP/1.1 the browser
		// has six connections, and what it finds first gets them first, so they go out in the first
		// wave instead of waiting a round trip behind the page's other requests. What the page's
		// scripts import goes last in the head, behind the style sheets, which it must not delay.
		const charset = /<meta charset="[^"]*"\/?>/i.exec(html);
		const end = html.indexOf('</head>');
		const at = charset && charset.index < end ? charset.index + charset[0].length : end;
		await writeFile(join(root, file), `${html.slice(0, at)}${links(islandModules)}${html.slice(at, end)}${links(scriptModules)}${html.slice(end)}`);
		changed += 1;
	}
	return changed;
}
