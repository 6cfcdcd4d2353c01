/**
 * Opens the built-in backend's SQLite database (Node's own `node:sqlite`) and brings its schema up
 * to date. One file under `DATA_DIR`, in WAL mode so readers never wait for the writer; `:memory:`
 * in tests.
 */
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';

import { mailboxKey } from './mailbox.ts';
import { migrations } from './migrations.ts';

/** The database file's name inside the data folder. */
export const databaseFileName = 'signup.sqlite';

/**
 * Opens (creating if needed) the database in `dataDir`, or an in-memory one for `':memory:'`, and
 * applies pending migrations. The folder is made private to the server's user (0700) and the
 * database files readable by it alone (0600): they hold password hashes and the state of every
 * pending confirmation.
 */
export function openDatabase(dataDir: string): DatabaseSync {
	const inMemory = dataDir === ':memory:';
	if (!inMemory) {
		mkdirSync(dataDir, { recursive: true, mode: 0o700 });
		chmodSync(dataDir, 0o700);
	}
	// A second process (another server, a worker) may hold the write lock for a moment; wait for it.
	const db = new DatabaseSync(inMemory ? ':memory:' : join(dataDir, databaseFileName), { timeout: 5000 });
	if (!inMemory) {
		db.exec('PRAGMA journal_mode = WAL');
		// In WAL mode NORMAL loses nothing when the process dies (even by SIGKILL); only a power cut
		// may lose the last transactions.
		db.exec('PRAGMA synchronous = NORMAL');
		// Deleted rows are overwritten with zeros, so a forgotten secret does not linger in free pages.
		db.exec('PRAGMA secure_delete = ON');
		restrictFiles(dataDir);
	}
	db.exec('PRAGMA foreign_keys = ON');
	migrate(db);
	if (!inMemory) restrictFiles(dataDir);
	return db;
}

/** Makes the database file and its WAL and shared-memory files readable by the server's user only. */
function restrictFiles(dataDir: string): void {
	for (const suffix of ['', '-wal', '-shm']) {
		const path = join(dataDir, databaseFileName + suffix);
		if (existsSync(path)) chmodSync(path, 0o600);
	}
}

/**
 * Copies the WAL back into the database and empties it, so that rows overwritten since (a sent
 * message's state, a replaced token hash) leave no older copy in the WAL file. A busy reader may keep
 * part of it; the next checkpoint catches up. Nothing in memory databases.
 */
export function checkpoint(db: DatabaseSync): void {
	db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
}

/**
 * Applies every migration past the database's `user_version`, each in its own transaction. The
 * version is read inside the transaction, under the write lock: several processes starting at once
 * on one data folder apply each migration once (the others wait, then find it applied).
 */
export function migrate(db: DatabaseSync): void {
	db.function('mailbox_key', { deterministic: true }, (email) => mailboxKey(String(email)));
	for (let done = false; !done; ) {
		done = transaction(db, () => {
			const current = Number(db.prepare('PRAGMA user_version').get()?.['user_version'] ?? 0);
			if (current > migrations.length) {
				throw new Error(`The database is at schema version ${current}, newer than this server (${migrations.length}). Upgrade the server.`);
			}
			if (current === migrations.length) return true;
			db.exec(migrations[current] ?? '');
			db.exec(`PRAGMA user_version = ${current + 1}`);
			return false;
		});
	}
}

/**
 * Runs `work` in one write transaction. `BEGIN IMMEDIATE` takes the write lock up front, so two
 * processes on one file cannot both read and then both write. The work is synchronous, so nothing
 * else in this process can run in between.
 */
export function transaction<T>(db: DatabaseSync, work: () => T): T {
	try {
		db.exec('BEGIN IMMEDIATE');
		const result = work();
		db.exec('COMMIT');
		storageState(db).lastWriteAt = performance.now();
		return result;
	} catch (error) {
		// SQLite has already rolled back after some errors (a full disk); a second ROLLBACK would only
		// hide the real cause behind "cannot rollback - no transaction is active".
		if (db.isOpen && db.isTransaction) db.exec('ROLLBACK');
		const failure = storageFailure(error);
		if (failure) {
			storageState(db).failedAt = performance.now();
			throw new StorageUnavailableError(failure, { cause: error });
		}
		throw error;
	}
}

/**
 * The database cannot be written (a full disk, a read-only file system, an I/O error). Not a bug and
 * not the reader's fault: the API answers 503 with `Retry-After` and logs the cause.
 */
export class StorageUnavailableError extends Error {
	override name = 'StorageUnavailableError';
}

/** SQLite's primary result codes that mean the storage, not the statement, failed. */
const storageCodes: Record<number, string> = {
	8: 'the database is read-only (SQLITE_READONLY)',
	10: 'a disk I/O error (SQLITE_IOERR)',
	11: 'the database file is corrupt (SQLITE_CORRUPT)',
	13: 'the disk is full (SQLITE_FULL)',
	14: 'the database file cannot be opened (SQLITE_CANTOPEN)',
};

/** What went wrong with the storage, if `error` is a storage failure; `null` for anything else. */
export function storageFailure(error: unknown): string | null {
	const code = (error as { errcode?: unknown } | null)?.errcode;
	if (typeof code !== 'number') return null;
	const meaning = storageCodes[code & 0xff];
	return meaning ? `${meaning}: ${(error as Error).message}` : null;
}

interface StorageState {
	failedAt: number;
	lastWriteAt: number;
	/** When a probe write last succeeded; a success is trusted for a second, so `/health` polled hard writes little. */
	probedAt: number;
}

const storageStates = new WeakMap<DatabaseSync, StorageState>();

function storageState(db: DatabaseSync): StorageState {
	let state = storageStates.get(db);
	if (!state) storageStates.set(db, (state = { failedAt: -1, lastWriteAt: 0, probedAt: Number.NEGATIVE_INFINITY }));
	return state;
}

/**
 * Whether the database can be written: the last write did not fail for the storage's sake, and a
 * probe write (one small row, committed) succeeds now. `null` when healthy, else the cause.
 */
export function storageProblem(db: DatabaseSync): string | null {
	const state = storageState(db);
	if (state.failedAt > state.lastWriteAt) return 'the last write to the database failed (full disk, read-only or failing storage)';
	if (performance.now() - state.probedAt < 1000) return null;
	try {
		db.exec('BEGIN IMMEDIATE');
		db.prepare('INSERT INTO health_probe (id, checked_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at').run(Date.now());
		db.exec('COMMIT');
		state.probedAt = performance.now();
		return null;
	} catch (error) {
		if (db.isOpen && db.isTransaction) db.exec('ROLLBACK');
		return storageFailure(error) ?? (error instanceof Error ? error.message : String(error));
	}
}

const statements = new WeakMap<DatabaseSync, Map<string, StatementSync>>();

/** A prepared statement, prepared once per database and SQL text. */
function statement(db: DatabaseSync, sql: string): StatementSync {
	let cache = statements.get(db);
	if (!cache) statements.set(db, (cache = new Map()));
	let prepared = cache.get(sql);
	if (!prepared) cache.set(sql, (prepared = db.prepare(sql)));
	return prepared;
}

/** One row, typed by the caller: the SQL is the schema here, so this is where the cast lives. */
export function getRow<T>(db: DatabaseSync, sql: string, ...params: SQLInputValue[]): T | undefined {
	return statement(db, sql).get(...params) as T | undefined;
}

/** All rows, typed by the caller. */
export function allRows<T>(db: DatabaseSync, sql: string, ...params: SQLInputValue[]): T[] {
	return statement(db, sql).all(...params) as T[];
}

/** Runs a statement; returns the number of rows it changed. */
export function run(db: DatabaseSync, sql: string, ...params: SQLInputValue[]): number {
	return Number(statement(db, sql).run(...params).changes);
}
