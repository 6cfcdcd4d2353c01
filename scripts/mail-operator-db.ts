/**
 * The server's database for the operator's mail commands: PostgreSQL at `DATABASE_URL` when it is
 * set (as for the server), else the file in `DATA_DIR` (the server's variable, `./data` by default).
 * Refuses to create a SQLite file where none is.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { databaseFileName, openSqliteStore } from '../src/server/backends/local/database.ts';
import { openPostgresStore } from '../src/server/store/postgres-store.ts';
import type { Store } from '../src/server/store/store.ts';

/** Opens the server's database, or exits with a message when there is none. */
export async function operatorDatabase(): Promise<Store> {
	const url = process.env['DATABASE_URL'];
	if (url) return openPostgresStore(url, { poolSize: 1, applicationName: 'signup-operator' });
	const dataDir = process.env['DATA_DIR'] || './data';
	if (!existsSync(join(dataDir, databaseFileName))) {
		console.error(`No database at ${join(dataDir, databaseFileName)}: set DATA_DIR to the server's data folder (or DATABASE_URL).`);
		process.exit(2);
	}
	return openSqliteStore(dataDir);
}
