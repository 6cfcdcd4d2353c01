/**
 * Opens the built-in backend's SQLite database (Node's own `node:sqlite`) and brings its schema up
 * to date. One file under `DATA_DIR`, in WAL mode so readers never wait for the writer; `:memory:`
 * in tests.
 */
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

import { sqliteStore } from '../../store/sqlite-store.ts';
import type { Store } from '../../store/store.ts';

import { mailboxKey } from './mailbox.ts';
import { migrations } from './migrations.ts';

export { StorageUnavailableError } from '../../store/store.ts';

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
	const db = new DatabaseSync(inMemory ? ':memory:' : join(dataDir, databaseFileName), { timeout: lockWaitMs });
	if (!inMemory) {
		useWal(db);
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

/** How long a connection waits for another process's lock before it gives up. */
const lockWaitMs = 5000;

/**
 * Switches the database to write-ahead logging, which a new file must do once. Two processes doing
 * it at the same moment each hold a shared lock and want the exclusive one; SQLite answers one of
 * them “database is locked” at once instead of waiting (waiting would deadlock), so that one tries
 * again after a short pause, within the same wait as for any lock.
 */
function useWal(db: DatabaseSync): void {
	const pause = new Int32Array(new SharedArrayBuffer(4));
	for (const deadline = Date.now() + lockWaitMs; ; ) {
		try {
			db.exec('PRAGMA journal_mode = WAL');
			return;
		} catch (error) {
			const busy = (error as { errcode?: number }).errcode === 5; // SQLITE_BUSY
			if (!busy || Date.now() > deadline) throw error;
			Atomics.wait(pause, 0, 0, 10 + Math.random() * 40);
		}
	}
}

/** Makes the database file and its WAL and shared-memory files readable by the server's user only. */
function restrictFiles(dataDir: string): void {
	for (const suffix of ['', '-wal', '-shm']) {
		const path = join(dataDir, databaseFileName + suffix);
		if (existsSync(path)) chmodSync(path, 0o600);
	}
}

/**
 * Applies every migration past the database's `user_version`, each in its own transaction. The
 * version is read inside the transaction, under the write lock: several processes starting at once
 * on one data folder apply each migration once (the others wait, then find it applied).
 */
export function migrate(db: DatabaseSync): void {
	db.function('mailbox_key', { deterministic: true }, (email) => mailboxKey(String(email)));
	for (let done = false; !done; ) {
		db.exec('BEGIN IMMEDIATE');
		try {
			const current = Number(db.prepare('PRAGMA user_version').get()?.['user_version'] ?? 0);
			if (current > migrations.length) {
				throw new Error(`The database is at schema version ${current}, newer than this server (${migrations.length}). Upgrade the server.`);
			}
			done = current === migrations.length;
			if (!done) {
				db.exec(migrations[current] ?? '');
				db.exec(`PRAGMA user_version = ${current + 1}`);
			}
			db.exec('COMMIT');
		} catch (error) {
			if (db.isOpen && db.isTransaction) db.exec('ROLLBACK');
			throw error;
		}
	}
}


/** The {@link Store} over {@link openDatabase}'s database: what the server runs on without `DATABASE_URL`. */
export function openSqliteStore(dataDir: string): Store {
	return sqliteStore(openDatabase(dataDir));
}
