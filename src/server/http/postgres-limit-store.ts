/**
 * Per-IP limits shared by every replica: rate-limiter-flexible's `RateLimiterPostgres`, one table
 * (`rate_limits`, a row per group and client, created here if missing) in the database `LIMITS_URL`
 * names. A limit of N per window is then N across all replicas, not N × replicas.
 *
 * While PostgreSQL cannot be reached, each limiter falls back to its `insuranceLimiter`, the same
 * limit counted in this process's memory: requests keep being answered (never a 500, never
 * unlimited), each replica allowing up to N, until the store answers again. `/health` reports the
 * `limits` check `degraded` meanwhile, and the log says when the store went and came back.
 *
 * Every call has a short deadline (a hung server must not hang the API), and after a failure the
 * store is left alone for a moment (a breaker): requests go straight to the insurance instead of
 * each waiting for its own timeout. A probe retries it in the background, so health recovers even
 * without traffic.
 */
import pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres } from 'rate-limiter-flexible';

import type { LimitStore } from './limit-store.ts';

/** How the store behaves under failure; the defaults suit production. */
export interface PostgresLimitOptions {
	/** The longest wait for a connection or a query, in ms. Default 1000. */
	timeoutMs?: number;
	/** After a failure, how long requests skip the store and use the insurance, in ms. Default 1000. */
	breakMs?: number;
	/** How often the store is probed while unreachable, in ms. Default 2000. */
	probeMs?: number;
	/** Connections per process. Default 10. */
	poolSize?: number;
	log?: (line: string) => void;
}

/** The table that holds every group's counts (rate-limiter-flexible's layout). */
export const limitsTable = 'rate_limits';

/** PostgreSQL's codes for a table that is already being created by a concurrent replica. */
const createdConcurrently = new Set(['23505', '42P07']);

/** A {@link LimitStore} in the PostgreSQL database at `url`. */
export function postgresLimitStore(url: string, options: PostgresLimitOptions = {}): LimitStore {
	const timeoutMs = options.timeoutMs ?? 1000;
	const breakMs = options.breakMs ?? 1000;
	const probeMs = options.probeMs ?? 2000;
	const log = options.log ?? ((line: string) => console.error(line));
	const pool = new pg.Pool({
		connectionString: url,
		max: options.poolSize ?? 10,
		connectionTimeoutMillis: timeoutMs,
		query_timeout: timeoutMs,
		idleTimeoutMillis: 30_000,
		application_name: 'signup-limits',
	});
	// An idle connection that dies (the server restarted) is reported here; without a listener it would end the process.
	pool.on('error', (error) => failed(error));

	let reachable: boolean | null = null;
	let brokenUntil = 0;
	let tableReady: Promise<void> | null = null;
	let probe: NodeJS.Timeout | undefined;
	let closed = false;

	function failed(error: unknown): void {
		brokenUntil = performance.now() + breakMs;
		tableReady = null;
		if (reachable !== false) {
			log(`limits store unreachable (${describe(error)}): limits are counted per process until it is back`);
			reachable = false;
		}
		if (!probe && !closed) {
			probe = setInterval(() => void query({ text: 'SELECT 1' }).catch(() => {}), probeMs);
			probe.unref();
		}
	}

	function succeeded(): void {
		if (reachable === false) log('limits store reachable again: limits are shared across replicas');
		reachable = true;
		clearInterval(probe);
		probe = undefined;
	}

	function ensureTable(): Promise<void> {
		tableReady ??= pool
			.query(`CREATE TABLE IF NOT EXISTS ${limitsTable} (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`)
			.then(
				() => {},
				(error: { code?: string }) => {
					if (!createdConcurrently.has(error.code ?? '')) throw error;
				},
			);
		return tableReady;
	}

	/** Every query of every limiter goes through here: the breaker, the table, and what health reports. */
	async function query(config: pg.QueryConfig): Promise<pg.QueryResult> {
		if (closed) throw new Error('the limits store is closed');
		if (performance.now() < brokenUntil) throw new Error('the limits store is unreachable (retrying shortly)');
		try {
			await ensureTable();
			const result = await pool.query(config);
			succeeded();
			return result;
		} catch (error) {
			failed(error);
			throw error;
		}
	}

	const client = { query };
	const first = ensureTable().then(succeeded, failed);

	return {
		description: 'Rate limits are shared through PostgreSQL (LIMITS_URL).',
		limiter(name, limit) {
			return new RateLimiterPostgres({
				storeClient: client,
				storeType: 'pool',
				tableName: limitsTable,
				tableCreated: true,
				keyPrefix: name,
				points: limit.points,
				duration: limit.seconds,
				insuranceLimiter: new RateLimiterMemory({ keyPrefix: name, points: limit.points, duration: limit.seconds }),
			});
		},
		health: () => [{ name: 'limits', status: reachable === false ? 'degraded' : 'ok' }],
		ready: () => first,
		async close() {
			closed = true;
			clearInterval(probe);
			await first;
			await pool.end();
		},
	};
}

/** A failure in words for the log: the error's code and message, never the URL (it may hold a password). */
function describe(error: unknown): string {
	const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
	return [code, message].filter((part) => typeof part === 'string' && part).join(': ') || String(error);
}
