/**
 * Serves the built help center (`dist/`) beside the API, on one origin: files as they are,
 * `index.html` for directory paths, a redirect from `/faq` to `/faq/` (Astro's page URLs end in a
 * slash, and relative links need it), and for anything unknown the not-found page in the
 * language of the address (`/fr/…` → `fr/404/index.html`), else the site's own `404.html`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, MiddlewareHandler } from 'hono';

/** The static-site middleware and its not-found answer. */
export interface StaticSite {
	middleware: MiddlewareHandler[];
	notFound: (c: Context) => Response;
}

/** Serves the site built into `root`. */
export function staticSite(root: string): StaticSite {
	const absolute = resolve(root);
	const notFoundPage = join(absolute, '404.html');

	const slashRedirect: MiddlewareHandler = async (c, next) => {
		const path = c.req.path;
		if ((c.req.method === 'GET' || c.req.method === 'HEAD') && !path.endsWith('/') && !/\.[^/]*$/.test(path) && !path.includes('..')) {
			const candidate = join(absolute, safeDecode(path), 'index.html');
			if (candidate.startsWith(`${absolute}/`) && existsSync(candidate)) {
				const query = new URL(c.req.url).search;
				return c.redirect(`${path}/${query}`, 301);
			}
		}
		return next();
	};

	const files = serveStatic({
		root: absolute,
		onFound: (path, c) => {
			// Astro fingerprints what it puts in `_astro/`: such a file never changes under its name.
			c.header('Cache-Control', path.includes('/_astro/') ? 'public, max-age=31536000, immutable' : 'no-cache');
		},
	});

	return {
		middleware: [slashRedirect, files],
		notFound: (c) => {
			const file = [languageNotFoundPage(absolute, c.req.path), notFoundPage].find((candidate) => candidate && isFile(candidate));
			return c.html(file ? readFileSync(file, 'utf8') : 'Not found', 404);
		},
	};
}

/** The not-found page of the language an address starts with (`/fr/nope/` → `fr/404/index.html`). */
function languageNotFoundPage(root: string, path: string): string | undefined {
	const first = /^\/([a-z]{2}(?:-[a-z]{2})?)\//.exec(path)?.[1];
	return first ? join(root, first, '404', 'index.html') : undefined;
}

function isFile(path: string): boolean {
	return existsSync(path) && statSync(path).isFile();
}

/** `decodeURIComponent` that leaves a malformed escape as it is instead of throwing. */
function safeDecode(path: string): string {
	try {
		return decodeURIComponent(path);
	} catch {
		return path;
	}
}
