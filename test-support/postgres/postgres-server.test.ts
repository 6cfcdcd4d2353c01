/**
 * The PostgreSQL harness: a real server, a database per caller, a pause that refuses connections
 * and a resume that brings them back, and nothing left behind.
 */
import { existsSync } from 'node:fs';

import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';

import { startTestPostgres, type TestPostgres } from './postgres-server.ts';

let postgres: TestPostgres;
beforeAll(async () => {
	postgres = await startTestPostgres();
}, 60_000);
afterAll(() => postgres?.stop());

async function query(url: string, sql: string): Promise<unknown[]> {
	const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
	await client.connect();
	try {
		return (await client.query(sql)).rows;
	} finally {
		await client.end();
	}
}

test('a suite gets a real PostgreSQL server and a database of its own', async () => {
	const [row] = (await query(postgres.url, 'SELECT current_database() AS name, version() AS version')) as Array<{ name: string; version: string }>;
	expect(row?.name).toMatch(/^test_\d+_[0-9a-f]{8}$/);
	expect(row?.version).toMatch(/^PostgreSQL \d+/);
});

test('two harnesses on one machine do not meet', async () => {
	const other = await startTestPostgres();
	try {
		expect(new URL(other.url).pathname).not.toBe(new URL(postgres.url).pathname);
		if (postgres.owned) expect(new URL(other.url).port).not.toBe(new URL(postgres.url).port);
	} finally {
		await other.stop();
	}
}, 60_000);

test('a paused server refuses connections, and a resumed one answers again with its data', async (context) => {
	if (!postgres.owned) {
		console.warn('skipped: TEST_DATABASE_URL names a server this harness cannot stop');
		context.skip();
	}
	await query(postgres.url, 'CREATE TABLE kept (n int); INSERT INTO kept VALUES (7)');
	await postgres.pause();
	await expect(query(postgres.url, 'SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
	await postgres.resume();
	expect(await query(postgres.url, 'SELECT n FROM kept')).toEqual([{ n: 7 }]);
}, 60_000);

test('stopping an owned server removes its folder', async () => {
	const other = await startTestPostgres();
	if (!other.owned) return other.stop();
	const { port } = new URL(other.url);
	const socketFolder = ((await query(other.url, "SELECT setting FROM pg_settings WHERE name = 'unix_socket_directories'")) as Array<{ setting: string }>)[0]?.setting ?? '';
	expect(existsSync(socketFolder)).toBe(true);
	await other.stop();
	expect(existsSync(socketFolder)).toBe(false);
	await expect(query(other.url, 'SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
	expect(port).not.toBe('');
}, 60_000);
