import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, test } from 'vitest';

import { acquireBuildLock } from './build-lock.ts';

const scratch = mkdtempSync(join(tmpdir(), 'build-lock-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const moduleUrl = new URL('./build-lock.ts', import.meta.url).href;

describe('the build lock', () => {
	test('a second build waits until the first is done', { timeout: 30_000 }, async () => {
		const folder = join(scratch, 'shared', '.astro');
		const release = await acquireBuildLock(folder);
		// Another process, as a second `astro build` would be.
		const other = spawn(process.execPath, ['--input-type=module', '-e', `const { acquireBuildLock } = await import(${JSON.stringify(moduleUrl)}); await acquireBuildLock(${JSON.stringify(folder)}, (pid) => console.log('waiting for', pid), 50); console.log('acquired');`], {
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let output = '';
		other.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(output).toContain(`waiting for ${process.pid}`);
		expect(output).not.toContain('acquired');
		release();
		await new Promise((resolve) => other.once('exit', resolve));
		expect(output).toContain('acquired');
	});

	test('a lock left by a build that died is taken over', async () => {
		const folder = join(scratch, 'stale', '.astro');
		const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
		mkdirSync(join(folder, 'build.lock'), { recursive: true });
		writeFileSync(join(folder, 'build.lock', 'pid'), dead.stdout.trim());
		const release = await acquireBuildLock(folder);
		release();
	});
});

