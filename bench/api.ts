// Prints the sign-up API's throughput and latency on loopback, against the real server process
// (`node src/server/main.ts`, default scrypt cost) with autocannon running in this process:
//   1. a bare route (GET /health): the baseline of the HTTP stack;
//   2. registration status checks (the route a page polls): req/s, p50/p99, and the ratio to 1;
//   3. registrations (each one a 128 MiB scrypt hash): req/s, p50/p99;
//   4. status checks while registrations saturate the hasher: their p99 (target under 50 ms);
//   5. status checks with a delivery timeline — 1,000 receipts whose emails hold 5 events each,
//      seeded in the database before the server starts — while the hasher is saturated: their p99
//      (target under 20 ms);
//   6. with SIGNUP_BACKEND=navixy, in front of a test platform that answers every call in 1 s: one
//      registration end to end (budget about 6 s), and one after the platform forgot the panel session.
// Figures only: nothing is asserted. Usage: npm run bench:api   (BENCH_SECONDS=10 for longer runs;
// BENCH_ONLY=navixy for the Navixy scenario alone, BENCH_NAVIXY_LATENCY_MS to change its 1 s)
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

import { openDatabase } from '../src/server/backends/local/database.ts';
import { mailboxKey } from '../src/server/backends/local/mailbox.ts';
import { hashSecret, newSecret } from '../src/server/backends/local/secrets.ts';
import { systemClock } from '../src/server/clock.ts';
import { navixyGoodPassword, testCredentials, testUiDomain } from '../test-support/navixy/navixy-test-server.ts';
import { startTestPlatform } from '../test-support/navixy/test-platform.ts';
import { startServerProcess } from '../test-support/server/server-process.ts';

/** The part of autocannon's API this script uses (the package ships no types). */
interface Result {
	requests: { average: number; total: number };
	latency: { p50: number; p99: number; max: number };
	non2xx: number;
	errors: number;
	statusCodeStats: Record<string, { count: number }>;
}
interface Options {
	url: string;
	connections: number;
	duration: number;
	method?: 'GET' | 'POST';
	headers?: Record<string, string>;
	body?: string;
	requests?: Array<{ setupRequest: (request: { body?: string }) => { body?: string } }>;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (options: Options) => Promise<Result>;

const seconds = Number(process.env['BENCH_SECONDS'] ?? 6);
const json = { 'Content-Type': 'application/json' };
const password = 'velvet kettle orbit lantern';
const dataDir = mkdtempSync(join(tmpdir(), 'signup-bench-'));

if (process.env['BENCH_ONLY'] !== 'navixy') await localScenarios();
await navixyScenario();
rmSync(dataDir, { recursive: true, force: true });

/**
 * Seeds `count` receipts in the server's database, each with a sent email whose timeline holds five
 * events (queued, deferred twice, sent, bounced), as the worker and a bounce would have left them.
 */
function seedTimelines(count: number): string[] {
	const db = openDatabase(dataDir);
	const now = Date.now();
	const receipts: string[] = [];
	const insertReceipt = db.prepare(
		"INSERT INTO receipts (receipt_hash, account_id, outcome, email, mailbox, password_hash, created_at, expires_at) VALUES (?, NULL, 'created', ?, ?, 'x', ?, ?)",
	);
	const insertMail = db.prepare(
		"INSERT INTO outbox (kind, recipient, mailbox, locale, payload, created_at, next_attempt_at, sent_at, receipt_hash) VALUES ('confirm', ?, ?, 'en', NULL, ?, ?, ?, ?) RETURNING id",
	);
	const insertEvent = db.prepare('INSERT INTO delivery_events (outbox_id, kind, at, domain, reply, reason, next_attempt_at, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
	db.exec('BEGIN');
	for (let index = 0; index < count; index++) {
		const receipt = newSecret();
		const email = `timeline${index}@example.com`;
		const hash = hashSecret(receipt);
		insertReceipt.run(hash, email, mailboxKey(email), now, now + 86_400_000);
		const id = Number(insertMail.get(email, mailboxKey(email), now, now, now + 60_000, hash)?.['id']);
		insertEvent.run(id, 'queued', now, null, null, null, null, 'outbox');
		insertEvent.run(id, 'deferred', now + 5_000, null, '451 4.3.0 Try again later', null, now + 10_000, 'worker');
		insertEvent.run(id, 'deferred', now + 10_000, null, null, null, now + 30_000, 'worker');
		insertEvent.run(id, 'sent', now + 30_000, 'example.com', '250 2.0.0 OK: queued as 1A2B3C', null, null, 'worker');
		insertEvent.run(id, 'bounced', now + 60_000, null, '550 5.1.1 User unknown', 'no_mailbox', null, 'dsn');
		receipts.push(receipt);
	}
	db.exec('COMMIT');
	db.close();
	return receipts;
}

/** Scenarios 1–5: the built-in backend. */
async function localScenarios(): Promise<void> {
	const timelineReceipts = seedTimelines(1000);
	const server = await startServerProcess({
		DATA_DIR: dataDir,
		STATIC_DIR: join(dataDir, 'no-site'),
		SITE_URL: 'http://127.0.0.1',
		DEV_MAILBOX: 'true',
		// The per-IP limits would stop a benchmark from one address within a second.
		RATE_LIMIT_REGISTER: '1000000000/1',
		RATE_LIMIT_STATUS: '1000000000/1',
		RATE_LIMIT_EMAIL: '1000000000/1',
		RATE_LIMIT_CONFIRM: '1000000000/1',
		// HASH_CONCURRENCY=1 npm run bench:api compares a hasher that leaves one CPU to the event loop.
		...(process.env['HASH_CONCURRENCY'] ? { HASH_CONCURRENCY: process.env['HASH_CONCURRENCY'] } : {}),
	});
	const api = `${server.url}/api/v1`;

	try {
		const first = await fetch(`${api}/registrations`, { method: 'POST', headers: json, body: JSON.stringify({ email: 'bench@example.com', password, locale: 'en' }) });
		const { receipt } = (await first.json()) as { receipt: string };
		const statusRequest = { url: `${api}/registrations/status`, method: 'POST' as const, headers: json, body: JSON.stringify({ receipt }) };
		let counter = 0;
		const registrationRequest = {
			url: `${api}/registrations`,
			method: 'POST' as const,
			headers: json,
			requests: [{ setupRequest: (request: { body?: string }) => ({ ...request, body: JSON.stringify({ email: `load${counter++}@example.com`, password, locale: 'en' }) }) }],
		};

		console.log(`Sign-up API benchmark — ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} CPUs, Node ${process.version}, ${seconds} s per scenario\n`);

		const bare = await autocannon({ url: `${api}/health`, connections: 10, duration: seconds });
		const status = await autocannon({ ...statusRequest, connections: 10, duration: seconds });
		const registrations = await autocannon({ ...registrationRequest, connections: 8, duration: seconds });
		const [loaded, background] = await Promise.all([
			autocannon({ ...statusRequest, connections: 4, duration: seconds }),
			autocannon({ ...registrationRequest, connections: 16, duration: seconds }),
		]);
		let next = 0;
		const timelineRequest = {
			url: `${api}/registrations/status`,
			method: 'POST' as const,
			headers: json,
			requests: [{ setupRequest: (request: { body?: string }) => ({ ...request, body: JSON.stringify({ receipt: timelineReceipts[next++ % timelineReceipts.length] }) }) }],
		};
		const [timelines, timelineBackground] = await Promise.all([
			autocannon({ ...timelineRequest, connections: 4, duration: seconds }),
			autocannon({ ...registrationRequest, connections: 16, duration: seconds }),
		]);
		const sample = (await (await fetch(`${api}/registrations/status`, { method: 'POST', headers: json, body: JSON.stringify({ receipt: timelineReceipts[0] }) })).json()) as {
			delivery?: { events: unknown[] };
		};

		const row = (name: string, result: Result) =>
			`${name.padEnd(44)} ${result.requests.average.toFixed(0).padStart(8)} ${String(result.latency.p50).padStart(7)} ${String(result.latency.p99).padStart(7)} ${String(result.non2xx + result.errors).padStart(7)}`;
		console.log(`${'scenario'.padEnd(44)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'failed'.padStart(7)}`);
		console.log(row('GET /health (bare route, baseline)', bare));
		console.log(row('POST /registrations/status', status));
		console.log(row('POST /registrations (scrypt N=2^17)', registrations));
		console.log(row('POST /registrations/status, hasher saturated', loaded));
		console.log(row('  …the registrations running meanwhile', background));
		console.log(row('POST /registrations/status, timeline, saturated', timelines));
		console.log(row('  …the registrations running meanwhile', timelineBackground));
		console.log();
		console.log(`Status checks run at ${((status.requests.average / bare.requests.average) * 100).toFixed(0)}% of the bare route's throughput.`);
		console.log(`Status p99 while registrations saturate the hasher: ${loaded.latency.p99} ms (target: under 50 ms).`);
		console.log(
			`Status with a timeline (1,000 receipts, ${sample.delivery?.events.length ?? 0} events each) p99 while the hasher is saturated: ${timelines.latency.p99} ms (target: under 20 ms).`,
		);
		const refused = background.statusCodeStats['503']?.count ?? 0;
		if (refused) console.log(`${refused} registrations were turned away with 503 upstream_unavailable (hasher queue full).`);
	} finally {
		server.child.kill('SIGTERM');
		await server.exited;
	}
}

/** Scenario 5: a registration's latency on a slow Navixy platform. */
async function navixyScenario(): Promise<void> {
	const latencyMs = Number(process.env['BENCH_NAVIXY_LATENCY_MS'] ?? 1000);
	const platform = await startTestPlatform({
		clock: systemClock,
		uiDomain: testUiDomain,
		panelLogin: testCredentials.panelLogin,
		panelPassword: testCredentials.panelPassword,
		latencyMs,
	});
	const started = performance.now();
	const server = await startServerProcess({
		SIGNUP_BACKEND: 'navixy',
		NAVIXY_API_URL: platform.url,
		NAVIXY_UI_DOMAIN: testUiDomain,
		NAVIXY_PANEL_LOGIN: testCredentials.panelLogin,
		NAVIXY_PANEL_PASSWORD: testCredentials.panelPassword,
		NAVIXY_RECEIPT_SECRET: testCredentials.receiptSecret,
		STATIC_DIR: join(dataDir, 'no-site'),
		RATE_LIMIT_REGISTER: '1000000000/1',
	});
	const startup = performance.now() - started;
	const register = async (email: string) => {
		const begin = performance.now();
		const answer = await fetch(`${server.url}/api/v1/registrations`, { method: 'POST', headers: json, body: JSON.stringify({ email, password: navixyGoodPassword, locale: 'en' }) });
		await answer.arrayBuffer();
		return { status: answer.status, ms: performance.now() - begin };
	};
	try {
		const warm = [];
		for (let index = 0; index < 3; index++) warm.push(await register(`slow${index}@example.com`));
		platform.endPanelSessions();
		const expired = await register('expired@example.com');
		const sorted = warm.map((result) => result.ms).sort((a, b) => a - b);
		console.log(`\nNavixy backend, every platform call answered in ${latencyMs} ms (budget: about 6 s a registration):`);
		console.log(`  start-up with its self-check: ${(startup / 1000).toFixed(1)} s`);
		console.log(`  registration (create, lookup, activation email): median ${((sorted[1] ?? 0) / 1000).toFixed(1)} s, slowest ${((sorted.at(-1) ?? 0) / 1000).toFixed(1)} s (HTTP ${warm.map((result) => result.status).join(', ')})`);
		console.log(`  registration after the platform forgot the panel session: ${(expired.ms / 1000).toFixed(1)} s (HTTP ${expired.status})`);
	} finally {
		server.child.kill('SIGTERM');
		await server.exited;
		await platform.close();
	}
}
