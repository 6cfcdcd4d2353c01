import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, test } from 'vitest';

import { DatabaseSync } from 'node:sqlite';

import { migrations } from './migrations.ts';
import { databaseFileName, migrate, openDatabase, openSqliteStore } from './database.ts';

const folder = mkdtempSync(join(tmpdir(), 'signup-db-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('the database', () => {
	test('a file database is created in the data folder, in WAL mode, at the latest schema', () => {
		const db = openDatabase(join(folder, 'nested', 'data'));
		expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
		expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: migrations.length });
		db.close();
	});

	test('reopening applies nothing twice and keeps the data', () => {
		const path = join(folder, 'reopen');
		const first = openDatabase(path);
		first.prepare("INSERT INTO accounts (email, mailbox, password_hash, locale, created_at) VALUES ('a@b.co', 'a@b.co', 'h', 'en', 1)").run();
		first.close();
		const second = openDatabase(path);
		expect(second.prepare('SELECT email FROM accounts').all()).toEqual([{ email: 'a@b.co' }]);
		second.close();
	});

	test('refuses a database from a newer server', () => {
		const path = join(folder, 'newer');
		const db = openDatabase(path);
		db.exec(`PRAGMA user_version = ${migrations.length + 1}`);
		db.close();
		expect(() => openDatabase(path)).toThrow(/newer than this server/);
	});

	test('a transaction rolls back entirely when its work throws', async () => {
		const db = openSqliteStore(':memory:');
		await expect(
			db.transaction(async (tx) => {
				await tx.run("INSERT INTO accounts (email, password_hash, locale, created_at) VALUES ('a@b.co', 'h', 'en', 1)");
				throw new Error('boom');
			}),
		).rejects.toThrow('boom');
		expect(await db.get('SELECT COUNT(*) AS n FROM accounts')).toEqual({ n: 0 });
	});

	test('the data folder is private to the server (0700) and the database files too (0600)', () => {
		const path = join(folder, 'private');
		const db = openDatabase(path);
		db.prepare("INSERT INTO accounts (email, mailbox, password_hash, locale, created_at) VALUES ('a@b.co', 'a@b.co', 'h', 'en', 1)").run();
		expect(statSync(path).mode & 0o777).toBe(0o700);
		for (const suffix of ['', '-wal', '-shm']) expect(statSync(join(path, databaseFileName + suffix)).mode & 0o777, suffix).toBe(0o600);
		db.close();
	});

	test('upgrading a version-1 database keys everything on the mailbox and keeps every account and live link', () => {
		const db = new DatabaseSync(':memory:');
		db.exec(migrations[0] ?? '');
		db.exec('PRAGMA user_version = 1');
		const insert = (sql: string, ...values: (string | number | null | Uint8Array)[]) => db.prepare(sql).run(...values);
		// Two case variants of one mailbox, from the time they were two addresses: one confirmed, one pending.
		insert("INSERT INTO accounts (id, email, password_hash, locale, created_at, confirmed_at) VALUES (1, 'ann@example.com', 'h1', 'en', 1, NULL)");
		insert("INSERT INTO accounts (id, email, password_hash, locale, created_at, confirmed_at) VALUES (2, 'Ann@Example.com', 'h2', 'en', 2, 5)");
		insert("INSERT INTO accounts (id, email, password_hash, locale, created_at, confirmed_at) VALUES (3, 'bob@bücher.example', 'h3', 'de', 3, NULL)");
		insert('INSERT INTO confirmations (account_id, token_hash, code_salt, code_hash, created_at, expires_at) VALUES (3, ?, ?, ?, 3, 99)', new Uint8Array([1]), new Uint8Array([2]), new Uint8Array([3]));
		insert("INSERT INTO receipts (receipt_hash, account_id, outcome, created_at, expires_at) VALUES (?, 2, 'created', 2, 9)", new Uint8Array([7]));
		insert("INSERT INTO receipts (receipt_hash, account_id, outcome, created_at, expires_at) VALUES (?, 3, 'created', 3, 9)", new Uint8Array([8]));
		insert("INSERT INTO address_state (email, signup_mail_at, reset_mail_at, code_failures, updated_at) VALUES ('ann@example.com', 10, NULL, 4, 10)");
		insert("INSERT INTO address_state (email, signup_mail_at, reset_mail_at, code_failures, updated_at) VALUES ('ANN@example.com', 20, 30, 1, 20)");
		migrate(db);
		expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: migrations.length });
		expect(db.prepare('SELECT id, email, mailbox FROM accounts ORDER BY id').all()).toEqual([
			// The confirmed variant keeps the mailbox; the other stays, detached, nothing deleted.
			{ id: 1, email: 'ann@example.com', mailbox: null },
			{ id: 2, email: 'Ann@Example.com', mailbox: 'ann@example.com' },
			{ id: 3, email: 'bob@bücher.example', mailbox: 'bob@xn--bcher-kva.example' },
		]);
		// The live link of account 3 still works, with the password it was created with.
		expect(db.prepare('SELECT account_id, email, password_hash, receipt_hash FROM confirmations').all()).toEqual([
			{ account_id: 3, email: 'bob@bücher.example', password_hash: 'h3', receipt_hash: null },
		]);
		expect(db.prepare('SELECT account_id, confirmed_at FROM receipts ORDER BY account_id').all()).toEqual([
			{ account_id: 2, confirmed_at: 5 },
			{ account_id: 3, confirmed_at: null },
		]);
		// The variants' state merges into the strictest: the later cooldowns, the higher wrong-code count.
		expect(db.prepare('SELECT mailbox, signup_mail_at, reset_mail_at, code_failures FROM address_state').all()).toEqual([
			{ mailbox: 'ann@example.com', signup_mail_at: 20, reset_mail_at: 30, code_failures: 4 },
		]);
		db.close();
	});
});
