/**
 * The PostgreSQL store against a real server: migrations when several replicas start at once,
 * placeholders, BIGINT and BYTEA, one writer at a time, and a server that goes away and comes back.
 */
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';

import { postgresStores } from '../../../test-support/postgres/postgres-stores.ts';
import { postgresMigrations } from './postgres-schema.ts';
import { numberedPlaceholders, openPostgresStore } from './postgres-store.ts';
import { StorageUnavailableError, type Store } from './store.ts';

const stores = postgresStores();
afterAll(() => stores.stop());

test('placeholders become $n, except inside quoted text', () => {
	expect(numberedPlaceholders("SELECT ? , '?' AS q, \"?\" FROM t WHERE a = ? AND b IN (?, ?)")).toBe("SELECT $1 , '?' AS q, \"?\" FROM t WHERE a = $2 AND b IN ($3, $4)");
});

describe('migrations', () => {
	test('eight pools migrating one empty database at once: one schema, each migration applied once, no error', async () => {
		const url = await stores.schemaUrl();
		const opened = await Promise.allSettled(Array.from({ length: 8 }, () => openPostgresStore(url, { poolSize: 2, log: () => {} })));
		const failures = opened.filter((result) => result.status === 'rejected');
		expect(failures).toEqual([]);
		const first = (opened[0] as PromiseFulfilledResult<Store>).value;
		expect(await first.get('SELECT version FROM schema_version')).toEqual({ version: postgresMigrations.length });
		const tables = await first.all<{ n: number }>("SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'accounts'");
		expect(tables).toEqual([{ n: 1 }]);
		await Promise.all(opened.map((result) => (result as PromiseFulfilledResult<Store>).value.close()));
	});

	test('refuses a database from a newer server', async () => {
		const url = await stores.schemaUrl();
		const store = await openPostgresStore(url, { log: () => {} });
		await store.run('UPDATE schema_version SET version = ?', postgresMigrations.length + 1);
		await store.close();
		await expect(openPostgresStore(url, { log: () => {} })).rejects.toThrow(/newer than this server/);
	});
});

describe('statements and transactions', () => {
	test('BIGINT reads as a number, BYTEA as bytes, counts as numbers', async () => {
		const store = await stores.store();
		try {
			const hash = Buffer.from([1, 2, 3, 255]);
			await store.run("INSERT INTO receipts (receipt_hash, outcome, created_at, expires_at) VALUES (?, 'created', ?, ?)", hash, 1_800_000_000_000, 1_800_000_000_001);
			const row = await store.get<{ receipt_hash: Buffer; created_at: number }>('SELECT receipt_hash, created_at FROM receipts');
			expect(row?.created_at).toBe(1_800_000_000_000);
			expect(Buffer.from(row!.receipt_hash).equals(hash)).toBe(true);
			expect(await store.get('SELECT COUNT(*) AS n FROM receipts WHERE receipt_hash = ?', hash)).toEqual({ n: 1 });
		} finally {
			await store.close();
		}
	});

	test('a transaction rolls back entirely when its work throws', async () => {
		const store = await stores.store();
		try {
			await expect(
				store.transaction(async (tx) => {
					await tx.run("INSERT INTO accounts (email, password_hash, locale, created_at) VALUES ('a@b.co', 'h', 'en', 1)");
					throw new Error('boom');
				}),
			).rejects.toThrow('boom');
			expect(await store.get('SELECT COUNT(*) AS n FROM accounts')).toEqual({ n: 0 });
		} finally {
			await store.close();
		}
	});

	test('write transactions of two pools take turns: read-then-write never interleaves', async () => {
		const url = await stores.schemaUrl();
		const [a, b] = await Promise.all([openPostgresStore(url, { log: () => {} }), openPostgresStore(url, { log: () => {} })]);
		try {
			await a.run('INSERT INTO health_probe (id, checked_at) VALUES (1, 0)');
			// Each reads the counter, waits, and writes it plus one: without one writer at a time, updates would be lost.
			const increment = (store: Store) =>
				store.transaction(async (tx) => {
					const current = (await tx.get<{ checked_at: number }>('SELECT checked_at FROM health_probe WHERE id = 1'))!.checked_at;
					await new Promise((resolve) => setImmediate(resolve));
					await tx.run('UPDATE health_probe SET checked_at = ? WHERE id = 1', current + 1);
				});
			await Promise.all(Array.from({ length: 40 }, (_, index) => increment(index % 2 ? a : b)));
			expect(await a.get('SELECT checked_at FROM health_probe')).toEqual({ checked_at: 40 });
		} finally {
			await Promise.all([a.close(), b.close()]);
		}
	});
});

describe('a server that goes away', () => {
	test('connections refused: StorageUnavailableError and a failing health; then it recovers by itself', async (context) => {
		const server = await stores.server();
		if (!server.owned) context.skip('TEST_DATABASE_URL names a server this test cannot stop');
		const store = await stores.store();
		try {
			expect(await store.problem()).toBeNull();
			await server.pause();
			await expect(store.transaction((tx) => tx.run('DELETE FROM accounts'))).rejects.toBeInstanceOf(StorageUnavailableError);
			await expect(store.get('SELECT 1 AS one')).rejects.toBeInstanceOf(StorageUnavailableError);
			expect(await store.problem()).toMatch(/PostgreSQL|database/);
			await server.resume();
			await expect.poll(async () => (await store.transaction((tx) => tx.get('SELECT 1 AS one')).catch(() => null)), { timeout: 20_000 }).toEqual({ one: 1 });
			expect(await store.problem()).toBeNull();
		} finally {
			await store.close();
		}
	});

	test('an administrator ending the connections: StorageUnavailableError, then new connections', async () => {
		const store = await stores.store();
		const { url } = await stores.server();
		try {
			// Holds a connection in the pool, then has it terminated.
			await store.get('SELECT 1 AS one');
			const admin = new pg.Client({ connectionString: url });
			await admin.connect();
			await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname = current_database() AND application_name = 'signup'");
			await admin.end();
			const outcomes = await Promise.allSettled([store.get('SELECT 1 AS one'), store.get('SELECT 1 AS one')]);
			for (const outcome of outcomes) if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(StorageUnavailableError);
			expect(await store.get('SELECT 1 AS one')).toEqual({ one: 1 });
		} finally {
			await store.close();
		}
	});
});
