/**
 * The server's database for the operator's mail commands: the file in `DATA_DIR` (the server's
 * variable, `./data` by default). Refuses to create one where none is.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { databaseFileName, openSqliteStore } from '../src/server/backends/local/database.ts';
import type { Store } from '../src/server/store/store.ts';

/** Opens the server's database, or exits with a message when there is none. */
export function operatorDatabase(): Store {
	const dataDir = process.env['DATA_DIR'] || './data';
	if (!existsSync(join(dataDir, databaseFileName))) {
		console.error(`No database at ${join(dataDir, databaseFileName)}: set DATA_DIR to the server's data folder.`);
		process.exit(2);
	}
	return openSqliteStore(dataDir);
}
