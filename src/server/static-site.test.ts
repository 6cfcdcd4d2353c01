import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';

import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { request, startTestServer, type TestServer } from '../../test-support/server/test-server.ts';
import { hstsPolicy, pagePolicy, pickEncoding, staticSite } from './static-site.ts';

const site = mkdtempSync(join(tmpdir(), 'signup-site-'));
/** A page large enough to be worth compressing, with an inline script and an inline style like Starlight's. */
const inlineScript = "document.documentElement.dataset.theme='light'";
const inlineStyle = ':root{--sl-color-accent:#36c}body{margin:0}';
const faqPage = `<!doctype html><html><head><meta name="signup-api" content="https://api.acme.test/v1"><style>${inlineStyle}</style><script>${inlineScript}</script><script type="module" src="/_astro/app.abc123.js"></script></head><body>${'<p>Questions and answers.</p>'.repeat(200)}</body></html>`;
const script = `console.log(${JSON.stringify('x'.repeat(2000))})`;
let server: TestServer;
let proxied: TestServer;

beforeAll(async () => {
	mkdirSync(join(site, 'fr', 'confirm'), { recursive: true });
	mkdirSync(join(site, 'faq'), { recursive: true });
	mkdirSync(join(site, '_astro'), { recursive: true });
	mkdirSync(join(site, 'pagefind', 'index'), { recursive: true });
	writeFileSync(join(site, 'index.html'), '<h1>Home</h1>');
	writeFileSync(join(site, '404.html'), '<h1>Page not found</h1>');
	writeFileSync(join(site, 'fr', 'confirm', 'index.html'), '<h1>Confirmer</h1>');
	writeFileSync(join(site, 'faq', 'index.html'), faqPage);
	writeFileSync(join(site, '_astro', 'app.abc123.js'), script);
	// A file precompressed at build: its `.gz` is what goes out, byte for byte.
	writeFileSync(join(site, '_astro', 'pre.def456.css'), `body{color:red}${' '.repeat(1000)}`);
	writeFileSync(join(site, '_astro', 'pre.def456.css.gz'), gzipSync('precompressed at build'));
	writeFileSync(join(site, 'pagefind', 'index', 'en_1a2b3c.pf_index'), Buffer.alloc(300, 7));
	writeFileSync(join(site, 'pagefind', 'pagefind-entry.json'), '{"version":"1"}');
	writeFileSync(join(site, 'big.txt'), 'b'.repeat(5000));
	writeFileSync(join(site, '.provider'), 'default');
	mkdirSync(join(site, '.well-known'));
	writeFileSync(join(site, '.well-known', 'security.txt'), 'Contact: mailto:security@acme.test');
	mkdirSync(join(site, 'fr', '404'), { recursive: true });
	writeFileSync(join(site, 'fr', '404', 'index.html'), '<h1>Page introuvable</h1>');
	server = await startTestServer({ app: { staticRoot: site } });
	proxied = await startTestServer({ app: { staticRoot: site, trustProxy: true } });
});
afterAll(async () => {
	await Promise.all([server.close(), proxied.close()]);
	rmSync(site, { recursive: true, force: true });
});

interface RawAnswer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
}

/** A GET exactly as given (no automatic decompression, the path sent as is). */
function raw(base: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawAnswer> {
	const { hostname, port } = new URL(base);
	return new Promise((resolve, reject) => {
		const req = httpRequest({ hostname, port, path, method, headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
		});
		req.on('error', reject);
		req.end();
	});
}

describe('the built site beside the API', () => {
	test('serves index.html for directory paths, with the security headers', async () => {
		const home = await request(`${server.url}/`);
		expect(home.status).toBe(200);
		expect(home.text).toBe('<h1>Home</h1>');
		const confirm = await request(`${server.url}/fr/confirm/`);
		expect(confirm.text).toBe('<h1>Confirmer</h1>');
		expect(confirm.headers.get('referrer-policy')).toBe('no-referrer');
		expect(confirm.headers.get('x-frame-options')).toBe('DENY');
		expect(confirm.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
	});

	test('redirects a page path without its slash', async () => {
		const answer = await fetch(`${server.url}/fr/confirm?x=1`, { redirect: 'manual' });
		expect(answer.status).toBe(301);
		expect(answer.headers.get('location')).toBe('/fr/confirm/?x=1');
	});

	test('never redirects to another host: doubled slashes lead to the same-origin page', async () => {
		for (const path of ['//faq', '//faq/', '///faq', '//fr//confirm']) {
			const answer = await raw(server.url, path);
			expect(answer.status, path).toBe(301);
			const location = String(answer.headers['location']);
			expect(location, path).toMatch(/^\/[^/\\]/);
			expect(new URL(location, 'https://help.acme.test').host, path).toBe('help.acme.test');
		}
		expect((await raw(server.url, '//faq')).headers['location']).toBe('/faq/');
		// A doubled slash before a host name that is no page of the site is simply not found.
		expect((await raw(server.url, '//evil.example')).status).toBe(404);
		expect((await raw(server.url, '//evil.example/')).status).toBe(404);
		// A backslash (which browsers read as a slash) never reaches a Location header either.
		for (const path of ['/\\evil.example', '/%5Cevil.example', '/%5C%5Cevil.example/']) {
			const answer = await raw(server.url, path);
			expect(answer.headers['location'], path).toBeUndefined();
		}
	});

	test('answers unknown paths with the site’s 404 page, and API paths with a problem', async () => {
		const missing = await request(`${server.url}/nope/`);
		expect(missing.status).toBe(404);
		expect(missing.text).toBe('<h1>Page not found</h1>');
		expect((await request(`${server.url}/../etc/passwd`)).status).toBe(404);
		expect((await raw(server.url, '/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
		// Hidden files stay hidden (the build's mark), except what a site publishes in /.well-known/.
		expect((await raw(server.url, '/.provider')).status).toBe(404);
		expect((await raw(server.url, '/%2eprovider')).status).toBe(404);
		expect((await raw(server.url, '/.well-known/security.txt')).status).toBe(200);
		const api = await request(`${server.url}/api/v1/nope`);
		expect(api.status).toBe(404);
		expect(api.body.code).toBe('not_found');
	});

	test('answers an unknown path under a language with that language’s not-found page', async () => {
		const missing = await request(`${server.url}/fr/nope/`);
		expect(missing.status).toBe(404);
		expect(missing.text).toBe('<h1>Page introuvable</h1>');
		// A language without its own page, or a path that only looks like one, gets the site's page.
		expect((await request(`${server.url}/de/nope/`)).text).toBe('<h1>Page not found</h1>');
		expect((await request(`${server.url}/fr`)).status).toBe(404);
		expect((await request(`${server.url}/..%2ffr/nope/`)).text).toBe('<h1>Page not found</h1>');
	});

	test('lets browsers keep fingerprinted assets forever, Pagefind’s hashed index included, and revalidate the rest', async () => {
		const immutable = 'public, max-age=31536000, immutable';
		expect((await raw(server.url, '/_astro/app.abc123.js')).headers['cache-control']).toBe(immutable);
		expect((await raw(server.url, '/pagefind/index/en_1a2b3c.pf_index')).headers['cache-control']).toBe(immutable);
		expect((await raw(server.url, '/pagefind/pagefind-entry.json')).headers['cache-control']).toBe('no-cache');
		expect((await raw(server.url, '/')).headers['cache-control']).toBe('no-cache');
	});
});

describe('compression', () => {
	test('sends brotli or gzip as the browser accepts, and the plain file otherwise', async () => {
		const br = await raw(server.url, '/faq/', { 'Accept-Encoding': 'gzip, deflate, br' });
		expect(br.headers['content-encoding']).toBe('br');
		expect(br.headers['vary']).toContain('Accept-Encoding');
		expect(brotliDecompressSync(br.body).toString()).toBe(faqPage);
		expect(br.body.length).toBeLessThan(faqPage.length / 5);
		expect(Number(br.headers['content-length'])).toBe(br.body.length);

		const gz = await raw(server.url, '/faq/', { 'Accept-Encoding': 'gzip' });
		expect(gz.headers['content-encoding']).toBe('gzip');
		expect(gunzipSync(gz.body).toString()).toBe(faqPage);

		const refused = await raw(server.url, '/faq/', { 'Accept-Encoding': 'br;q=0, gzip' });
		expect(refused.headers['content-encoding']).toBe('gzip');

		const plain = await raw(server.url, '/faq/');
		expect(plain.headers['content-encoding']).toBeUndefined();
		expect(plain.body.toString()).toBe(faqPage);

		const js = await raw(server.url, '/_astro/app.abc123.js', { 'Accept-Encoding': 'br' });
		expect(brotliDecompressSync(js.body).toString()).toBe(script);
	});

	test('sends what the build precompressed, as it is', async () => {
		const answer = await raw(server.url, '/_astro/pre.def456.css', { 'Accept-Encoding': 'gzip' });
		expect(answer.headers['content-encoding']).toBe('gzip');
		expect(gunzipSync(answer.body).toString()).toBe('precompressed at build');
	});

	test('leaves files that do not shrink (Pagefind’s compressed index) alone', async () => {
		const index = await raw(server.url, '/pagefind/index/en_1a2b3c.pf_index', { 'Accept-Encoding': 'br, gzip' });
		expect(index.headers['content-encoding']).toBeUndefined();
		expect(index.body.length).toBe(300);
	});

	test('negotiates by q-values, with * and refusals', () => {
		expect(pickEncoding('gzip, br', true, true)).toBe('br');
		expect(pickEncoding('br;q=0.5, gzip', true, true)).toBe('gzip');
		expect(pickEncoding('*', true, true)).toBe('br');
		expect(pickEncoding('*;q=0', true, true)).toBeNull();
		expect(pickEncoding('identity', true, true)).toBeNull();
		expect(pickEncoding('br', false, true)).toBeNull();
		expect(pickEncoding(undefined, true, true)).toBeNull();
	});

	test('streams files too large for memory from disk, still compressed when precompressed', async () => {
		// The app's own limit is 2 MiB; a site with a tiny one shows the fallback.
		const app = new Hono();
		app.use('*', ...staticSite(site, { maxFileBytes: 1000 }).middleware);
		const answer = await app.request('/big.txt');
		expect(answer.status).toBe(200);
		expect(await answer.text()).toBe('b'.repeat(5000));
		expect(answer.headers.get('cache-control')).toBe('no-cache');
		const css = await app.request('/_astro/pre.def456.css', { headers: { 'Accept-Encoding': 'gzip' } });
		expect(css.headers.get('content-encoding')).toBe('gzip');
		expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
	});
});

describe('revalidation', () => {
	test('a page comes with an ETag; sending it back gets a 304 without a body', async () => {
		const first = await raw(server.url, '/faq/', { 'Accept-Encoding': 'br' });
		const etag = String(first.headers['etag']);
		expect(etag).toMatch(/^"[\w-]+-br"$/);
		const again = await raw(server.url, '/faq/', { 'Accept-Encoding': 'br', 'If-None-Match': etag });
		expect(again.status).toBe(304);
		expect(again.body.length).toBe(0);
		expect(again.headers['etag']).toBe(etag);
		// Another representation (gzip) has another tag: the browser's brotli copy does not match it.
		const gz = await raw(server.url, '/faq/', { 'Accept-Encoding': 'gzip', 'If-None-Match': etag });
		expect(gz.status).toBe(200);
		expect((await raw(server.url, '/faq/', { 'If-None-Match': 'W/"other", ' + etag, 'Accept-Encoding': 'br' })).status).toBe(304);
	});

	test('HEAD answers the headers only', async () => {
		const head = await raw(server.url, '/faq/', {}, 'HEAD');
		expect(head.status).toBe(200);
		expect(head.body.length).toBe(0);
		expect(Number(head.headers['content-length'])).toBe(faqPage.length);
	});
});

describe('content security policy and HSTS', () => {
	test('a page may run only its own inline scripts, the site’s files and Pagefind’s WebAssembly, and talk to its API', async () => {
		const policy = String((await raw(server.url, '/faq/')).headers['content-security-policy']);
		expect(policy).toContain(`script-src 'self' 'wasm-unsafe-eval' ${createHashOf(inlineScript)}`);
		expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
		expect(policy).toContain("connect-src 'self' https://api.acme.test");
		expect(policy).toContain("object-src 'none'");
		expect(policy).toContain("base-uri 'self'");
		expect(policy).toContain("frame-ancestors 'none'");
	});

	test('a page may use only the site’s style sheets and its own inline styles, by hash', async () => {
		const policy = String((await raw(server.url, '/faq/')).headers['content-security-policy']);
		expect(policy).toContain(`style-src 'self' ${createHashOf(inlineStyle)};`);
		expect(policy).not.toMatch(/style-src [^;]*'unsafe-inline'/);
		// Style attributes (Starlight's icons and sidebar) stay allowed: they style one element, with no selectors.
		expect(policy).toContain("style-src-attr 'unsafe-inline'");
	});

	test('a changed inline style is not allowed by another page’s policy', () => {
		const policy = pagePolicy('<style>body{background:url(/x?leak)}</style><style media="print">p{color:#000}</style>');
		expect(policy).not.toContain(createHashOf(inlineStyle));
		expect(policy).toContain(createHashOf('body{background:url(/x?leak)}'));
		expect(policy).toContain(createHashOf('p{color:#000}'));
	});

	test('a changed inline script is not allowed by another page’s policy', () => {
		const policy = pagePolicy('<script>alert(1)</script>');
		expect(policy).not.toContain(createHashOf(inlineScript));
		expect(policy).toContain(createHashOf('alert(1)'));
	});

	test('HSTS only when a trusted proxy says the request came over HTTPS', async () => {
		expect((await raw(server.url, '/faq/', { 'X-Forwarded-Proto': 'https' })).headers['strict-transport-security']).toBeUndefined();
		expect((await raw(proxied.url, '/faq/')).headers['strict-transport-security']).toBeUndefined();
		expect((await raw(proxied.url, '/faq/', { 'X-Forwarded-Proto': 'http' })).headers['strict-transport-security']).toBeUndefined();
		expect((await raw(proxied.url, '/faq/', { 'X-Forwarded-Proto': 'https' })).headers['strict-transport-security']).toBe(hstsPolicy);
		expect((await raw(proxied.url, '/nope/', { 'X-Forwarded-Proto': 'https' })).headers['strict-transport-security']).toBe(hstsPolicy);
	});
});

function createHashOf(body: string): string {
	return `'sha256-${createHash('sha256').update(body).digest('base64')}'`;
}
