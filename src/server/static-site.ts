/**
 * Serves the built help center (`dist/`) beside the API, on one origin: `index.html` for directory
 * paths, a redirect from `/faq` to `/faq/` (Astro's page URLs end in a slash, and relative links
 * need it), and for anything unknown the not-found page in the language of the address
 * (`/fr/…` → `fr/404/index.html`), else the site's own `404.html`.
 *
 * Each file is read once and then answered from memory, compressed (brotli or gzip, as the browser
 * accepts; the build writes `.br` and `.gz` beside each file, and a file without them is compressed
 * when first read), with an ETag so a browser revalidates a page with a 304 instead of downloading
 * it again. Fingerprinted files (`/_astro/`, Pagefind's hashed index files) are cached for a year.
 * The built site is taken as it is when the server starts: restart the server after a new build.
 * Pages get a full Content Security Policy built from their own inline scripts and styles.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';

import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, MiddlewareHandler } from 'hono';

/** The static-site middleware and its not-found answer. */
export interface StaticSite {
	middleware: MiddlewareHandler[];
	notFound: (c: Context) => Promise<Response>;
}

/** How the site is served; every field is optional. */
export interface StaticSiteOptions {
	/**
	 * Whether the request reached us over HTTPS, as a trusted reverse proxy says; such answers carry
	 * `Strict-Transport-Security`. Default: never (plain HTTP cannot promise HTTPS).
	 */
	isHttps?: (c: Context) => boolean;
	/** Files larger than this are streamed from disk instead of kept in memory. Default 2 MiB. */
	maxFileBytes?: number;
	/** The most the files kept in memory may take together; later files are streamed. Default 64 MiB. */
	maxMemoryBytes?: number;
}

/** The HSTS policy sent over HTTPS: a year, subdomains included (the help center is a host of its own). */
export const hstsPolicy = 'max-age=31536000; includeSubDomains';

const contentTypes: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.json': 'application/json',
	'.xml': 'application/xml',
	'.txt': 'text/plain; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.jpeg': 'image/jpeg',
	'.webp': 'image/webp',
	'.avif': 'image/avif',
	'.gif': 'image/gif',
	'.ico': 'image/x-icon',
	'.woff2': 'font/woff2',
	'.woff': 'font/woff',
	'.wasm': 'application/wasm',
	'.webmanifest': 'application/manifest+json',
};

/** Types worth compressing; images and fonts are compressed already, and so are Pagefind's index files. */
const compressible = /^(text\/|application\/(json|xml|manifest\+json|wasm)|image\/svg\+xml)/;

/** Fingerprinted files: their name changes whenever their content does. */
function isFingerprinted(path: string): boolean {
	// Astro's bundles and images; Pagefind's index chunks (`index/en_1a2b3c.pf_index`, …) and metadata.
	return path.startsWith('/_astro/') || /^\/pagefind\/((index|fragment|filter)\/.+|pagefind\.[^/]+_[0-9a-f]+\.pf_meta)$/.test(path);
}

/** A file ready to answer from memory. */
interface Entry {
	type: string;
	identity: Buffer;
	br: Buffer | null;
	gzip: Buffer | null;
	/** The strong validator of the identity bytes; compressed forms add `-br` / `-gz`. */
	tag: string;
	lastModified: string;
	cacheControl: string;
	/** Pages only: the Content Security Policy for what they contain. */
	csp: string | null;
}

/** Serves the site built into `root`. */
export function staticSite(root: string, options: StaticSiteOptions = {}): StaticSite {
	const absolute = resolve(root);
	const maxFileBytes = options.maxFileBytes ?? 2 * 1024 * 1024;
	const maxMemoryBytes = options.maxMemoryBytes ?? 64 * 1024 * 1024;
	const isHttps = options.isHttps ?? (() => false);
	const entries = new Map<string, Promise<Entry | null>>();
	let memoryBytes = 0;

	/** The file under the site for a URL path, or null when the path leaves it or is not canonical. */
	const fileFor = (path: string): string | null => {
		const decoded = safeDecode(path);
		if (decoded.includes('\0') || decoded.includes('\\') || decoded.includes('//')) return null;
		// No `..`, and no hidden files (the build's own `.provider` mark) except `/.well-known/`.
		if (decoded.split('/').some((segment) => segment.startsWith('.') && segment !== '.well-known')) return null;
		const file = join(absolute, decoded.endsWith('/') ? `${decoded}index.html` : decoded);
		return file.startsWith(`${absolute}${sep}`) ? file : null;
	};

	/** Reads a file into memory once; null when it is not there, too large, or memory is spent. */
	const load = (file: string, urlPath: string): Promise<Entry | null> => {
		let entry = entries.get(file);
		if (!entry) {
			entry = readEntry(file, urlPath);
			entries.set(file, entry);
			// A missing file may appear with the next build; do not remember its absence.
			entry.then((found) => {
				if (!found) entries.delete(file);
			}, () => entries.delete(file));
		}
		return entry;
	};

	const readEntry = async (file: string, urlPath: string): Promise<Entry | null> => {
		const stats = await stat(file).catch(() => null);
		if (!stats?.isFile() || stats.size > maxFileBytes || memoryBytes + stats.size > maxMemoryBytes) return null;
		const identity = await readFile(file);
		const type = contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
		let br: Buffer | null = null;
		let gz: Buffer | null = null;
		if (compressible.test(type) && identity.length > 256) {
			[br, gz] = await Promise.all([
				readFile(`${file}.br`).catch(() => brotli(identity, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_SIZE_HINT]: identity.length } })),
				readFile(`${file}.gz`).catch(() => gzipAsync(identity, { level: 9 })),
			]);
			// Compression that saves nothing is not worth a decoder's time.
			if (br.length >= identity.length) br = null;
			if (gz.length >= identity.length) gz = null;
		}
		memoryBytes += identity.length + (br?.length ?? 0) + (gz?.length ?? 0);
		const isPage = type.startsWith('text/html');
		return {
			type,
			identity,
			br,
			gzip: gz,
			tag: createHash('sha256').update(identity).digest('base64url').slice(0, 27),
			lastModified: stats.mtime.toUTCString(),
			// Pages and unfingerprinted files are revalidated on every use (a 304 costs a few hundred bytes).
			cacheControl: isFingerprinted(urlPath) ? 'public, max-age=31536000, immutable' : 'no-cache',
			csp: isPage ? pagePolicy(identity.toString('utf8')) : null,
		};
	};

	/** Answers from memory: the best encoding the browser accepts, or a 304 when its copy is current. */
	const answer = (c: Context, entry: Entry, status: 200 | 404): Response => {
		const encoding = entry.br || entry.gzip ? pickEncoding(c.req.header('Accept-Encoding'), Boolean(entry.br), Boolean(entry.gzip)) : null;
		const body = encoding === 'br' ? entry.br! : encoding === 'gzip' ? entry.gzip! : entry.identity;
		const etag = `"${entry.tag}${encoding === 'br' ? '-br' : encoding === 'gzip' ? '-gz' : ''}"`;
		const headers: Record<string, string> = { 'Content-Type': entry.type, 'Cache-Control': status === 404 ? 'no-cache' : entry.cacheControl };
		if (entry.br || entry.gzip) headers['Vary'] = 'Accept-Encoding';
		if (encoding) headers['Content-Encoding'] = encoding;
		if (entry.csp) headers['Content-Security-Policy'] = entry.csp;
		if (isHttps(c)) headers['Strict-Transport-Security'] = hstsPolicy;
		if (status === 200) {
			headers['ETag'] = etag;
			headers['Last-Modified'] = entry.lastModified;
			if (matchesTag(c.req.header('If-None-Match'), etag)) return c.body(null, 304, headers);
		}
		headers['Content-Length'] = String(body.length);
		if (c.req.method === 'HEAD') return c.body(null, status, headers);
		// Files and zlib's output live in plain ArrayBuffers (never shared ones).
		return c.body(new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.length), status, headers);
	};

	const slashRedirect: MiddlewareHandler = async (c, next) => {
		const path = c.req.path;
		if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
		// `//evil.example/` would read as another host in a Location header: every redirect goes to
		// one canonical, same-origin path (single slashes, ending in a slash).
		const canonical = path.replace(/[/\\]+/g, '/');
		const needsSlash = !canonical.endsWith('/') && !/\.[^/]*$/.test(canonical);
		if (canonical === path && !needsSlash) return next();
		const target = needsSlash ? `${canonical}/` : canonical;
		const file = fileFor(target);
		if (file && (await stat(file).then((s) => s.isFile(), () => false))) {
			return c.redirect(`${target}${new URL(c.req.url).search}`, 301);
		}
		return next();
	};

	const fromMemory: MiddlewareHandler = async (c, next) => {
		if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
		const file = fileFor(c.req.path);
		const entry = file ? await load(file, c.req.path) : null;
		return entry ? answer(c, entry, 200) : next();
	};

	// What memory does not hold (a large file, or past the budget) is streamed from disk.
	const fromDisk = serveStatic({
		root: absolute,
		precompressed: true,
		onFound: (_path, c) => {
			c.header('Cache-Control', isFingerprinted(c.req.path) ? 'public, max-age=31536000, immutable' : 'no-cache');
			if (isHttps(c)) c.header('Strict-Transport-Security', hstsPolicy);
		},
	});

	const guardedDisk: MiddlewareHandler = async (c, next) => (fileFor(c.req.path) ? fromDisk(c, next) : next());

	return {
		middleware: [slashRedirect, fromMemory, guardedDisk],
		notFound: async (c) => {
			const language = languageOf(c.req.path);
			const page = (language ? await load(join(absolute, language, '404', 'index.html'), `/${language}/404/`) : null) ?? (await load(join(absolute, '404.html'), '/404.html'));
			if (page) return answer(c, page, 404);
			return c.text('Not found', 404);
		},
	};
}

/**
 * The Content Security Policy of a page: scripts only from the site and the page's own inline
 * scripts (by hash), WebAssembly for Pagefind's search, style sheets only from the site and the
 * page's own `<style>` elements (by hash: Starlight's, the islands' and the provider's theme), so
 * an injected style sheet cannot read the page through attribute selectors, and requests
 * only to the site and the sign-up API the page names in `<meta name="signup-api">`.
 *
 * `style` attributes stay allowed (`style-src-attr`): Starlight's icons and sidebar set custom
 * properties in them, and scripts set some at run time. An attribute styles only its own element —
 * no selectors, so none of the attribute-reading tricks an injected style sheet allows — and any
 * `url()` in it is still bound by `img-src` and `font-src`.
 */
export function pagePolicy(html: string): string {
	const scripts = inlineHashes(html, 'script');
	const styles = inlineHashes(html, 'style');
	const api = /<meta\s+name="signup-api"\s+content="([^"]+)"/i.exec(html)?.[1];
	const apiOrigin = api ? safeOrigin(api.replace(/&amp;/g, '&')) : null;
	const connect = ["'self'", ...(apiOrigin ? [apiOrigin] : [])].join(' ');
	return [
		"default-src 'self'",
		`script-src 'self' 'wasm-unsafe-eval' ${scripts.join(' ')}`.trim(),
		`style-src 'self' ${styles.join(' ')}`.trim(),
		"style-src-attr 'unsafe-inline'",
		"img-src 'self' data:",
		"font-src 'self' data:",
		`connect-src ${connect}`,
		`form-action ${connect}`,
		"object-src 'none'",
		"base-uri 'self'",
		"frame-ancestors 'none'",
	].join('; ');
}

/** The CSP hash sources of a page's inline `<script>` or `<style>` elements (those with a body and no `src`). */
function inlineHashes(html: string, tag: 'script' | 'style'): string[] {
	const hashes = new Set<string>();
	for (const match of html.matchAll(new RegExp(`<${tag}\\b([^>]*)>([\\s\\S]*?)</${tag}>`, 'gi'))) {
		const [, attributes = '', body = ''] = match;
		if (/\ssrc\s*=/i.test(attributes) || body === '') continue;
		hashes.add(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
	}
	return [...hashes];
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** The encoding to send: brotli, then gzip, unless the browser refuses it (`q=0`) or does not name it. */
export function pickEncoding(accept: string | undefined, hasBr: boolean, hasGzip: boolean): 'br' | 'gzip' | null {
	if (!accept) return null;
	const weights = new Map<string, number>();
	for (const part of accept.split(',')) {
		const [name = '', ...params] = part.trim().toLowerCase().split(';');
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		const weight = q ? Number.parseFloat(q.slice(2)) : 1;
		weights.set(name.trim(), Number.isNaN(weight) ? 0 : weight);
	}
	const weight = (name: string) => weights.get(name) ?? weights.get('*') ?? 0;
	const br = hasBr ? weight('br') : 0;
	const gz = hasGzip ? weight('gzip') : 0;
	if (br > 0 && br >= gz) return 'br';
	if (gz > 0) return 'gzip';
	return null;
}

/** Whether `If-None-Match` names this ETag (weak comparison, as RFC 9110 asks for it). */
function matchesTag(header: string | undefined, etag: string): boolean {
	if (!header) return false;
	if (header.trim() === '*') return true;
	return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

function safeOrigin(url: string): string | null {
	try {
		return new URL(url).origin;
	} catch {
		return null;
	}
}

/** The language prefix an address starts with (`/fr/nope/` → `fr`), shaped like a language tag so it can never climb out of the site. */
function languageOf(path: string): string | undefined {
	return /^\/([a-z]{2}(?:-[a-z]{2})?)\//.exec(path)?.[1];
}

/** `decodeURIComponent` that leaves a malformed escape as it is instead of throwing. */
function safeDecode(path: string): string {
	try {
		return decodeURIComponent(path);
	} catch {
		return path;
	}
}
