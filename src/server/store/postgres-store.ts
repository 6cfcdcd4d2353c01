/**
 * The PostgreSQL store (`DATABASE_URL`): the same statements as SQLite's, for several server
 * processes (replicas) on one database.
 *
 * - SQL is written once with `?` placeholders; they become `$1, $2…` here (see `src/server/README.md`,
 *   "Storage", for why one text and where the dialects differ).
 * - Every write transaction takes one transaction-level advisory lock first: one writer at a time
 *   across all replicas, as SQLite's `BEGIN IMMEDIATE` gives on one file. The flows were written for
 *   that guarantee (read, decide, write); row locks alone would need each of them re-argued. Their
 *   transactions are short (no hashing, no network call inside), so the lock costs little.
 * - Statements outside a transaction take no lock: each is atomic on its own (the outbox claim uses
 *   `FOR UPDATE SKIP LOCKED`).
 * - BIGINT (times, ids, counts) is read as a JS number; BYTEA as a Buffer.
 * - A lost connection, a server shutting down, too many connections: {@link StorageUnavailableError}
 *   (503 with `Retry-After`, `/health` failing), never a crash; the pool opens new connections when
 *   the server is back.
 */
import pg from 'pg';

import { postgresMigrations } from './postgres-schema.ts';
import { StorageUnavailableError, type Queryable, type SqlValue, type Store } from './store.ts';

/** The advisory lock key every write transaction takes (any fixed number; "help" in ASCII). */
export const writerLockKey = 0x68656c70;
/** The advisory lock key migrations run under, so replicas starting together apply each once. */
export const migrationLockKey = 0x6d696772;

/** How the store connects; the defaults suit production. */
export interface PostgresStoreOptions {
	/** Connections per process. Default 10. */
	poolSize?: number;
	/** The longest wait for a connection, in ms. Default 2000. */
	connectTimeoutMs?: number;
	/** The longest a statement may run, in ms. Default 10 000. */
	statementTimeoutMs?: number;
	/** Where pool failures are reported; default the console. */
	log?: (line: string) => void;
	/** The name the connections show in `pg_stat_activity`. */
	applicationName?: string;
}

const int8 = 20;
const numeric = 1700;

/** Type parsers for this store's connections only (the process-wide defaults stay as they are). */
const types = {
	getTypeParser(oid: number, format?: 'text' | 'binary') {
		if (oid === int8 || oid === numeric) return (value: string) => Number(value);
		return pg.types.getTypeParser(oid, format);
	},
} as pg.CustomTypesConfig;

/** SQL with `?` placeholders as PostgreSQL's `$n` (a `?` inside a quoted string stays). */
export function numberedPlaceholders(sql: string): string {
	let index = 0;
	let out = '';
	let quote: string | null = null;
	for (const char of sql) {
		if (quote) {
			if (char === quote) quote = null;
			out += char;
		} else if (char === "'" || char === '"') {
			quote = char;
			out += char;
		} else if (char === '?') {
			out += `$${++index}`;
		} else {
			out += char;
		}
	}
	return out;
}

/** SQLSTATE classes and codes that mean the database, not the statement, failed. */
function storageFailureOf(error: unknown): string | null {
	const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
	const text = typeof message === 'string' ? message : String(error);
	if (typeof code === 'string') {
		if (/^(08|53|57P|58|XX)/.test(code) || code === '25006' || code === '57014') return `PostgreSQL (${code}): ${text}`;
		if (/^E[A-Z]+$/.test(code)) return `PostgreSQL unreachable (${code}): ${text}`;
	}
	if (/Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED|Client has encountered a connection error|Connection ended|not queryable/i.test(text)) {
		return `PostgreSQL unreachable: ${text}`;
	}
	return null;
}

/** Opens a pool on `url`, applies pending migrations (under an advisory lock) and returns the store. */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<Store> {
	const log = options.log ?? ((line: string) => console.error(line));
	const pool = new pg.Pool({
		connectionString: url,
		max: options.poolSize ?? 10,
		connectionTimeoutMillis: options.connectTimeoutMs ?? 2000,
		statement_timeout: options.statementTimeoutMs ?? 10_000,
		idleTimeoutMillis: 30_000,
		application_name: options.applicationName ?? 'signup',
		types,
	});
	// An idle connection that dies (the server restarted) is reported here; without a listener it would end the process.
	pool.on('error', (error) => log(`database: an idle connection failed (${error.message}); new ones are opened as needed`));
	try {
		await migratePostgres(pool);
	} catch (error) {
		await pool.end();
		throw error;
	}
	return postgresStore(pool, { log });
}

/**
 * Applies every migration past the database's version, each in its own transaction, under a
 * session advisory lock: replicas starting together wait for one another, and each migration is
 * applied once.
 */
export async function migratePostgres(pool: pg.Pool): Promise<void> {
	const client = await pool.connect();
	const onLost = () => {};
	client.on('error', onLost);
	try {
		await client.query('SELECT pg_advisory_lock($1)', [migrationLockKey]);
		try {
			await client.query('CREATE TABLE IF NOT EXISTS schema_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)');
			for (;;) {
				const current = Number((await client.query<{ version: number }>('SELECT version FROM schema_version WHERE id = 1')).rows[0]?.version ?? 0);
				if (current > postgresMigrations.length) {
					throw new Error(`The database is at schema version ${current}, newer than this server (${postgresMigrations.length}). Upgrade the server.`);
				}
				if (current === postgresMigrations.length) return;
				await client.query('BEGIN');
				try {
					await client.query(postgresMigrations[current] ?? '');
					await client.query('INSERT INTO schema_version (id, version) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET version = excluded.version', [current + 1]);
					await client.query('COMMIT');
				} catch (error) {
					await client.query('ROLLBACK');
					throw error;
				}
			}
		} finally {
			await client.query('SELECT pg_advisory_unlock($1)', [migrationLockKey]);
		}
	} finally {
		client.removeListener('error', onLost);
		client.release();
	}
}

/** The {@link Store} over a pool whose database is migrated. */
export function postgresStore(pool: pg.Pool, options: Pick<PostgresStoreOptions, 'log'> = {}): Store {
	const log = options.log ?? ((line: string) => console.error(line));
	const listeners = new Set<() => Promise<void>>();
	const texts = new Map<string, string>();
	let open = true;
	let failedAt = -1;
	let lastWriteAt = 0;
	let probedAt = Number.NEGATIVE_INFINITY;

	function text(sql: string): string {
		let numbered = texts.get(sql);
		if (numbered === undefined) texts.set(sql, (numbered = numberedPlaceholders(sql)));
		return numbered;
	}

	/** Runs `work`, a failure of the database becoming {@link StorageUnavailableError}. */
	async function guarded<T>(work: () => Promise<T>, write: boolean): Promise<T> {
		try {
			return await work();
		} catch (error) {
			const failure = error instanceof StorageUnavailableError ? error.message : storageFailureOf(error);
			if (!failure) throw error;
			if (write) failedAt = performance.now();
			throw error instanceof StorageUnavailableError ? error : new StorageUnavailableError(failure, { cause: error });
		}
	}

	function on(client: pg.Pool | pg.PoolClient): Queryable {
		const values = (params: SqlValue[]) => params as unknown[];
		return {
			dialect: 'postgres',
			get: <T>(sql: string, ...params: SqlValue[]) => guarded(async () => (await client.query(text(sql), values(params))).rows[0] as T | undefined, false),
			all: <T>(sql: string, ...params: SqlValue[]) => guarded(async () => (await client.query(text(sql), values(params))).rows as T[], false),
			run: (sql: string, ...params: SqlValue[]) => guarded(async () => (await client.query(text(sql), values(params))).rowCount ?? 0, true),
		};
	}

	const direct = on(pool);

	async function transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
		const client = await guarded(() => pool.connect(), true);
		// A connection that dies while checked out is reported here too (its query fails as well);
		// without a listener the event would end the process.
		let broken = false;
		const onLost = () => {
			broken = true;
		};
		client.on('error', onLost);
		try {
			await guarded(() => client.query('BEGIN'), true);
			// One writer at a time across every replica (see the module's comment).
			await guarded(() => client.query('SELECT pg_advisory_xact_lock($1)', [writerLockKey]), true);
			const tx = on(client);
			const result = await work(tx);
			await guarded(() => client.query('COMMIT'), true);
			lastWriteAt = performance.now();
			return result;
		} catch (error) {
			try {
				await client.query('ROLLBACK');
			} catch {
				// The connection is gone: it is thrown away below.
				broken = true;
			}
			throw error;
		} finally {
			client.removeListener('error', onLost);
			client.release(broken);
		}
	}

	return {
		dialect: 'postgres',
		get: direct.get,
		all: direct.all,
		run: direct.run,
		transaction,
		async problem() {
			// Unlike a full disk, a lost server comes back by itself: after a failed write the probe is
			// tried (at most once a second), and its commit is the write that makes the store healthy.
			const failing = failedAt > lastWriteAt;
			if (performance.now() - probedAt < 1000) return failing ? 'the last write to the database failed (PostgreSQL unreachable, shutting down or out of resources)' : null;
			try {
				await transaction((tx) => tx.run('INSERT INTO health_probe (id, checked_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at', Date.now()));
				probedAt = performance.now();
				return null;
			} catch (error) {
				probedAt = performance.now();
				return error instanceof Error ? error.message : String(error);
			}
		},
		async listen(channel, onNotice) {
			const stop = listenOn(pool, channel, onNotice, log);
			listeners.add(stop);
			return async () => {
				listeners.delete(stop);
				await stop();
			};
		},
		async compact() {
			// PostgreSQL's autovacuum reclaims deleted rows; nothing to do here.
		},
		get isOpen() {
			return open;
		},
		async close() {
			if (!open) return;
			open = false;
			await Promise.all([...listeners].map((stop) => stop()));
			await pool.end();
		},
	};
}

/**
 * LISTEN on a connection of its own (a pooled one would be handed to others), opened again after
 * it fails, with a wait that doubles up to 30 s. Each reconnection also calls `onNotice` once: a
 * notice sent while it was away is lost, so the listener looks for work then.
 */
function listenOn(pool: pg.Pool, channel: string, onNotice: () => void, log: (line: string) => void): () => Promise<void> {
	let client: pg.Client | null = null;
	let stopped = false;
	let retryMs = 500;
	let timer: NodeJS.Timeout | undefined;

	async function connect(): Promise<void> {
		if (stopped) return;
		const next = new pg.Client({ ...(pool.options as pg.ClientConfig), application_name: 'signup-listen' });
		next.on('error', () => {});
		try {
			await next.connect();
			await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
		} catch {
			await next.end().catch(() => {});
			schedule();
			return;
		}
		if (stopped) {
			await next.end().catch(() => {});
			return;
		}
		retryMs = 500;
		client = next;
		next.on('notification', (message) => {
			if (message.channel === channel) onNotice();
		});
		next.once('end', () => {
			client = null;
			if (!stopped) {
				log(`database: the ${channel} listener lost its connection; polling until it is back`);
				schedule();
			}
		});
		onNotice();
	}

	function schedule(): void {
		if (stopped) return;
		timer = setTimeout(() => void connect(), retryMs);
		timer.unref();
		retryMs = Math.min(retryMs * 2, 30_000);
	}

	void connect();
	return async () => {
		stopped = true;
		clearTimeout(timer);
		await client?.end().catch(() => {});
		client = null;
	};
}
