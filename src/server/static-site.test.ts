import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { request, startTestServer, type TestServer } from '../../test-support/server/test-server.ts';

const site = mkdtempSync(join(tmpdir(), 'signup-site-'));
let server: TestServer;

beforeAll(async () => {
	mkdirSync(join(site, 'fr', 'confirm'), { recursive: true });
	mkdirSync(join(site, '_astro'), { recursive: true });
	mkdirSync(join(site, 'fr', '404'), { recursive: true });
	writeFileSync(join(site, 'index.html'), '<h1>Home</h1>');
	writeFileSync(join(site, '404.html'), '<h1>Page not found</h1>');
	writeFileSync(join(site, 'fr', 'confirm', 'index.html'), '<h1>Confirmer</h1>');
	writeFileSync(join(site, 'fr', '404', 'index.html'), '<h1>Page introuvable</h1>');
	writeFileSync(join(site, '_astro', 'app.abc123.js'), 'console.log(1)');
	server = await startTestServer({ app: { staticRoot: site } });
});
afterAll(async () => {
	await server.close();
	rmSync(site, { recursive: true, force: true });
});

describe('the built site beside the API', () => {
	test('serves index.html for directory paths, with the security headers', async () => {
		const home = await request(`${server.url}/`);
		expect(home.status).toBe(200);
		expect(home.text).toBe('<h1>Home</h1>');
		const confirm = await request(`${server.url}/fr/confirm/`);
		expect(confirm.text).toBe('<h1>Confirmer</h1>');
		expect(confirm.headers.get('referrer-policy')).toBe('no-referrer');
		expect(confirm.headers.get('x-frame-options')).toBe('DENY');
		expect(confirm.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
	});

	test('redirects a page path without its slash', async () => {
		const answer = await fetch(`${server.url}/fr/confirm?x=1`, { redirect: 'manual' });
		expect(answer.status).toBe(301);
		expect(answer.headers.get('location')).toBe('/fr/confirm/?x=1');
	});

	test('answers unknown paths with the site’s 404 page, and API paths with a problem', async () => {
		const missing = await request(`${server.url}/nope/`);
		expect(missing.status).toBe(404);
		expect(missing.text).toBe('<h1>Page not found</h1>');
		expect((await request(`${server.url}/../etc/passwd`)).status).toBe(404);
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

	test('lets browsers keep fingerprinted assets forever', async () => {
		const asset = await request(`${server.url}/_astro/app.abc123.js`);
		expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
		expect((await request(`${server.url}/`)).headers.get('cache-control')).toBe('no-cache');
	});
});
