/**
 * The server refuses to serve a site built for another provider or backend: the real server
 * process, started on a built folder whose manifest says otherwise, stops with a message naming both.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, test } from 'vitest';

import { startServerProcess } from '../../test-support/server/server-process.ts';
import { buildManifestFile } from '../providers/build-manifest.ts';

const folders: string[] = [];
afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A built site's folder with the given manifest (or none). */
function site(manifest: object | null): string {
	const dir = mkdtempSync(join(tmpdir(), 'help-center-site-'));
	folders.push(dir);
	writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Help</title>');
	if (manifest) writeFileSync(join(dir, buildManifestFile), JSON.stringify(manifest));
	return dir;
}

const env = (staticDir: string, more: Record<string, string> = {}) => ({ STATIC_DIR: staticDir, DATA_DIR: ':memory:', DEV_MAILBOX: 'true', ...more });

describe('a server started on a built site', () => {
	test('serves the site built for its provider and backend', async () => {
		const server = await startServerProcess(env(site({ provider: 'geotrack', backend: 'local' }), { PROVIDER: 'geotrack' }));
		try {
			expect((await fetch(`${server.url}/`)).status).toBe(200);
		} finally {
			server.child.kill('SIGTERM');
			await server.exited;
		}
	});

	test('stops when the site was built for another provider, naming both', async () => {
		const start = startServerProcess(env(site({ provider: 'geotrack', backend: 'local' }), { PROVIDER: 'fleetwise' }));
		await expect(start).rejects.toThrow(/exited \(1\)[\s\S]*built for the provider "geotrack" with the local backend, but this server is for the provider "fleetwise" with the local backend/);
	});

	test('stops when the site was built for another backend, naming both', async () => {
		const start = startServerProcess(env(site({ provider: 'default', backend: 'navixy' }), { PROVIDER: 'default' }));
		await expect(start).rejects.toThrow(/exited \(1\)[\s\S]*"default" with the navixy backend, but this server is for the provider "default" with the local backend[\s\S]*SIGNUP_BACKEND=navixy/);
	});

	test('stops when nothing says whom the site was built for', async () => {
		await expect(startServerProcess(env(site(null)))).rejects.toThrow(new RegExp(`exited \\(1\\)[\\s\\S]*no ${buildManifestFile.replace('.', '\\.')}`));
	});
});
