/**
 * A PostgreSQL database remembers its provider (`provider-claim.ts`), on a real server: the first
 * claim, the owner again, another provider refused (without the password in the message), replicas
 * and rival providers starting at once, a database from before claims, and the server process
 * stopping with the message.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { afterAll, expect, test } from 'vitest';

import { postgresStores } from '../../../test-support/postgres/postgres-stores.ts';
import { ConfigError } from '../env.ts';
import { openPostgresStore } from './postgres-store.ts';
import { claimDatabase, databaseLabel } from './provider-claim.ts';
import type { Store } from './store.ts';

const stores = postgresStores();
afterAll(() => stores.stop());

const open = (url: string) => openPostgresStore(url, { poolSize: 2, log: () => {} });

/** `url` with a password (the test server trusts every local connection, so any password works). */
function withPassword(url: string, password: string): string {
	const parsed = new URL(url);
	parsed.password = password;
	return parsed.toString();
}

/** Opens `count` stores on `url`, runs `work` on them and closes them. */
async function withStores<T>(url: string, count: number, work: (opened: Store[]) => Promise<T>): Promise<T> {
	const opened = await Promise.all(Array.from({ length: count }, () => open(url)));
	try {
		return await work(opened);
	} finally {
		await Promise.all(opened.map((store) => store.close()));
	}
}

const ownerOf = async (store: Store) => (await store.get<{ provider_id: string }>('SELECT provider_id FROM provider_claim'))?.provider_id;

test('the first provider to start claims the database, and starts again on it', async () => {
	const url = await stores.schemaUrl();
	await withStores(url, 1, async ([store]) => {
		expect(await ownerOf(store!)).toBeUndefined();
		await claimDatabase(store!, url, 'geotrack', 1_800_000_000_000);
		expect(await store!.all('SELECT provider_id, claimed_at FROM provider_claim')).toEqual([{ provider_id: 'geotrack', claimed_at: 1_800_000_000_000 }]);
	});
	// A later start (a new process) of the owner.
	await withStores(url, 1, async ([store]) => {
		await expect(claimDatabase(store!, url, 'geotrack')).resolves.toBeUndefined();
		expect(await store!.all('SELECT provider_id, claimed_at FROM provider_claim')).toEqual([{ provider_id: 'geotrack', claimed_at: 1_800_000_000_000 }]);
	});
});

test('another provider is refused with a message naming the database, both providers and what to do, never the password', async () => {
	const url = withPassword(await stores.schemaUrl(), 'hunter2-secret');
	await withStores(url, 1, async ([store]) => {
		await claimDatabase(store!, url, 'geotrack');
		const refusal = await claimDatabase(store!, url, 'fleetwise').then(
			() => null,
			(error: unknown) => error,
		);
		expect(refusal).toBeInstanceOf(ConfigError);
		const message = (refusal as ConfigError).message;
		expect(message).toContain(`DATABASE_URL ${databaseLabel(url)} holds the accounts and emails of provider “geotrack”, not “fleetwise”`);
		expect(message).toContain('Give each provider a database of its own (another DATABASE_URL), or start provider “geotrack”.');
		expect(message).toMatch(/postgres:\/\/postgres@127\.0\.0\.1:\d+\/test_/);
		expect(message).not.toContain('hunter2-secret');
		expect(message).not.toContain('search_path');
		expect(await ownerOf(store!)).toBe('geotrack');
	});
});

test('the label of a URL drops the password and the query string, and does not quote what it cannot parse', () => {
	expect(databaseLabel('postgres://app:s3cret@db.example.com:5432/helpcenter?password=other&sslmode=require')).toBe('postgres://app@db.example.com:5432/helpcenter');
	expect(databaseLabel('host=db password=s3cret')).toBe('the database DATABASE_URL names');
});

test('four replicas of one provider starting at once all claim the fresh database', async () => {
	const url = await stores.schemaUrl();
	await withStores(url, 4, async (opened) => {
		const claims = await Promise.allSettled(opened.map((store) => claimDatabase(store, url, 'geotrack')));
		expect(claims.filter((claim) => claim.status === 'rejected')).toEqual([]);
		expect(await opened[0]!.all('SELECT provider_id FROM provider_claim')).toEqual([{ provider_id: 'geotrack' }]);
	});
});

test('two providers starting at once on a fresh database: one wins, every start of the other is refused', async () => {
	for (let round = 0; round < 3; round++) {
		const url = await stores.schemaUrl();
		await withStores(url, 6, async (opened) => {
			const providers = opened.map((_, index) => (index % 2 ? 'fleetwise' : 'geotrack'));
			const claims = await Promise.allSettled(opened.map((store, index) => claimDatabase(store, url, providers[index]!)));
			const winner = await ownerOf(opened[0]!);
			const loser = winner === 'geotrack' ? 'fleetwise' : 'geotrack';
			expect(['geotrack', 'fleetwise']).toContain(winner);
			claims.forEach((claim, index) => {
				if (providers[index] === winner) expect(claim.status).toBe('fulfilled');
				else {
					expect(claim.status).toBe('rejected');
					const reason = (claim as PromiseRejectedResult).reason as Error;
					expect(reason).toBeInstanceOf(ConfigError);
					expect(reason.message).toContain(`provider “${winner}”, not “${loser}”`);
				}
			});
		});
	}
});

test('a database from before claims, accounts and all, becomes the first starting provider’s', async () => {
	const url = await stores.schemaUrl();
	// The layout an earlier version left: schema version 2, no claim table, an account.
	await withStores(url, 1, async ([store]) => {
		await store!.run('DROP TABLE provider_claim');
		await store!.run('UPDATE schema_version SET version = 2');
		await store!.run("INSERT INTO accounts (email, password_hash, locale, created_at) VALUES ('ann@example.com', 'h', 'en', 1)");
	});
	await withStores(url, 1, async ([store]) => {
		await claimDatabase(store!, url, 'fleetwise');
		expect(await ownerOf(store!)).toBe('fleetwise');
		expect(await store!.all('SELECT email FROM accounts')).toEqual([{ email: 'ann@example.com' }]);
		await expect(claimDatabase(store!, url, 'geotrack')).rejects.toThrow(/provider “fleetwise”, not “geotrack”/);
	});
});

test('the server process stops before listening on a database another provider owns, saying why', async () => {
	const url = withPassword(await stores.schemaUrl(), 'hunter2-secret');
	await withStores(url, 1, ([store]) => claimDatabase(store!, url, 'geotrack'));
	const main = fileURLToPath(new URL('../main.ts', import.meta.url));
	const stopped = await promisify(execFile)(process.execPath, [main], {
		env: { PATH: process.env['PATH'] ?? '', PORT: '0', HOST: '127.0.0.1', PROVIDER: 'fleetwise', DATABASE_URL: url, DEV_MAILBOX: 'true', STATIC_DIR: 'no-such-dir', SCRYPT_LOG_N: '10' },
		// A server that starts anyway would listen for ever.
		timeout: 20_000,
	}).then(
		({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
		(error: { code: number | null; stdout: string; stderr: string }) => ({ code: error.code, output: error.stdout + error.stderr }),
	);
	expect(stopped.code).toBe(1);
	expect(stopped.output).toContain('holds the accounts and emails of provider “geotrack”, not “fleetwise”');
	expect(stopped.output).not.toContain('hunter2-secret');
	expect(stopped.output).not.toContain('Listening on');
});
