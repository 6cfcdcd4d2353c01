/**
 * The server refuses to serve a site built for another provider, backend or reset mode: the real server
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
		const server = await startServerProcess(env(site({ provider: 'geotrack', backend: 'local', passwordReset: 'help-center' }), { PROVIDER: 'geotrack' }));
		try {
			expect((await fetch(`${server.url}/`)).status).toBe(200);
		} finally {
			server.child.kill('SIGTERM');
			await server.exited;
		}
	});

	test('stops when the site was built for another provider, naming both', async () => {
		const start = startServerProcess(env(site({ provider: 'geotrack', backend: 'local', passwordReset: 'help-center' }), { PROVIDER: 'fleetwise' }));
		await expect(start).rejects.toThrow(/exited \(1\)[\s\S]*built for the provider "geotrack" with the local backend, but this server is for the provider "fleetwise" with the local backend/);
	});

	test('stops when the site was built for another backend, naming both', async () => {
		const start = startServerProcess(env(site({ provider: 'default', backend: 'navixy', passwordReset: 'platform' }), { PROVIDER: 'default' }));
		await expect(start).rejects.toThrow(/exited \(1\)[\s\S]*"default" with the navixy backend, but this server is for the provider "default" with the local backend[\s\S]*SIGNUP_BACKEND=navixy/);
	});

	test('stops when the site describes another reset than the server does, naming the variable', async () => {
		const traccar = { PROVIDER: 'geotrack', SIGNUP_BACKEND: 'traccar', TRACCAR_URL: 'http://127.0.0.1:9', TRACCAR_TOKEN: 'a-manager-token-of-traccar' };
		const built = site({ provider: 'geotrack', backend: 'traccar', passwordReset: 'help-center' });
		await expect(startServerProcess(env(built, { ...traccar, TRACCAR_PASSWORD_RESET: 'traccar' }))).rejects.toThrow(
			/exited \(1\)[\s\S]*built for resets on the help center's reset page, but this server completes them on the platform's own reset page[\s\S]*TRACCAR_PASSWORD_RESET=traccar npm run build/,
		);
		// Navixy: a restore email that links to the help center is a setting of the server the site must know too.
		const navixy = site({ provider: 'default', backend: 'navixy', passwordReset: 'platform' });
		const navixyEnv = {
			SIGNUP_BACKEND: 'navixy',
			NAVIXY_API_URL: 'http://127.0.0.1:9/api-v2',
			NAVIXY_UI_DOMAIN: 'track.example.com',
			NAVIXY_PANEL_LOGIN: 'panel',
			NAVIXY_PANEL_PASSWORD: 'panel-password',
			NAVIXY_RECEIPT_SECRET: 'a'.repeat(64),
			NAVIXY_PASSWORD_RESET: 'true',
		};
		await expect(startServerProcess(env(navixy, navixyEnv))).rejects.toThrow(/exited \(1\)[\s\S]*NAVIXY_PASSWORD_RESET=true npm run build/);
	});

	test('stops on a manifest from before the reset mode was recorded', async () => {
		await expect(startServerProcess(env(site({ provider: 'default', backend: 'local' })))).rejects.toThrow(/exited \(1\)[\s\S]*older build/);
	});

	test('stops when nothing says whom the site was built for', async () => {
		await expect(startServerProcess(env(site(null)))).rejects.toThrow(new RegExp(`exited \\(1\\)[\\s\\S]*no ${buildManifestFile.replace('.', '\\.')}`));
	});
});
