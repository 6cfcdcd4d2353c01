import { describe, expect, test } from 'vitest';

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { readBuildManifest, writeBuildManifest } from '../../../providers/build-manifest.ts';
import { backendFeatures } from '../../../providers/features.ts';
import { resolveProvider } from '../../../providers/resolve.ts';
import { ProviderProfileSchema } from '../../../providers/schema.ts';
import { loadConfig } from '../../env.ts';
import { readPlatformEnv } from './config.ts';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('the contract backend’s settings', () => {
	test('reads PLATFORM_URL, PLATFORM_SECRET and PLATFORM_TIMEOUT_MS', () => {
		expect(readPlatformEnv({ PLATFORM_URL: 'https://platform.acme.com/help-center/', PLATFORM_SECRET: secret })).toEqual({
			ok: true,
			config: { url: 'https://platform.acme.com/help-center', secret, timeoutMs: 3000 },
		});
		const config = loadConfig({ DEV_MAILBOX: 'true', SIGNUP_BACKEND: 'platform', PLATFORM_URL: 'http://localhost:4350', PLATFORM_SECRET: secret, PLATFORM_TIMEOUT_MS: '500' });
		expect(config.backend).toBe('platform');
		expect(config.platform).toEqual({ url: 'http://localhost:4350', secret, timeoutMs: 500 });
	});

	test('names each mistake, and never quotes the secret', () => {
		expect(() => loadConfig({ DEV_MAILBOX: 'true', SIGNUP_BACKEND: 'platform' })).toThrow(/PLATFORM_URL is required with SIGNUP_BACKEND=platform[\s\S]*PLATFORM_SECRET is required/);
		const result = readPlatformEnv({ PLATFORM_URL: 'http://platform.acme.com', PLATFORM_SECRET: 'whsec_short-and-secret', PLATFORM_TIMEOUT_MS: '99999' });
		expect(result.ok).toBe(false);
		const issues = result.ok ? '' : result.issues.join('\n');
		expect(issues).toMatch(/PLATFORM_URL must use https \(plain http is allowed only for localhost\)/);
		expect(issues).toMatch(/PLATFORM_SECRET must be whsec_ followed by at least 24 bytes/);
		expect(issues).toMatch(/PLATFORM_TIMEOUT_MS must be at most 10000/);
		expect(issues).not.toContain('short-and-secret');
	});

	test('the profile may name the platform backend, and SIGNUP_BACKEND may choose it', () => {
		const env = { DEV_MAILBOX: 'true', PLATFORM_URL: 'https://platform.acme.com', PLATFORM_SECRET: secret };
		expect(loadConfig(env, 'platform').backend).toBe('platform');
		expect(loadConfig({ ...env, SIGNUP_BACKEND: 'local' }, 'platform')).toMatchObject({ backend: 'local', platform: null });
	});
});

describe('PLATFORM_EVENTS_URL', () => {
	test('sends account.confirmed events from any backend with a database, signed with PLATFORM_SECRET', () => {
		expect(loadConfig({ DEV_MAILBOX: 'true' }).platformEvents).toBeNull();
		expect(loadConfig({ DEV_MAILBOX: 'true', PLATFORM_EVENTS_URL: 'https://platform.acme.com/events', PLATFORM_SECRET: secret }).platformEvents).toEqual({
			url: 'https://platform.acme.com/events',
			secret,
			timeoutMs: 3000,
		});
		expect(() => loadConfig({ DEV_MAILBOX: 'true', PLATFORM_EVENTS_URL: 'https://platform.acme.com/events' })).toThrow(/PLATFORM_SECRET is required with PLATFORM_EVENTS_URL/);
		expect(() => loadConfig({ DEV_MAILBOX: 'true', PLATFORM_EVENTS_URL: 'http://platform.acme.com/events', PLATFORM_SECRET: secret })).toThrow(/PLATFORM_EVENTS_URL must use https/);
	});
});

describe('a provider on the platform backend', () => {
	test('its profile resolves with the platform row of the features table, resets in the help center', () => {
		const profile = ProviderProfileSchema.parse({ id: 'acme', loginUrl: 'https://login.acme.test/', support: { email: 'help@acme.test' }, siteUrl: 'https://help.acme.test/', backend: 'platform' });
		const provider = resolveProvider(profile);
		expect(provider.backend).toBe('platform');
		expect(provider.features).toEqual(backendFeatures.platform);
		expect(provider.forgotPasswordUrl).toBeNull();
	});

	test('its build manifest names the platform backend', () => {
		const dir = mkdtempSync(join(tmpdir(), 'platform-build-'));
		try {
			writeBuildManifest(dir, { provider: 'acme', backend: 'platform', passwordReset: 'help-center' });
			expect(readBuildManifest(dir)).toEqual({ provider: 'acme', backend: 'platform', passwordReset: 'help-center' });
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
