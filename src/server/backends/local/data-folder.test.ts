import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, expect, test } from 'vitest';

import { testProvider } from '../../../../test-support/server/test-server.ts';
import { ConfigError, defaultDataDir, loadConfig } from '../../env.ts';
import { createRuntime } from '../../runtime.ts';
import { claimDataDir, ownerFileName } from './data-folder.ts';
import { databaseFileName, openDatabase } from './database.ts';

let scratch = '';
beforeEach(() => {
	scratch = mkdtempSync(join(tmpdir(), 'signup-data-folder-'));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

const runtimeFor = (providerId: string, dataDir: string) =>
	createRuntime({ config: loadConfig({ PROVIDER: providerId, DATA_DIR: dataDir, DEV_MAILBOX: 'true', SCRYPT_LOG_N: '10' }), provider: testProvider, log: () => {} });

test('each provider’s data folder defaults to its own, the default provider’s staying where it was', () => {
	expect(defaultDataDir('default')).toBe('./data');
	expect(defaultDataDir('geotrack')).toBe('./data/geotrack');
	expect(loadConfig({ PROVIDER: 'rimal' }).dataDir).toBe('./data/rimal');
	expect(loadConfig({}).dataDir).toBe('./data');
	expect(loadConfig({ PROVIDER: 'rimal', DATA_DIR: '/srv/help' }).dataDir).toBe('/srv/help');
});

test('a data folder remembers its provider and refuses another one at start-up', async () => {
	const shared = join(scratch, 'shared');
	const geotrack = await runtimeFor('geotrack', shared);
	await geotrack.stop();
	expect(readFileSync(join(shared, ownerFileName), 'utf8').trim()).toBe('geotrack');
	await expect(runtimeFor('fleetwise', shared)).rejects.toThrow(ConfigError);
	await expect(runtimeFor('fleetwise', shared)).rejects.toThrow(/holds the accounts and emails of provider “geotrack”, not “fleetwise”/);
	// The owner itself starts again.
	await (await runtimeFor('geotrack', shared)).stop();
});

test('two providers in folders of their own do not see each other’s mailbox', async () => {
	const first = await runtimeFor('geotrack', join(scratch, 'geotrack'));
	await first.db!.run("INSERT INTO dev_mailbox (outbox_id, message_id, sender, recipient, subject, html, text, created_at) VALUES (1, 'm1', 'a@x.test', 'b@x.test', 'Geotrack', '', '', 0)");
	const second = await runtimeFor('fleetwise', join(scratch, 'fleetwise'));
	expect(await second.db!.get('SELECT COUNT(*) AS n FROM dev_mailbox')).toEqual({ n: 0 });
	expect(await first.db!.get('SELECT COUNT(*) AS n FROM dev_mailbox')).toEqual({ n: 1 });
	await first.stop();
	await second.stop();
});

test('a database an earlier version kept in ./data is not silently left behind by a provider’s new default folder', () => {
	const cwd = process.cwd();
	// The check works on the default paths, relative to the working directory.
	process.chdir(scratch);
	try {
		openDatabase('./data').close();
		expect(() => claimDataDir(defaultDataDir('geotrack'), 'geotrack')).toThrow(/set DATA_DIR=\.\/data/);
		expect(existsSync(join('data', 'geotrack', ownerFileName))).toBe(false);
		// Once the default provider has claimed it, the others get folders of their own.
		claimDataDir('./data', 'default');
		claimDataDir(defaultDataDir('geotrack'), 'geotrack');
		expect(readFileSync(join('data', 'geotrack', ownerFileName), 'utf8').trim()).toBe('geotrack');
		expect(existsSync(join('data', databaseFileName))).toBe(true);
	} finally {
		process.chdir(cwd);
	}
});

test('an in-memory database belongs to nobody', () => {
	expect(() => claimDataDir(':memory:', 'geotrack')).not.toThrow();
});
