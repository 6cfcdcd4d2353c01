import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { describe, expect, test } from 'vitest';

import { navixyPasswordPolicy, nistPasswordPolicy } from '../signup/password-policy.ts';
import { ConfigError, loadConfig } from './env.ts';

describe('configuration from the environment', () => {
	test('has a default for everything', () => {
		const config = loadConfig({});
		expect(config).toMatchObject({
			port: 4321,
			host: 'localhost',
			dataDir: './data',
			staticDir: 'dist',
			smtpUrl: null,
			corsOrigins: [],
			trustProxy: false,
			rules: { resendCooldownSeconds: 300, confirmationTtlSeconds: 86_400, resetTtlSeconds: 3600, maxCodeAttempts: 5 },
			hashing: { logN: 17 },
			rateLimits: { register: { points: 20, seconds: 3600 } },
		});
		expect(config.provider).toMatchObject({
			name: null,
			sender: { address: 'no-reply@localhost', name: null },
			siteUrl: 'http://localhost:4321',
			selfRegistration: true,
			passwordPolicy: nistPasswordPolicy,
		});
	});

	test('reads the provider and the rules', () => {
		const config = loadConfig({
			PROVIDER_NAME: 'Acme',
			PROVIDER_SENDER: 'hello@acme.test',
			PROVIDER_SUPPORT_EMAIL: 'help@acme.test',
			SITE_URL: 'https://help.acme.test/',
			PASSWORD_POLICY: 'navixy',
			SELF_REGISTRATION: 'false',
			CORS_ORIGINS: 'https://a.test, https://b.test/',
			RATE_LIMIT_STATUS: '5/10',
			SMTP_URL: 'smtp://mail.acme.test:587',
			PORT: '',
		});
		expect(config.provider).toMatchObject({
			name: 'Acme',
			sender: { address: 'hello@acme.test' },
			support: { email: 'help@acme.test' },
			siteUrl: 'https://help.acme.test',
			passwordPolicy: navixyPasswordPolicy,
			selfRegistration: false,
		});
		expect(config.provider.support).toEqual({ email: 'help@acme.test' });
		expect(config.corsOrigins).toEqual(['https://a.test', 'https://b.test']);
		expect(config.rateLimits.status).toEqual({ points: 5, seconds: 10 });
		expect(config.smtpUrl).toBe('smtp://mail.acme.test:587');
		expect(config.port).toBe(4321);
	});

	test('names every wrong variable and what is wrong with it', () => {
		expect(() => loadConfig({ PORT: 'eighty', SMTP_URL: 'http://x', PROVIDER_COLOR: 'red', RATE_LIMIT_EMAIL: 'lots' })).toThrow(ConfigError);
		try {
			loadConfig({ PORT: 'eighty', SMTP_URL: 'http://x', PROVIDER_COLOR: 'red', RATE_LIMIT_EMAIL: 'lots' });
		} catch (error) {
			const message = (error as Error).message;
			expect(message).toContain('PORT must be a number (got "eighty")');
			expect(message).toContain('SMTP_URL must be an smtp:// or smtps:// URL (got "http://x")');
			expect(message).toContain('PROVIDER_COLOR must be a colour like #1f5fbf (got "red")');
			expect(message).toContain('RATE_LIMIT_EMAIL must be <requests>/<seconds>, like 20/3600 (got "lots")');
		}
	});

	test('accepts the default sender when it is given explicitly', () => {
		expect(loadConfig({ PROVIDER_SENDER: 'no-reply@localhost' }).provider.sender.address).toBe('no-reply@localhost');
		expect(() => loadConfig({ PROVIDER_SENDER: 'Acme <a@b.c>' })).toThrow('PROVIDER_SENDER must be an address like no-reply@example.com');
	});

	test('the development mailbox is off unless DEV_MAILBOX=true, whatever NODE_ENV says', () => {
		expect(loadConfig({ NODE_ENV: 'Production' }).devMailbox).toEqual({ enabled: false, open: false });
		expect(loadConfig({ DEV_MAILBOX: 'true', DEV_MAILBOX_OPEN: 'true' }).devMailbox).toEqual({ enabled: true, open: true });
		expect(loadConfig({ NODE_ENV: 'production', SMTP_URL: 'smtps://mail.acme.test' }).smtpUrl).toBe('smtps://mail.acme.test');
	});

	test('the server exits with status 1 and the message on a bad configuration', () => {
		const main = fileURLToPath(new URL('./main.ts', import.meta.url));
		const run = spawnSync(process.execPath, [main], { env: { PATH: process.env['PATH'] ?? '', PORT: '99999', DATA_DIR: ':memory:' }, encoding: 'utf8' });
		expect(run.status).toBe(1);
		expect(run.stderr).toContain('PORT must be at most 65535 (got "99999")');
	});
});
