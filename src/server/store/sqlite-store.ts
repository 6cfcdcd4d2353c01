/**
 * The SQLite store: the embedded default, one file under `DATA_DIR` through Node's own `node:sqlite`
 * (see `backends/local/database.ts` for how it is opened and migrated).
 *
 * `node:sqlite` is synchronous and the store's work is not (a transaction's work awaits), so this
 * process's statements take turns on the one connection: a transaction holds the turn from its
 * `BEGIN IMMEDIATE` to its `COMMIT`, and a statement outside any transaction waits for it rather than
 * slipping into it. `BEGIN IMMEDIATE` still takes the file's write lock up front, for the other
 * processes on the same data folder.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DatabaseSync, StatementSync } from 'node:sqlite';

import { StorageUnavailableError, type Queryable, type SqlValue, type Store } from './store.ts';

/** SQLite's primary result codes that mean the storage, not the statement, failed. */
const storageCodes: Record<number, string> = {
	8: 'the database is read-only (SQLITE_READONLY)',
	10: 'a disk I/O error (SQLITE_IOERR)',
	11: 'the database file is corrupt (SQLITE_CORRUPT)',
	13: 'the disk is full (SQLITE_FULL)',
	14: 'the database file cannot be opened (SQLITE_CANTOPEN)',
};

/** What went wrong with the storage, if `error` is a storage failure; `null` for anything else. */
export function sqliteStorageFailure(error: unknown): string | null {
	const code = (error as { errcode?: unknown } | null)?.errcode;
	if (typeof code !== 'number') return null;
	const meaning = storageCodes[code & 0xff];
	return meaning ? `${meaning}: ${(error as Error).message}` : null;
}

/** The {@link Store} over an open SQLite database (already migrated). */
export function sqliteStore(db: DatabaseSync): Store {
	const statements = new Map<string, StatementSync>();
	/** The end of the queue of turns; `queued` counts the turns not yet finished. */
	let tail: Promise<unknown> = Promise.resolve();
	let queued = 0;
	const insideTransaction = new AsyncLocalStorage<true>();
	let failedAt = -1;
	let lastWriteAt = 0;
	// A probe's success is trusted for a second, so `/health` polled hard writes little.
	let probedAt = Number.NEGATIVE_INFINITY;

	function statement(sql: string): StatementSync {
		let prepared = statements.get(sql);
		if (!prepared) statements.set(sql, (prepared = db.prepare(sql)));
		return prepared;
	}

	/** Runs one statement now, a storage failure becoming {@link StorageUnavailableError}. */
	function execute<T>(write: boolean, work: () => T): T {
		try {
			return work();
		} catch (error) {
			const failure = sqliteStorageFailure(error);
			if (!failure) throw error;
			if (write) failedAt = performance.now();
			throw new StorageUnavailableError(failure, { cause: error });
		}
	}

	/** Runs `work` in this process's next turn on the connection. */
	function inTurn<T>(work: () => T | Promise<T>): Promise<T> {
		if (insideTransaction.getStore()) {
			// Waiting for the turn the transaction itself holds would never end.
			return Promise.reject(new Error('A statement on the store inside one of its transactions: use the transaction’s handle.'));
		}
		queued += 1;
		const result = tail.then(work).finally(() => (queued -= 1));
		tail = result.catch(() => undefined);
		return result;
	}

	/** A statement outside any transaction: now when nobody holds the turn (the common case), else in turn. */
	function single<T>(work: () => T): Promise<T> {
		if (queued === 0 && !insideTransaction.getStore()) {
			try {
				return Promise.resolve(work());
			} catch (error) {
				return Promise.reject(error);
			}
		}
		return inTurn(work);
	}

	const direct = {
		get: <T>(sql: string, ...params: SqlValue[]) => execute(false, () => statement(sql).get(...params) as T | undefined),
		all: <T>(sql: string, ...params: SqlValue[]) => execute(false, () => statement(sql).all(...params) as T[]),
		run: (sql: string, ...params: SqlValue[]) => execute(true, () => Number(statement(sql).run(...params).changes)),
	};

	function rollback(): void {
		// SQLite has already rolled back after some errors (a full disk); a second ROLLBACK would only
		// hide the real cause behind "cannot rollback - no transaction is active".
		if (db.isOpen && db.isTransaction) db.exec('ROLLBACK');
	}

	return {
		dialect: 'sqlite',
		get: (sql, ...params) => single(() => direct.get(sql, ...params)),
		all: (sql, ...params) => single(() => direct.all(sql, ...params)),
		run: (sql, ...params) => single(() => direct.run(sql, ...params)),
		transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
			return inTurn(async () => {
				let open = true;
				const guard = <R>(run: () => R): Promise<R> => {
					if (!open) return Promise.reject(new Error('A statement on a transaction that has ended.'));
					try {
						return Promise.resolve(run());
					} catch (error) {
						return Promise.reject(error);
					}
				};
				const tx: Queryable = {
					dialect: 'sqlite',
					get: (sql, ...params) => guard(() => direct.get(sql, ...params)),
					all: (sql, ...params) => guard(() => direct.all(sql, ...params)),
					run: (sql, ...params) => guard(() => direct.run(sql, ...params)),
				};
				try {
					execute(true, () => db.exec('BEGIN IMMEDIATE'));
					const result = await insideTransaction.run(true, () => work(tx));
					open = false;
					execute(true, () => db.exec('COMMIT'));
					// Only a committed transaction proves the storage writable again (a pragma run alone does not).
					lastWriteAt = performance.now();
					return result;
				} catch (error) {
					open = false;
					rollback();
					const failure = error instanceof StorageUnavailableError ? null : sqliteStorageFailure(error);
					if (failure) {
						failedAt = performance.now();
						throw new StorageUnavailableError(failure, { cause: error });
					}
					if (error instanceof StorageUnavailableError) failedAt = performance.now();
					throw error;
				}
			});
		},
		problem() {
			if (failedAt > lastWriteAt) return Promise.resolve('the last write to the database failed (full disk, read-only or failing storage)');
			if (performance.now() - probedAt < 1000) return Promise.resolve(null);
			return inTurn(() => {
				try {
					db.exec('BEGIN IMMEDIATE');
					statement('INSERT INTO health_probe (id, checked_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at').run(Date.now());
					db.exec('COMMIT');
					probedAt = performance.now();
					return null;
				} catch (error) {
					rollback();
					return sqliteStorageFailure(error) ?? (error instanceof Error ? error.message : String(error));
				}
			});
		},
		compact() {
			// Copies the WAL back into the database and empties it, so that rows overwritten since (a
			// sent message's state, a replaced token hash) leave no older copy in the WAL file.
			return inTurn(() => {
				db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
			});
		},
		get isOpen() {
			return db.isOpen;
		},
		async close() {
			await tail;
			if (db.isOpen) db.close();
		},
	};
}
