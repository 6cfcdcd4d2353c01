/**
 * `npm run provider:new` against the test platform: a profile from `dealer/get_ui_config` that
 * passes the profile schema, with the logo downloaded; a platform that is down or does not know
 * the domain (code 12) gives a clear message and leaves nothing behind.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { afterEach, beforeEach, describe, expect, test } from 'vitest';

import { parseProfile } from '../src/providers/load.ts';
import { systemClock } from '../src/server/clock.ts';
import { startTestPlatform, type TestPlatform } from '../test-support/navixy/test-platform.ts';
import { startTestTraccar } from '../test-support/traccar/test-traccar.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const logoSvg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>';

let platform: TestPlatform;
let logoServer: Server;
let logoUrl: string;
let providersDir: string;
beforeEach(async () => {
	platform = await startTestPlatform({ clock: systemClock, uiDomain: 'track.acme.test', panelLogin: 'panel', panelPassword: 'panel-pw', rateLimits: null });
	logoServer = createServer((request, response) => {
		if (request.url === '/logo.svg') response.writeHead(200, { 'Content-Type': 'image/svg+xml' }).end(logoSvg);
		else response.writeHead(404).end();
	});
	await new Promise<void>((resolve) => logoServer.listen(0, '127.0.0.1', () => resolve()));
	logoUrl = `http://127.0.0.1:${(logoServer.address() as AddressInfo).port}/logo.svg`;
	providersDir = mkdtempSync(join(tmpdir(), 'providers-'));
});
afterEach(async () => {
	await platform.close();
	await new Promise<void>((resolve) => logoServer.close(() => resolve()));
	rmSync(providersDir, { recursive: true, force: true });
});

function providerNew(...args: string[]): Promise<{ code: number | null; output: string }> {
	const child = spawn(process.execPath, ['scripts/provider-new.ts', '--providers-dir', providersDir, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

async function importProfile(id: string): Promise<unknown> {
	const module = (await import(/* @vite-ignore */ `${pathToFileURL(join(providersDir, id, 'profile.ts')).href}?t=${Date.now()}`)) as { default: unknown };
	return module.default;
}

const essentials = ['--support-email', 'help@acme.test', '--site-url', 'https://help.acme.test/'];

describe('npm run provider:new', () => {
	test('from the platform: the service title, self-registration, the policy, the privacy link, the logo and the login page', async () => {
		platform.updateSettings({
			service_title: 'Acme Tracking',
			allow_registration: true,
			privacy_policy_link: 'https://acme.test/privacy',
			tos: 'Terms Of Service text',
			logo: logoUrl,
			password_policy: { min_length: 14, max_length: 30, min_digits_count: 2, min_uppercase_count: 1, min_lowercase_count: 1, min_special_chars_count: 1, special_chars: '!@#$' },
		});
		const result = await providerNew('--navixy-api', platform.url, '--domain', 'track.acme.test', ...essentials);
		expect(result.code, result.output).toBe(0);
		expect(readdirSync(providersDir)).toEqual(['acme']);
		expect(readFileSync(join(providersDir, 'acme', 'logo.svg'), 'utf8')).toBe(logoSvg);
		const data = await importProfile('acme');
		const profile = parseProfile(data, 'profile.ts', join(providersDir, 'acme'));
		expect(profile).toMatchObject({
			id: 'acme',
			name: 'Acme Tracking',
			backend: 'navixy',
			logo: { light: 'logo.svg' },
			loginUrl: 'https://track.acme.test/login/',
			selfRegistration: true,
			passwordPolicy: { minLength: 14, maxLength: 30, minDigits: 2, specialCharacters: '!@#$' },
			privacyUrl: 'https://acme.test/privacy',
			support: { email: 'help@acme.test' },
			siteUrl: 'https://help.acme.test/',
		});
		// tos is text here, not a link: no terms link is invented.
		expect(profile.termsUrl).toBeUndefined();
		expect(readFileSync(join(providersDir, 'acme', 'profile.ts'), 'utf8')).toContain("import type { ProviderProfileInput } from '../schema.ts';");
	});

	test('a platform without a policy or with registration off: the documented policy, and the form off', async () => {
		platform.updateSettings({ allow_registration: false, logo: null });
		const result = await providerNew('--navixy-api', platform.url, '--domain', 'track.acme.test', '--id', 'acme-eu', ...essentials);
		expect(result.code, result.output).toBe(0);
		const profile = parseProfile(await importProfile('acme-eu'), 'profile.ts', join(providersDir, 'acme-eu'));
		expect(profile).toMatchObject({ selfRegistration: false, passwordPolicy: { minLength: 12, maxLength: 20 } });
		expect(profile.logo).toBeUndefined();
	});

	test.each([
		['a platform that is down', () => ['--navixy-api', 'http://127.0.0.1:9/v2', '--domain', 'track.acme.test'], 'Could not read the platform at http://127.0.0.1:9/v2'],
		['a domain the platform does not know (12)', () => ['--navixy-api', platform.url, '--domain', 'track.other.test'], 'knows no provider for the domain track.other.test (code 12)'],
		['no support channel', () => ['--navixy-api', platform.url, '--domain', 'track.acme.test', '--site-url', 'https://help.acme.test/'], 'Missing one of --support-email, --support-phone, --support-url'],
	])('%s: a clear message, exit 1, nothing written', async (_what, args, message) => {
		const result = await providerNew(...args(), ...(message.startsWith('Missing') ? [] : essentials));
		expect(result.code, result.output).toBe(1);
		expect(result.output).toContain(message);
		expect(readdirSync(providersDir)).toEqual([]);
	});

	test('without a platform, the flags give a valid profile (the built-in backend)', async () => {
		const result = await providerNew('--id', 'fleetco', '--name', 'FleetCo', '--login-url', 'https://app.fleetco.test/login/', '--support-phone', '+44 20 7946 0000', '--site-url', 'https://help.fleetco.test/', '--locales', 'en,fr');
		expect(result.code, result.output).toBe(0);
		const profile = parseProfile(await importProfile('fleetco'), 'profile.ts', join(providersDir, 'fleetco'));
		expect(profile).toMatchObject({ id: 'fleetco', name: 'FleetCo', backend: 'local', locales: ['en', 'fr'], support: { phone: '+44 20 7946 0000' } });
	});

	test('an existing folder is not replaced without --force; an invalid value names the field', async () => {
		expect((await providerNew('--navixy-api', platform.url, '--domain', 'track.acme.test', ...essentials)).code).toBe(0);
		const again = await providerNew('--navixy-api', platform.url, '--domain', 'track.acme.test', ...essentials);
		expect(again.code).toBe(1);
		expect(again.output).toContain('exists already');
		const invalid = await providerNew('--id', 'bad', '--login-url', 'ftp://x', '--support-email', 'help@acme.test', '--site-url', 'https://help.acme.test/');
		expect(invalid.code).toBe(1);
		expect(invalid.output).toContain('loginUrl: Use a full http(s) address');
		expect(existsSync(join(providersDir, 'bad'))).toBe(false);
		expect(readdirSync(providersDir)).toEqual(['acme']);
	});

	test('from a Traccar server: its title, logo and links, the server as the login page, backend traccar', async () => {
		const traccar = await startTestTraccar({
			clock: systemClock,
			settings: { attributes: { title: 'Acme Fleet', logo: logoUrl, colorPrimary: '#0b6e4f', termsUrl: 'https://acme.test/terms', privacyUrl: 'https://acme.test/privacy' } },
		});
		try {
			const result = await providerNew('--traccar', traccar.url, '--id', 'acme-fleet', ...essentials);
			expect(result.code, result.output).toBe(0);
			const profile = parseProfile(await importProfile('acme-fleet'), 'profile.ts', join(providersDir, 'acme-fleet'));
			expect(profile).toMatchObject({
				name: 'Acme Fleet',
				backend: 'traccar',
				logo: { light: 'logo.svg' },
				loginUrl: `${traccar.url}/`,
				termsUrl: 'https://acme.test/terms',
				privacyUrl: 'https://acme.test/privacy',
			});
			expect(profile.colors).toBeUndefined();
			expect(result.output).toContain('primary colour is #0b6e4f');
		} finally {
			await traccar.close();
		}
	});

	test('a Traccar server with no users yet is refused, as the backend refuses it; nothing written', async () => {
		const traccar = await startTestTraccar({ clock: systemClock, empty: true });
		try {
			const result = await providerNew('--traccar', traccar.url, '--id', 'acme-fleet', ...essentials);
			expect(result.code).toBe(1);
			expect(result.output).toContain('has no users yet');
			expect(readdirSync(providersDir)).toEqual([]);
		} finally {
			await traccar.close();
		}
	});
});
