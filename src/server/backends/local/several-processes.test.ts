/**
 * Several server processes on one data folder: they open (and migrate) a new database file at the
 * same moment, and each migration is applied once, without an error in any of them.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';

import { afterAll, expect, test } from 'vitest';

import { databaseFileName } from './database.ts';
import { migrations } from './migrations.ts';

const folders: string[] = [];
afterAll(() => {
	for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A process that has loaded the database module and opens `dataDir` when told to. */
function processReadyToOpen(dataDir: string): Promise<{ go(): void; done: Promise<{ code: number | null; output: string }> }> {
	const database = fileURLToPath(new URL('./database.ts', import.meta.url));
	const script = `const { openDatabase } = await import(${JSON.stringify(database)});
		console.log('ready');
		process.stdin.once('data', () => { openDatabase(${JSON.stringify(dataDir)}).close(); process.exit(0); });`;
	const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'pipe'] });
	let output = '';
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const done = new Promise<{ code: number | null; output: string }>((resolve) => child.once('exit', (code) => resolve({ code, output })));
	return new Promise((resolve, reject) => {
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes('ready')) resolve({ go: () => child.stdin.write('go\n'), done });
		});
		child.once('exit', () => reject(new Error(`the process ended before it was ready:\n${output}`)));
	});
}

test('four processes opening a new database at once apply each migration once', async () => {
	for (let round = 0; round < 2; round++) {
		const dataDir = mkdtempSync(join(tmpdir(), 'signup-processes-'));
		folders.push(dataDir);
		const processes = await Promise.all(Array.from({ length: 4 }, () => processReadyToOpen(dataDir)));
		for (const ready of processes) ready.go();
		const results = await Promise.all(processes.map((ready) => ready.done));
		for (const result of results) expect(result, result.output).toMatchObject({ code: 0 });
		const db = new DatabaseSync(join(dataDir, databaseFileName), { readOnly: true });
		try {
			expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: migrations.length });
			expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
		} finally {
			db.close();
		}
	}
}, 60_000);
