/**
 * Test support: fresh PostgreSQL stores for the suites that run the built-in backend on PostgreSQL.
 * One throwaway server (and database) per suite file, started on first use (`postgres-server.ts`);
 * each store gets a schema of its own in it, migrated from empty, so that the servers a suite starts
 * never see one another's rows.
 */
import pg from 'pg';

import { openPostgresStore } from '../../src/server/store/postgres-store.ts';
import type { Store } from '../../src/server/store/store.ts';
import { startTestPostgres, type TestPostgres } from './postgres-server.ts';

/** Stores on one suite's PostgreSQL database. */
export interface PostgresStores {
	/** A new, empty, migrated store in a schema of its own. */
	store(): Promise<Store>;
	/** The connection string of a fresh schema, for a server process (`DATABASE_URL`). */
	schemaUrl(): Promise<string>;
	/** The server itself, once started (to pause it, say). */
	server(): Promise<TestPostgres>;
	/** Drops the database and stops the server (call it in `afterAll`). */
	stop(): Promise<void>;
}

/** Fresh stores on a throwaway PostgreSQL server started when the first is asked for. */
export function postgresStores(): PostgresStores {
	let started: Promise<TestPostgres> | null = null;
	let count = 0;
	const server = () => (started ??= startTestPostgres());

	async function schemaUrl(): Promise<string> {
		const { url } = await server();
		const schema = `store_${++count}`;
		const client = new pg.Client({ connectionString: url });
		await client.connect();
		try {
			await client.query(`CREATE SCHEMA ${schema}`);
		} finally {
			await client.end();
		}
		const withSchema = new URL(url);
		withSchema.searchParams.set('options', `-c search_path=${schema}`);
		return withSchema.toString();
	}

	return {
		schemaUrl,
		server,
		async store() {
			return openPostgresStore(await schemaUrl(), { poolSize: 4, log: () => {} });
		},
		async stop() {
			if (started) await (await started).stop();
		},
	};
}
