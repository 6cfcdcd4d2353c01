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
		const scriptImports = (await Promise.all(scripts.map(staticImports))).flat();
		const already = new Set([...html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map((m) => m[1]!).concat(scripts));
		const links = (await closure([...islands, ...scriptImports]))
			.filter((path) => !already.has(path))
			.map((path) => `<link rel="modulepreload" href="${path}">`)
			.join('');
		if (!links) continue;
		// First in the head, right after the charset: over HTTP/1.1 the browser has six connections,
		// and what it finds first gets them first, so the island's modules go out in the first wave
		// ahead of the page's other scripts instead of waiting a round trip behind them.
		const charset = /<meta charset="[^"]*"\/?>/i.exec(html);
		const at = charset && charset.index < html.indexOf('</head>') ? charset.index + charset[0].length : html.indexOf('</head>');
		await writeFile(join(root, file), `${html.slice(0, at)}${links}${html.slice(at)}`);
		changed += 1;
	}
	return changed;
}
