// Prints, per page, the JavaScript a visitor downloads before interacting with it (requests and
// gzip bytes as Chromium received them), next to a default Starlight page with its default search.
// Usage: npm run bench:weight   (add -- --no-build to measure the current dist/)
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

import { chromium, type Browser } from '@playwright/test';

import { sitePages } from '../e2e/site.ts';
import { serveStatic } from './serve-static.ts';

const baselineRoot = 'bench/fixtures/plain-starlight';
const targetBytes = 8 * 1024;
const widgetTargetBytes = 20 * 1024;

if (!process.argv.includes('--no-build')) {
	execFileSync('npx', ['--no-install', 'astro', 'build'], { stdio: 'ignore' });
	execFileSync('npx', ['--no-install', 'astro', 'build', '--root', baselineRoot], { stdio: 'ignore' });
}

const browser = await chromium.launch(existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium' } : {});

/** Loads `url` in a fresh page, waits until the network is quiet, and sums the scripts it fetched. */
async function measure(browser: Browser, url: string): Promise<{ requests: number; bytes: number }> {
	const page = await browser.newPage();
	const scripts: Promise<number>[] = [];
	page.on('requestfinished', (request) => {
		if (request.resourceType() === 'script') scripts.push(request.sizes().then((s) => s.responseBodySize));
	});
	await page.goto(url, { waitUntil: 'networkidle' });
	// Starlight's default search starts its download when the browser is idle: give it the chance.
	await page.waitForTimeout(500);
	// Widgets hydrate when they scroll into view: bring each one in, as a reader would, so their
	// code counts (before any interaction with them).
	for (const widget of await page.locator('[data-widget]').all()) await widget.scrollIntoViewIfNeeded();
	await page.waitForTimeout(500);
	await page.waitForLoadState('networkidle');
	const sizes = await Promise.all(scripts);
	await page.close();
	return { requests: sizes.length, bytes: sizes.reduce((a, b) => a + b, 0) };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const rows: { page: string; requests: number; bytes: number }[] = [];

const site = await serveStatic(resolve('dist'));
for (const { path } of sitePages) rows.push({ page: path, ...(await measure(browser, site.origin + path)) });
site.server.close();

const baseline = await serveStatic(resolve(baselineRoot, 'dist'));
const plain = await measure(browser, `${baseline.origin}/guide/`);
baseline.server.close();
await browser.close();

console.log('JavaScript downloaded before any interaction (gzip, measured in Chromium)\n');
console.log(`${'page'.padEnd(28)} ${'requests'.padStart(8)} ${'JS'.padStart(10)}`);
for (const row of rows) console.log(`${row.page.padEnd(28)} ${String(row.requests).padStart(8)} ${kb(row.bytes).padStart(10)}`);
console.log(`${'plain Starlight page'.padEnd(28)} ${String(plain.requests).padStart(8)} ${kb(plain.bytes).padStart(10)}`);
const widgetPages = new Set(sitePages.filter((p) => ['sign-up', 'confirm-email', 'password-recovery', 'confirm', 'reset-password'].includes(p.slug)).map((p) => p.path));
const heaviest = (list: typeof rows) => list.reduce((a, b) => (b.bytes > a.bytes ? b : a));
const content = heaviest(rows.filter((r) => !widgetPages.has(r.page)));
const widgets = heaviest(rows.filter((r) => widgetPages.has(r.page)));
console.log(`\nheaviest content page: ${content.page} ${kb(content.bytes)} (target ≤ ${kb(targetBytes)})`);
console.log(`heaviest page with a widget: ${widgets.page} ${kb(widgets.bytes)} (target ≤ ${kb(widgetTargetBytes)}, password dictionaries excluded: they load on focus)`);
console.log(`plain Starlight page: ${kb(plain.bytes)}`);
