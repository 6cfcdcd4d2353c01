/**
 * The reference platform's storage, in SQLite (`node:sqlite`): its users (scrypt hashes, never a
 * password) and the idempotency store that remembers each `webhook-id` with its answer. A provider
 * adapting the reference replaces the `users` table with its platform's own; the idempotency
 * table is what every implementation of the contract needs in some form.
 */
import { createHash, randomBytes } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';

import { idempotencyRetentionSeconds } from '../platform-contract/contract.ts';

/** Opens (creating if needed) the reference platform's database; `:memory:` for tests. */
export function openPlatformDatabase(path: string): DatabaseSync {
	const db = new DatabaseSync(path, { timeout: 5000 });
	if (path !== ':memory:') db.exec('PRAGMA journal_mode = WAL');
	db.exec(`
		CREATE TABLE IF NOT EXISTS users (
			id TEXT PRIMARY KEY,
			email TEXT NOT NULL,
			-- The address as one mailbox: lower case, so Ann@ and ann@ are one user.
			mailbox TEXT NOT NULL UNIQUE,
			password_hash TEXT NOT NULL,
			locale TEXT NOT NULL,
			active INTEGER NOT NULL DEFAULT 0,
			created_at INTEGER NOT NULL
		);
		CREATE TABLE IF NOT EXISTS idempotency (
			webhook_id TEXT PRIMARY KEY,
			-- SHA-256 of the operation's path and the body: the same id with another request is a replay.
			fingerprint TEXT NOT NULL,
			-- NULL while the first call is still being carried out.
			status INTEGER,
			answer TEXT,
			created_at INTEGER NOT NULL
		);
		CREATE TABLE IF NOT EXISTS received_events (
			id INTEGER PRIMARY KEY,
			type TEXT NOT NULL,
			data TEXT NOT NULL,
			received_at INTEGER NOT NULL
		);
	`);
	return db;
}

/** A user row. */
export interface UserRow {
	id: string;
	email: string;
	password_hash: string;
	locale: string;
	active: number;
}

/** The mailbox key of an address (see the `mailbox` column). */
export function mailboxOf(email: string): string {
	return email.normalize('NFC').toLowerCase();
}

/** A new user id: `usr_` and 96 random bits. */
export function newUserId(): string {
	return `usr_${randomBytes(12).toString('base64url')}`;
}

/** The users of the reference platform. */
export function userStore(db: DatabaseSync) {
	return {
		byId: (id: string) => db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined,
		byEmail: (email: string) => db.prepare('SELECT * FROM users WHERE mailbox = ?').get(mailboxOf(email)) as UserRow | undefined,
		/** Inserts a user; `false` when the mailbox has one already. */
		insert(user: { id: string; email: string; passwordHash: string; locale: string; now: number }): boolean {
			const result = db
				.prepare('INSERT INTO users (id, email, mailbox, password_hash, locale, active, created_at) VALUES (?, ?, ?, ?, ?, 0, ?) ON CONFLICT (mailbox) DO NOTHING')
				.run(user.id, user.email, mailboxOf(user.email), user.passwordHash, user.locale, user.now);
			return result.changes === 1;
		},
		activate: (id: string) => db.prepare('UPDATE users SET active = 1 WHERE id = ?').run(id).changes === 1,
		setPassword: (id: string, passwordHash: string) => db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, id).changes === 1,
		setPasswordIfInactive: (id: string, passwordHash: string) =>
			db.prepare('UPDATE users SET password_hash = ? WHERE id = ? AND active = 0').run(passwordHash, id).changes === 1,
		recordEvent: (type: string, data: string, now: number) => void db.prepare('INSERT INTO received_events (type, data, received_at) VALUES (?, ?, ?)').run(type, data, now),
	};
}

/** What the idempotency store knows of a `webhook-id` when a call arrives. */
export type Claim =
	| { kind: 'new' }
	| { kind: 'done'; status: number; answer: string }
	| { kind: 'in_progress' }
	| { kind: 'conflict' };

/** Remembers each call's answer by its `webhook-id`: the contract's idempotency. */
export interface IdempotencyStore {
	/** Claims `id` for the request `fingerprint`, or says what happened to it before. */
	claim(id: string, fingerprint: string, now: number): Claim;
	/** Stores the answer of a claimed call. */
	complete(id: string, status: number, answer: string): void;
	/** Forgets a claimed call whose answer must not be repeated (the platform failed): its retry runs again. */
	release(id: string): void;
}

/** The fingerprint of a request: its operation's path and its exact body. */
export function fingerprintOf(path: string, body: string): string {
	return createHash('sha256').update(path).update('\n').update(body).digest('hex');
}

/** The idempotency store in the reference platform's database; ids older than the retention are forgotten. */
export function sqliteIdempotencyStore(db: DatabaseSync): IdempotencyStore {
	return {
		claim(id, fingerprint, now) {
			db.prepare('DELETE FROM idempotency WHERE created_at < ?').run(now - idempotencyRetentionSeconds * 1000);
			// One statement claims or fails: two simultaneous calls with one id cannot both run.
			const inserted = db
				.prepare('INSERT INTO idempotency (webhook_id, fingerprint, created_at) VALUES (?, ?, ?) ON CONFLICT (webhook_id) DO NOTHING')
				.run(id, fingerprint, now);
			if (inserted.changes === 1) return { kind: 'new' };
			const row = db.prepare('SELECT fingerprint, status, answer FROM idempotency WHERE webhook_id = ?').get(id) as
				| { fingerprint: string; status: number | null; answer: string | null }
				| undefined;
			if (!row) return { kind: 'new' };
			if (row.fingerprint !== fingerprint) return { kind: 'conflict' };
			if (row.status === null || row.answer === null) return { kind: 'in_progress' };
			return { kind: 'done', status: row.status, answer: row.answer };
		},
		complete(id, status, answer) {
			db.prepare('UPDATE idempotency SET status = ?, answer = ? WHERE webhook_id = ?').run(status, answer, id);
		},
		release(id) {
			db.prepare('DELETE FROM idempotency WHERE webhook_id = ? AND status IS NULL').run(id);
		},
	};
}
