/**
 * Each provider's accounts and development mailbox in a folder of its own. Two providers started
 * from one checkout once shared `./data`: one provider's readers were told their address already
 * had an account, and `/_mailbox/` showed both providers' emails. The default folder is now per
 * provider, and a folder remembers whose it is, so pointing a second provider at it is refused at
 * start-up instead of mixing them.
 *
 * PostgreSQL records its owner in a table (`store/provider-claim.ts`); SQLite keeps this file rather
 * than the same table because the claim is on the folder, checked before anything is created in it:
 * another provider's start leaves no database file behind there, the check for a database an earlier
 * version kept in `./data` is about files, and the folders in use already carry the file.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ConfigError, defaultDataDir } from '../../env.ts';
import { databaseFileName } from './database.ts';

/** The file in a data folder that names the provider whose data it holds. */
export const ownerFileName = 'provider';

const ownerOf = (dataDir: string): string | undefined => {
	const file = join(dataDir, ownerFileName);
	return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
};

/**
 * Makes sure `dataDir` holds `providerId`'s data only, and records it for the next start; throws a
 * {@link ConfigError} naming the folder's owner otherwise. A folder without an owner yet (created
 * before owners were recorded) becomes the first provider's to use it.
 */
export function claimDataDir(dataDir: string, providerId: string): void {
	if (dataDir === ':memory:') return;
	const owner = ownerOf(dataDir);
	if (owner !== undefined && owner !== providerId) {
		throw new ConfigError(
			`Invalid configuration:\n  DATA_DIR ${dataDir} holds the accounts and emails of provider “${owner}”, not “${providerId}”. ` +
				`Give each provider a folder of its own (DATA_DIR=${defaultDataDir(providerId)}), or start provider “${owner}”.`,
		);
	}
	// Data kept in `./data` by an earlier version for this provider must not silently stay behind.
	const legacy = defaultDataDir('default');
	if (dataDir === defaultDataDir(providerId) && providerId !== 'default' && existsSync(join(legacy, databaseFileName)) && (ownerOf(legacy) ?? providerId) === providerId && !existsSync(join(dataDir, databaseFileName))) {
		throw new ConfigError(
			`Invalid configuration:\n  ${legacy} holds a database without its provider's name, from an earlier version, and provider “${providerId}” now keeps its data in ${dataDir}. ` +
				`To keep those accounts, set DATA_DIR=${legacy} (or move ${databaseFileName} into ${dataDir}); if they are the default provider's, start it once first.`,
		);
	}
	if (owner === undefined) {
		mkdirSync(dataDir, { recursive: true, mode: 0o700 });
		writeFileSync(join(dataDir, ownerFileName), `${providerId}\n`, { mode: 0o600 });
	}
}
