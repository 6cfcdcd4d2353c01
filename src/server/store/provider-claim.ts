/**
 * A PostgreSQL database remembers its provider, as a SQLite data folder does
 * (`backends/local/data-folder.ts`): two providers pointed at one `DATABASE_URL` would otherwise
 * share accounts and a development mailbox (one provider's readers told their address already has
 * an account, one provider's `/_mailbox/` showing the other's emails). The first provider to start
 * on a database records itself in `provider_claim` (migration 3); any other is refused at start-up.
 */
import { ConfigError } from '../env.ts';
import type { Store } from './store.ts';

/**
 * The database `url` names, for a message: without its password (nor the query string, where
 * libpq also accepts one), since `DATABASE_URL` is never quoted whole.
 */
export function databaseLabel(url: string): string {
	try {
		const parsed = new URL(url);
		parsed.password = '';
		parsed.search = '';
		parsed.hash = '';
		return parsed.toString();
	} catch {
		return 'the database DATABASE_URL names';
	}
}

/**
 * Makes sure the migrated PostgreSQL store `db` (at `url`) holds `providerId`'s data only, recording
 * it on the first start; throws a {@link ConfigError} naming the database's owner otherwise. A
 * database without a claim (created by an earlier version, accounts and all) becomes the first
 * provider's to start on it.
 */
export async function claimDatabase(db: Store, url: string, providerId: string, now = Date.now()): Promise<void> {
	// `ON CONFLICT DO NOTHING` waits for a concurrent claim to commit, then keeps it: replicas (or
	// two providers) starting together record one owner and all read that one. The write
	// transaction's advisory lock serialises them as well.
	const owner = await db.transaction(async (tx) => {
		await tx.run('INSERT INTO provider_claim (id, provider_id, claimed_at) VALUES (1, ?, ?) ON CONFLICT (id) DO NOTHING', providerId, now);
		return (await tx.get<{ provider_id: string }>('SELECT provider_id FROM provider_claim WHERE id = 1'))?.provider_id;
	});
	if (owner !== providerId) {
		throw new ConfigError(
			`Invalid configuration:\n  DATABASE_URL ${databaseLabel(url)} holds the accounts and emails of provider “${owner}”, not “${providerId}”. ` +
				`Give each provider a database of its own (another DATABASE_URL), or start provider “${owner}”.`,
		);
	}
}
