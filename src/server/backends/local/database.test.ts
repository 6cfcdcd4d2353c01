import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, test } from 'vitest';

import { migrations } from './migrations.ts';
import { openDatabase, transaction } from './database.ts';

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
		first.prepare("INSERT INTO accounts (email, password_hash, locale, created_at) VALUES ('a@b.co', 'h', 'en', 1)").run();
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

	test('a transaction rolls back entirely when its work throws', () => {
		const db = openDatabase(':memory:');
		expect(() =>
			transaction(db, () => {
				db.prepare("INSERT INTO accounts (email, password_hash, locale, created_at) VALUES ('a@b.co', 'h', 'en', 1)").run();
				throw new Error('boom');
			}),
		).toThrow('boom');
		expect(db.prepare('SELECT COUNT(*) AS n FROM accounts').get()).toEqual({ n: 0 });
	});
});
