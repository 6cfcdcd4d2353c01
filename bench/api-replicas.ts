// The replicas part of `npm run bench:api`: the built-in backend as one process and as three
// processes on one data folder (SQLite in WAL mode) with the per-IP limits shared in a real
// PostgreSQL (the test harness's throwaway server, or TEST_DATABASE_URL), then as one and three
// processes with the store itself on PostgreSQL (DATABASE_URL), at the default scrypt cost. Prints
// registrations per second and status-check p99 for each, their ratio to the SQLite single process,
// and what the shared limits store and the PostgreSQL store add to one status check. Figures only:
// nothing is asserted.
// On a 2-core machine three replicas share the same two cores: the point is what sharing costs,
// not a speed-up. SCRYPT_LOG_N=14 npm run bench:api runs this part at a cheaper cost (a busy machine).
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import pg from 'pg';

import { startTestPostgres } from '../test-support/postgres/postgres-server.ts';
import { startReplicas, type ReplicaSet } from '../test-support/server/replica-set.ts';

/** The part of autocannon's API this script uses (the package ships no types). */
interface Result {
	'2xx': number;
	requests: { average: number; total: number };
	latency: { average: number; p50: number; p99: number };
	non2xx: number;
	errors: number;
}
interface Options {
	url: string;
	connections: number;
	duration: number;
	method: 'POST';
	headers: Record<string, string>;
	body?: string;
	requests?: Array<{ setupRequest: (request: { body?: string }) => { body?: string } }>;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (options: Options) => Promise<Result>;

const json = { 'Content-Type': 'application/json' };
const password = 'velvet kettle orbit lantern';
const logN = process.env['SCRYPT_LOG_N'] ?? '17';
const unlimited = { RATE_LIMIT_REGISTER: '1000000000/1', RATE_LIMIT_STATUS: '1000000000/1', RATE_LIMIT_EMAIL: '1000000000/1', RATE_LIMIT_CONFIRM: '1000000000/1' };

/** Registrations per second and status checks on `set`, the load spread evenly over its replicas. */
async function measure(set: ReplicaSet, label: string, seconds: number): Promise<{ registrations: number; turnedAway: number; statusP99: number; failed: number }> {
	const receipts = await Promise.all(
		set.urls.map(async (url, index) => {
			const answer = await fetch(`${url}/api/v1/registrations`, { method: 'POST', headers: json, body: JSON.stringify({ email: `${label}-first${index}@example.com`, password, locale: 'en' }) });
			return ((await answer.json()) as { receipt: string }).receipt;
		}),
	);
	let counter = 0;
	// Registrations: two connections per replica, as many as its hasher runs at once (HASH_CONCURRENCY
	// on two cores), so each replica's hasher is kept busy without a queue. Status checks: the same
	// twelve connections in all, spread over the replicas.
	const share = (total: number) => Math.max(1, Math.round(total / set.urls.length));
	const registrations = await Promise.all(
		set.urls.map((url) =>
			autocannon({
				url: `${url}/api/v1/registrations`,
				method: 'POST',
				headers: json,
				connections: 2,
				duration: seconds,
				requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify({ email: `${label}${counter++}@example.com`, password, locale: 'en' }) }) }],
			}),
		),
	);
	const status = await Promise.all(
		set.urls.map((url, index) =>
			autocannon({ url: `${url}/api/v1/registrations/status`, method: 'POST', headers: json, body: JSON.stringify({ receipt: receipts[index] }), connections: share(12), duration: seconds }),
		),
	);
	return {
		turnedAway: registrations.reduce((sum, result) => sum + result.non2xx + result.errors, 0),
		// Accepted ones only: a registration the hasher turned away (503, queue full) is not one done.
		registrations: registrations.reduce((sum, result) => sum + result['2xx'], 0) / seconds,
		statusP99: Math.max(...status.map((result) => result.latency.p99)),
		failed: status.reduce((sum, result) => sum + result.non2xx + result.errors, 0),
	};
}

/** Mean status-check latency with one connection (no queueing), in ms. */
async function statusLatency(set: ReplicaSet, seconds: number): Promise<number> {
	const url = set.urls[0] ?? '';
	const answer = await fetch(`${url}/api/v1/registrations`, { method: 'POST', headers: json, body: JSON.stringify({ email: `latency${Date.now()}@example.com`, password, locale: 'en' }) });
	const { receipt } = (await answer.json()) as { receipt: string };
	const result = await autocannon({ url: `${url}/api/v1/registrations/status`, method: 'POST', headers: json, body: JSON.stringify({ receipt }), connections: 1, duration: seconds });
	return result.latency.average;
}

/** A fresh schema in the database at `url`, as a connection string that uses it. */
async function freshSchema(url: string, name: string): Promise<string> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await client.query(`CREATE SCHEMA ${name}`);
	} finally {
		await client.end();
	}
	const withSchema = new URL(url);
	withSchema.searchParams.set('options', `-c search_path=${name}`);
	return withSchema.toString();
}

/** Runs the replicas scenarios and prints their table. */
export async function replicaScenarios(seconds: number): Promise<void> {
	const postgres = await startTestPostgres();
	const folders: string[] = [];
	const start = async (count: number, env: Record<string, string>) => {
		const dataDir = mkdtempSync(join(tmpdir(), 'signup-bench-replicas-'));
		folders.push(dataDir);
		return startReplicas(count, { DATA_DIR: dataDir, STATIC_DIR: join(dataDir, 'no-site'), SITE_URL: 'http://127.0.0.1', DEV_MAILBOX: 'true', SCRYPT_LOG_N: logN, ...unlimited, ...env });
	};
	try {
		const single = await start(1, {});
		const one = await measure(single, 'single', seconds);
		const memoryLatency = await statusLatency(single, seconds);
		await single.stop();

		const sharedSingle = await start(1, { LIMITS_URL: postgres.url });
		const sharedLatency = await statusLatency(sharedSingle, seconds);
		await sharedSingle.stop();

		const three = await start(3, { LIMITS_URL: postgres.url });
		const many = await measure(three, 'three', seconds);
		await three.stop();

		const storeSingle = await start(1, { LIMITS_URL: postgres.url, DATABASE_URL: await freshSchema(postgres.url, 'bench_one') });
		const pgOne = await measure(storeSingle, 'pgone', seconds);
		const storeLatency = await statusLatency(storeSingle, seconds);
		await storeSingle.stop();

		const storeThree = await start(3, { LIMITS_URL: postgres.url, DATABASE_URL: await freshSchema(postgres.url, 'bench_three') });
		const pgMany = await measure(storeThree, 'pgthree', seconds);
		await storeThree.stop();

		console.log(`\nReplicas (built-in backend, scrypt N=2^${logN}, ${seconds} s per scenario; registrations: 2 connections per replica; status checks: 12 connections in all):`);
		console.log(`${'setup'.padEnd(52)} ${'reg/s'.padStart(7)} ${'503s'.padStart(6)} ${'status p99 ms'.padStart(14)} ${'failed'.padStart(7)}`);
		const row = (name: string, figures: typeof one) =>
			`${name.padEnd(52)} ${figures.registrations.toFixed(1).padStart(7)} ${String(figures.turnedAway).padStart(6)} ${String(figures.statusP99).padStart(14)} ${String(figures.failed).padStart(7)}`;
		console.log(row('1 process, limits in memory', one));
		console.log(row('3 processes, one data folder, limits in PostgreSQL', many));
		console.log(row('1 process, store and limits in PostgreSQL', pgOne));
		console.log(row('3 processes, store and limits in one PostgreSQL', pgMany));
		console.log('(reg/s: registrations answered 202 per second; 503s: turned away by a full hasher queue; failed: status checks not answered 200)');
		const ratio = (name: string, figures: typeof one) =>
			`${name}: registrations ×${(figures.registrations / one.registrations).toFixed(2)}, status p99 ×${(figures.statusP99 / Math.max(1, one.statusP99)).toFixed(2)}`;
		console.log(`Ratio to the SQLite single process — ${ratio('3 on one data folder', many)}; ${ratio('1 on PostgreSQL', pgOne)}; ${ratio('3 on PostgreSQL', pgMany)}.`);
		console.log(
			`Store overhead per status check (one connection, mean, limits in PostgreSQL for both): ${sharedLatency.toFixed(2)} ms on SQLite, ${storeLatency.toFixed(2)} ms on PostgreSQL: +${(storeLatency - sharedLatency).toFixed(2)} ms.`,
		);
		console.log(
			`Limits store overhead per request (one connection, mean status check): ${memoryLatency.toFixed(2)} ms in memory, ${sharedLatency.toFixed(2)} ms with PostgreSQL: +${(sharedLatency - memoryLatency).toFixed(2)} ms.`,
		);
	} finally {
		await postgres.stop();
		for (const folder of folders) rmSync(folder, { recursive: true, force: true });
	}
}
