import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, describe, expect, test } from 'vitest';

import { buildManifestFile } from '../src/providers/build-manifest.ts';
import { staleReason } from './site-freshness.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'signup-start-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Whether something accepts connections on the port. */
function listening(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect({ host: '127.0.0.1', port }, () => {
			socket.destroy();
			resolve(true);
		});
		socket.on('error', () => resolve(false));
	});
}

describe('npm start', () => {
	test('stops the server and frees the port on SIGTERM, as a process supervisor sends it', { timeout: 60_000 }, async () => {
		// A process group of its own, so whatever is left can be cleaned up whatever happens.
		const npm = spawn('npm', ['start'], {
			cwd: root,
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
			env: { ...process.env, SKIP_BUILD: '1', PORT: '0', HOST: '127.0.0.1', DATA_DIR: join(scratch, 'data'), STATIC_DIR: join(scratch, 'no-site') },
		});
		try {
			let output = '';
			const port = await new Promise<number>((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error(`npm start did not listen:\n${output}`)), 40_000);
				const onData = (chunk: Buffer) => {
					output += chunk.toString();
					const match = /Listening on http:\/\/[^:]+:(\d+)\//.exec(output);
					if (match) {
						clearTimeout(timer);
						resolve(Number(match[1]));
					}
				};
				npm.stdout.on('data', onData);
				npm.stderr.on('data', onData);
			});
			expect(await listening(port)).toBe(true);
			const exited = new Promise((resolve) => npm.once('exit', resolve));
			npm.kill('SIGTERM');
			await exited;
			// The server may take a moment to close its connections; it has 10 s before it is forced out.
			const deadline = Date.now() + 15_000;
			while ((await listening(port)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
			expect(await listening(port), `the port ${port} is still held after SIGTERM:\n${output}`).toBe(false);
			expect(output).toContain('SIGTERM: stopping');
		} finally {
			try {
				process.kill(-npm.pid!, 'SIGKILL');
			} catch {
				// Nothing was left.
			}
		}
	});
});

describe('whether npm start builds first', () => {
	const dist = join(scratch, 'dist');
	const project = join(scratch, 'project');
	mkdirSync(join(project, 'src'), { recursive: true });
	writeFileSync(join(project, 'src', 'page.mdx'), '# Page');
	const past = new Date(Date.now() - 60_000);
	utimesSync(join(project, 'src', 'page.mdx'), past, past);
	utimesSync(join(project, 'src'), past, past);

	test('a site the build marked for the same provider is used as it is', () => {
		mkdirSync(dist, { recursive: true });
		writeFileSync(join(dist, 'index.html'), '<h1>Home</h1>');
		// Built after the sources and well before the next change, so the test does not race the clock.
		const builtAt = new Date(Date.now() - 30_000);
		utimesSync(join(dist, 'index.html'), builtAt, builtAt);
		writeFileSync(join(dist, buildManifestFile), JSON.stringify({ provider: 'default', backend: 'local', passwordReset: 'help-center' }));
		expect(staleReason(project, dist, 'default')).toBeNull();
	});

	test('builds again when the reset variable says another reset than the site describes', () => {
		writeFileSync(join(dist, buildManifestFile), JSON.stringify({ provider: 'default', backend: 'traccar', passwordReset: 'help-center' }));
		expect(staleReason(project, dist, 'default', 'traccar', {})).toBeNull();
		expect(staleReason(project, dist, 'default', 'traccar', { TRACCAR_PASSWORD_RESET: 'traccar' })).toMatch(/not built for resets on the platform's own page/);
		writeFileSync(join(dist, buildManifestFile), JSON.stringify({ provider: 'default', backend: 'navixy', passwordReset: 'platform' }));
		expect(staleReason(project, dist, 'default', 'navixy', { NAVIXY_PASSWORD_RESET: 'true' })).toMatch(/not built for resets on the help center's page/);
		writeFileSync(join(dist, buildManifestFile), JSON.stringify({ provider: 'default', backend: 'local', passwordReset: 'help-center' }));
	});

	test('builds for another provider, after a change, or with nothing built', () => {
		expect(staleReason(project, dist, 'rimal')).toMatch(/not built for the provider "rimal"/);
		writeFileSync(join(project, 'src', 'page.mdx'), '# Changed');
		expect(staleReason(project, dist, 'default')).toMatch(/sources changed/);
		expect(staleReason(project, join(scratch, 'nothing'), 'default')).toMatch(/no built site/);
	});
});
