// Lighthouse's Largest Contentful Paint (mobile preset: its simulated slow 4G and 4× slower CPU) for
// the sign-up page, a content page, the home page and the confirmation-status page (its checker)
// from the project's own server (`node src/server/main.ts`, as `npm start` runs it), next to a
// default Starlight site's page served by the same static-site module in a process of its own
// (`bench/static-site-process.ts`), so only the pages differ. Each page is measured several times in
// Debian's Chromium (or CHROME_PATH); the median is printed with its ratio to Starlight's, the
// page's HTML on the wire and its request count. Target: at most 1.1×.
//
// Figures only: nothing is asserted.
// Usage: npm run bench:lighthouse   (-- --no-build to measure the current dist/; -- --runs=N, default 5;
// -- --site=<folder> to measure another build of the site than dist/, with --no-build)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

import { startServerProcess } from '../test-support/server/server-process.ts';

const baselineRoot = 'bench/fixtures/plain-starlight';
const siteDir = resolve(process.argv.find((arg) => arg.startsWith('--site='))?.slice('--site='.length) ?? 'dist');
const runs = Number(process.argv.find((arg) => arg.startsWith('--runs='))?.slice('--runs='.length) ?? 5);
const chromePath = process.env['CHROME_PATH'] || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const chromeFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

if (!process.argv.includes('--no-build')) {
	execFileSync('npx', ['--no-install', 'astro', 'build'], { stdio: 'ignore' });
	execFileSync('npx', ['--no-install', 'astro', 'build', '--root', baselineRoot], { stdio: 'ignore' });
}

/** One Lighthouse run's figures: LCP and FCP (ms), the page's HTML on the wire and the requests it made. */
interface Run {
	lcp: number;
	fcp: number;
	htmlBytes: number;
	requests: number;
}

/** Runs Lighthouse's performance audit on `url` in a fresh headless Chromium. */
async function audit(url: string): Promise<Run> {
	const chrome = await chromeLauncher.launch({ chromeFlags, ...(chromePath ? { chromePath } : {}) });
	try {
		const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
		if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
		const { audits } = result.lhr;
		const lcp = audits['largest-contentful-paint']?.numericValue;
		const fcp = audits['first-contentful-paint']?.numericValue;
		if (lcp === undefined || fcp === undefined) throw new Error(`Lighthouse measured no LCP for ${url}: ${result.lhr.runtimeError?.message ?? 'no reason given'}`);
		// Lighthouse 12 no longer lists render-blocking resources for these pages; what a page sends is told by its requests.
		const requests = (audits['network-requests']?.details as { items?: { url: string; transferSize?: number }[] } | undefined)?.items ?? [];
		return { lcp, fcp, htmlBytes: requests.find((request) => request.url === url)?.transferSize ?? 0, requests: requests.length };
	} finally {
		chrome.kill();
	}
}

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const dataDir = mkdtempSync(join(tmpdir(), 'signup-bench-lighthouse-'));
const own = await startServerProcess({ DATA_DIR: dataDir, STATIC_DIR: siteDir, SITE_URL: 'http://127.0.0.1', DEV_MAILBOX: 'true' });
// Served from a child process too: inside this one, Lighthouse's own work would delay the baseline's
// responses and paint, and flatter every ratio.
const baseline = await startServerProcess({ STATIC_DIR: resolve(baselineRoot, 'dist') }, resolve('bench/static-site-process.ts'));
try {
	const pages = [
		{ name: 'plain Starlight /guide/', url: `${baseline.url}/guide/` },
		{ name: 'own server /sign-up/', url: `${own.url}/sign-up/` },
		{ name: 'own server /faq/', url: `${own.url}/faq/` },
		{ name: 'own server /', url: `${own.url}/` },
		{ name: 'own server /confirm-email/', url: `${own.url}/confirm-email/` },
	];
	const results = new Map<string, Run[]>(pages.map((page) => [page.name, []]));
	// Interleaved, so a busy moment of the machine falls on every page alike.
	for (let run = 0; run < runs; run += 1) {
		for (const page of pages) results.get(page.name)!.push(await audit(page.url));
	}
	const starlight = median(results.get(pages[0]!.name)!.map((run) => run.lcp));
	console.log(`Lighthouse, mobile preset (simulated throttling), median of ${runs} runs${chromePath ? ` in ${chromePath}` : ''}\n`);
	console.log(`${'page'.padEnd(30)} ${'LCP'.padStart(8)} ${'× Starlight'.padStart(12)} ${'FCP'.padStart(8)} ${'HTML'.padStart(9)} ${'requests'.padStart(9)}   LCP of each run`);
	for (const page of pages) {
		const list = results.get(page.name)!;
		const lcp = median(list.map((run) => run.lcp));
		console.log(
			`${page.name.padEnd(30)} ${`${(lcp / 1000).toFixed(2)} s`.padStart(8)} ${`${(lcp / starlight).toFixed(2)}×`.padStart(12)} ${`${(median(list.map((run) => run.fcp)) / 1000).toFixed(2)} s`.padStart(8)} ${`${(list[0]!.htmlBytes / 1024).toFixed(1)} KB`.padStart(9)} ${String(list[0]!.requests).padStart(9)}   ${list.map((run) => (run.lcp / 1000).toFixed(2)).join(' ')}`,
		);
	}
	console.log('\nTarget: LCP at most 1.1× Starlight’s.');
} finally {
	for (const server of [baseline, own]) {
		server.child.kill('SIGTERM');
		await server.exited;
	}
	rmSync(dataDir, { recursive: true, force: true });
}
