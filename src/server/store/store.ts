/**
 * The one storage interface of the built-in backend, the mail worker and everything else that keeps
 * state in the help center's database. Two implementations: SQLite (`sqlite-store.ts`, the embedded
 * default) and PostgreSQL (`postgres-store.ts`, `DATABASE_URL`). Every call is asynchronous so that
 * both fit; SQL is written once with `?` placeholders (see `src/server/README.md`, "Storage").
 */

/** A value a statement can take: what both drivers bind alike. */
export type SqlValue = string | number | bigint | null | Uint8Array;

/** Which SQL the store speaks, for the few statements that differ. */
export type Dialect = 'sqlite' | 'postgres';

/** What runs statements: the store itself (each statement on its own) or a transaction's handle. */
export interface Queryable {
	readonly dialect: Dialect;
	/** One row, typed by the caller (the SQL is the schema, so this is where the cast lives). */
	get<T = Record<string, unknown>>(sql: string, ...params: SqlValue[]): Promise<T | undefined>;
	/** All rows, typed by the caller. */
	all<T = Record<string, unknown>>(sql: string, ...params: SqlValue[]): Promise<T[]>;
	/** Runs a statement; resolves with the number of rows it changed. */
	run(sql: string, ...params: SqlValue[]): Promise<number>;
}

/** The database: statements, write transactions, health. */
export interface Store extends Queryable {
	/**
	 * Runs `work` in one write transaction, one writer at a time (as SQLite does): `work` must use
	 * the handle it is given, never the store. No password hashing or network call in `work`: the
	 * other writers wait for it.
	 */
	transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
	/** `null` when the database can be written now, else the cause (for `/health`). */
	problem(): Promise<string | null>;
	/**
	 * Calls `onNotice` whenever a transaction of any process on this database announced `channel`
	 * ({@link announce}); PostgreSQL's LISTEN, reconnecting by itself. Absent on SQLite, where the
	 * processes on one file keep polling. Resolves with the function that stops listening.
	 */
	listen?(channel: string, onNotice: () => void): Promise<() => Promise<void>>;
	/** Housekeeping after a purge: SQLite's WAL checkpoint; nothing elsewhere. */
	compact(): Promise<void>;
	/** Whether the store is still open (a test may close it on purpose). */
	readonly isOpen: boolean;
	close(): Promise<void>;
}

/**
 * The database cannot be used (a full disk, a read-only file system, an I/O error, a database
 * server that is down or refuses connections). Not a bug and not the reader's fault: the API answers
 * 503 with `Retry-After` and logs the cause.
 */
export class StorageUnavailableError extends Error {
	override name = 'StorageUnavailableError';
}

/**
 * Announces `channel` to every process listening on the database (see {@link Store.listen}), when
 * the transaction `db` belongs to commits: PostgreSQL's NOTIFY. Nothing on SQLite.
 */
export async function announce(db: Queryable, channel: string): Promise<void> {
	if (db.dialect === 'postgres') await db.get('SELECT pg_notify(?, \'\') AS sent', channel);
}
