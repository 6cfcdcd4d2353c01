// Prints, per page, what a visitor downloads, in two profiles:
//
// 1. fast: the JavaScript a page downloads before interacting with it (requests and gzip bytes as
//    Chromium received them from a gzip static server), next to a default Starlight page with its
//    default search.
// 2. throttled (a slow mobile network: 2 s latency, 50 KB/s each way, by Chromium's network
//    emulation): from the project's own server (`node src/server/main.ts`, as `npm start` runs it),
//    the bytes on the wire per page, its Largest Contentful Paint as Chromium observed it under that
//    network, next to a default Starlight page's (served by the same static-site module in a process
//    of its own), and, for pages with a widget (the registration form, the confirmation-status
//    checker), the time from navigation until it is usable (hydrated: its email field enabled, as
//    the page itself notes it, then a typed address accepted). Target for the registration form:
//    within 8 s. With --waterfall, each widget page's requests: when each was sent and finished,
//    and its bytes.
//
// Figures only: nothing is asserted.
// Usage: npm run bench:weight   (-- --no-build to measure the current dist/; -- --profile=fast or
// --profile=throttled for one profile; -- --waterfall)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { chromium, type Browser } from '@playwright/test';

import { sitePages } from '../e2e/site.ts';
import { startServerProcess } from '../test-support/server/server-process.ts';
import { serveStatic } from './serve-static.ts';

const baselineRoot = 'bench/fixtures/plain-starlight';
const targetBytes = 8 * 1024;
const widgetTargetBytes = 20 * 1024;
// Another build of the site than dist/ for the throttled profile (with --no-build): --site=<folder>.
const siteDir = resolve(process.argv.find((arg) => arg.startsWith('--site='))?.slice('--site='.length) ?? 'dist');
const showWaterfall = process.argv.includes('--waterfall');
const profile = process.argv.find((arg) => arg.startsWith('--profile='))?.slice('--profile='.length) ?? 'all';

if (!process.argv.includes('--no-build')) {
	execFileSync('npx', ['--no-install', 'astro', 'build'], { stdio: 'ignore' });
	execFileSync('npx', ['--no-install', 'astro', 'build', '--root', baselineRoot], { stdio: 'ignore' });
}

const browser = await chromium.launch(existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium' } : {});
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

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

async function fastProfile(): Promise<void> {
	const rows: { page: string; requests: number; bytes: number }[] = [];
	const site = await serveStatic(resolve('dist'));
	for (const { path } of sitePages) rows.push({ page: path, ...(await measure(browser, site.origin + path)) });
	site.server.close();

	const baseline = await serveStatic(resolve(baselineRoot, 'dist'));
	const plain = await measure(browser, `${baseline.origin}/guide/`);
	baseline.server.close();

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
	console.log(`plain Starlight page: ${kb(plain.bytes)}\n`);
}

/** The slow mobile network of the throttled profile. */
const slowNetwork = { offline: false, latency: 2000, downloadThroughput: 50 * 1024, uploadThroughput: 50 * 1024 };

/**
 * Loads `url` over the slow network in a fresh browser context (an empty cache), and resolves with
 * the bytes on the wire (headers and bodies, as Chromium counted them), the requests, the time the
 * load event came, the largest contentful paint, and the time the widget named `widget` (its
 * `data-widget`) became usable (null without one).
 */
async function throttled(url: string, widget: string | null): Promise<{ bytes: number; requests: number; loadMs: number; lcpMs: number; usableMs: number | null; waterfall: WaterfallRow[] }> {
	const context = await browser.newContext();
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.emulateNetworkConditions', slowNetwork);
	let bytes = 0;
	let requests = 0;
	// The request waterfall: when each request was sent and finished (CDP's monotonic seconds).
	const sent = new Map<string, { url: string; at: number }>();
	const waterfall: WaterfallRow[] = [];
	cdp.on('Network.requestWillBeSent', (event) => {
		sent.set(event.requestId, { url: event.request.url, at: event.timestamp });
	});
	cdp.on('Network.loadingFinished', (event) => {
		bytes += event.encodedDataLength;
		requests += 1;
		const start = sent.get(event.requestId);
		if (start) waterfall.push({ url: start.url, sentAt: start.at, finishedAt: event.timestamp, bytes: event.encodedDataLength });
	});
	// Usable: the island hydrated (its email field enabled) and a typed value accepted. The page
	// itself notes, from the start of navigation, the first frame in which the field is enabled, so
	// the figure does not depend on when the bench gets to look.
	const fieldSelector = `[data-widget="${widget}"] input[type="email"]`;
	await page.addInitScript((selector) => {
		const check = () => {
			const field = document.querySelector<HTMLInputElement>(selector);
			if (field && !field.disabled) (window as unknown as { usableAt: number }).usableAt = performance.now();
			else requestAnimationFrame(check);
		};
		requestAnimationFrame(check);
		// The largest paint so far; Chromium stops reporting new ones at the first input.
		new PerformanceObserver((list) => {
			for (const entry of list.getEntries()) (window as unknown as { lcpAt: number }).lcpAt = entry.startTime;
		}).observe({ type: 'largest-contentful-paint', buffered: true });
	}, fieldSelector);
	await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
	let usableMs: number | null = null;
	if (widget) {
		// A widget that hydrates when in view is brought there as soon as it is in the page, as a
		// reader looking for it would.
		await page.locator(`[data-widget="${widget}"]`).scrollIntoViewIfNeeded({ timeout: 120_000 });
		const handle = await page.waitForFunction(() => (window as unknown as { usableAt?: number }).usableAt, undefined, { timeout: 120_000 });
		usableMs = (await handle.jsonValue()) as number;
		const field = page.locator(fieldSelector);
		await field.fill('reader@example.com');
		if ((await field.inputValue()) !== 'reader@example.com') throw new Error(`${url}: the ${widget} widget did not accept a typed address`);
	}
	await page.waitForLoadState('load', { timeout: 120_000 });
	const loadMs = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.loadEventEnd ?? 0);
	const lcpMs = await page.evaluate(() => (window as unknown as { lcpAt?: number }).lcpAt ?? Number.NaN);
	await page.waitForLoadState('networkidle', { timeout: 120_000 }).catch(() => undefined);
	await context.close();
	return { bytes, requests, loadMs, lcpMs, usableMs, waterfall };
}

/** One request of the waterfall: its URL, when it was sent and finished (seconds), its bytes on the wire. */
interface WaterfallRow {
	url: string;
	sentAt: number;
	finishedAt: number;
	bytes: number;
}

/** Prints the waterfall, times from the first request (the page's own). */
function printWaterfall(rows: WaterfallRow[]): void {
	const origin = Math.min(...rows.map((row) => row.sentAt));
	for (const row of [...rows].sort((a, b) => a.sentAt - b.sentAt)) {
		const from = (row.sentAt - origin).toFixed(1).padStart(5);
		const to = (row.finishedAt - origin).toFixed(1).padStart(5);
		console.log(`  ${from} s → ${to} s ${kb(row.bytes).padStart(9)}  ${new URL(row.url).pathname}`);
	}
}

async function throttledProfile(): Promise<void> {
	const dataDir = mkdtempSync(join(tmpdir(), 'signup-bench-weight-'));
	const server = await startServerProcess({ DATA_DIR: dataDir, STATIC_DIR: siteDir, SITE_URL: 'http://127.0.0.1', DEV_MAILBOX: 'true' });
	const baseline = await startServerProcess({ STATIC_DIR: resolve(baselineRoot, 'dist') }, resolve('bench/static-site-process.ts'));
	try {
		const pages = [
			{ name: 'plain Starlight /guide/', url: `${baseline.url}/guide/`, widget: null },
			...['/', '/faq/'].map((path) => ({ name: path, url: server.url + path, widget: null })),
			...['/sign-up/', '/fr/sign-up/', '/ar/sign-up/'].map((path) => ({ name: path, url: server.url + path, widget: 'registration-form' })),
			{ name: '/confirm-email/', url: `${server.url}/confirm-email/`, widget: 'confirmation-status' },
		];
		console.log('Throttled: 2 s latency, 50 KB/s, empty cache, from the project’s own server\n');
		console.log(`${'page'.padEnd(24)} ${'requests'.padStart(8)} ${'on the wire'.padStart(12)} ${'load'.padStart(8)} ${'LCP'.padStart(8)} ${'× Starlight'.padStart(12)} ${'widget usable'.padStart(14)}`);
		const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
		let starlightLcp = Number.NaN;
		for (const { name, url, widget } of pages) {
			const result = await throttled(url, widget);
			if (Number.isNaN(starlightLcp)) starlightLcp = result.lcpMs;
			const usable = result.usableMs === null ? '–' : seconds(result.usableMs);
			console.log(
				`${name.padEnd(24)} ${String(result.requests).padStart(8)} ${kb(result.bytes).padStart(12)} ${seconds(result.loadMs).padStart(8)} ${seconds(result.lcpMs).padStart(8)} ${`${(result.lcpMs / starlightLcp).toFixed(2)}×`.padStart(12)} ${usable.padStart(14)}`,
			);
			if (showWaterfall && result.usableMs !== null) printWaterfall(result.waterfall);
		}
		console.log('\nTarget: the registration form usable within 8 s of navigation.');
	} finally {
		for (const running of [baseline, server]) {
			running.child.kill('SIGTERM');
			await running.exited;
		}
		rmSync(dataDir, { recursive: true, force: true });
	}
}

if (profile === 'all' || profile === 'fast') await fastProfile();
if (profile === 'all' || profile === 'throttled') await throttledProfile();
await browser.close();
