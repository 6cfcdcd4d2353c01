import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { describe, expect, test } from 'vitest';

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
			hashing: { logN: 17 },
			rateLimits: { register: { points: 20, seconds: 3600 } },
			backend: 'local',
			providerId: 'default',
		});
		// Nothing of the provider is invented here: the profile gives it; the server links to itself.
		expect(config.providerOverrides).toEqual({ siteUrl: 'http://localhost:4321' });
	});

	test('reads what a deployment sets over the provider’s profile', () => {
		const config = loadConfig({
			PROVIDER_NAME: 'Acme',
			PROVIDER_SENDER: 'hello@acme.test',
			PROVIDER_SUPPORT_EMAIL: 'help@acme.test',
			SITE_URL: 'https://help.acme.test/',
			PASSWORD_POLICY: 'navixy',
			SELF_REGISTRATION: 'false',
			CONFIRMATION_TTL_SECONDS: '7200',
			CORS_ORIGINS: 'https://a.test, https://b.test/',
			RATE_LIMIT_STATUS: '5/10',
			SMTP_URL: 'smtp://mail.acme.test:587',
			PORT: '',
		});
		expect(config.providerOverrides).toEqual({
			name: 'Acme',
			senderAddress: 'hello@acme.test',
			support: { email: 'help@acme.test', phone: undefined, url: undefined },
			siteUrl: 'https://help.acme.test/',
			passwordPolicy: 'navixy',
			selfRegistration: false,
			confirmationTtlSeconds: 7200,
		});
		expect(config.corsOrigins).toEqual(['https://a.test', 'https://b.test']);
		expect(config.rateLimits.status).toEqual({ points: 5, seconds: 10 });
		expect(config.smtpUrl).toBe('smtp://mail.acme.test:587');
		expect(config.port).toBe(4321);
	});

	test('takes the backend from the profile unless SIGNUP_BACKEND says otherwise', () => {
		expect(loadConfig({}, 'local').backend).toBe('local');
		expect(() => loadConfig({}, 'navixy')).toThrow(/NAVIXY_API_URL is required with SIGNUP_BACKEND=navixy/);
		expect(loadConfig({ SIGNUP_BACKEND: 'local' }, 'navixy').backend).toBe('local');
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

	test('LIMITS_URL names a PostgreSQL database for the shared limits; a wrong one is named, its password never shown', () => {
		expect(loadConfig({}).limitsUrl).toBeNull();
		expect(loadConfig({ LIMITS_URL: 'postgres://limits:s3cret@db.acme.test:5432/help' }).limitsUrl).toBe('postgres://limits:s3cret@db.acme.test:5432/help');
		expect(loadConfig({ LIMITS_URL: 'postgresql://db.acme.test/help' }).limitsUrl).toBe('postgresql://db.acme.test/help');
		expect(() => loadConfig({ LIMITS_URL: 'redis://user:s3cret@cache.acme.test' })).toThrow(/^Invalid configuration:\n {2}LIMITS_URL must be a postgres:\/\/ or postgresql:\/\/ URL$/);
	});

	test('DATABASE_URL moves the built-in backend to PostgreSQL; without it SQLite stays; a wrong one is named, its password never shown', () => {
		expect(loadConfig({}).databaseUrl).toBeNull();
		expect(loadConfig({ DATABASE_URL: 'postgres://help:s3cret@db.acme.test:5432/help' }).databaseUrl).toBe('postgres://help:s3cret@db.acme.test:5432/help');
		expect(() => loadConfig({ DATABASE_URL: 'mysql://help:s3cret@db.acme.test/help' })).toThrow(/^Invalid configuration:\n {2}DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL$/);
	});

	test('delivery: suppression time, address changes, the bounce listener and the webhooks (each all or nothing)', () => {
		const defaults = loadConfig({});
		expect(defaults.mail.suppressionMs).toBe(30 * 86_400_000);
		expect(defaults.maxAddressChanges).toBe(3);
		expect(defaults.rateLimits.changeAddress).toEqual({ points: 10, seconds: 3600 });
		expect(defaults.bounces).toBeNull();
		expect(defaults.webhooks).toEqual({ postmark: null, resend: null, ses: null });
		const set = loadConfig({
			MAIL_SUPPRESSION_DAYS: '7',
			MAX_ADDRESS_CHANGES: '1',
			BOUNCE_SMTP_PORT: '2525',
			BOUNCE_DOMAIN: 'Bounces.Example.com',
			POSTMARK_WEBHOOK_USER: 'postmark-hook',
			POSTMARK_WEBHOOK_PASSWORD: 'a long webhook password',
			RESEND_WEBHOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
			SES_SNS_TOPIC_ARN: 'arn:aws:sns:us-west-2:123456789012:MyTopic',
		});
		expect(set.mail.suppressionMs).toBe(7 * 86_400_000);
		expect(set.maxAddressChanges).toBe(1);
		expect(set.bounces).toEqual({ smtpPort: 2525, domain: 'bounces.example.com' });
		expect(set.webhooks.postmark).toEqual({ user: 'postmark-hook', password: 'a long webhook password' });
		expect(set.webhooks.resend).toEqual({ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' });
		expect(set.webhooks.ses).toEqual({ topicArn: 'arn:aws:sns:us-west-2:123456789012:MyTopic' });
		expect(() => loadConfig({ BOUNCE_DOMAIN: 'bounces.example.com' })).toThrow(/BOUNCE_SMTP_PORT is needed with BOUNCE_SMTP_PORT and BOUNCE_DOMAIN set together/);
		expect(() => loadConfig({ POSTMARK_WEBHOOK_USER: 'postmark-hook' })).toThrow(/POSTMARK_WEBHOOK_PASSWORD is needed/);
		expect(() => loadConfig({ RESEND_WEBHOOK_SECRET: 'secret' })).toThrow(/RESEND_WEBHOOK_SECRET must be the signing secret Resend shows/);
		expect(() => loadConfig({ SES_SNS_TOPIC_ARN: 'MyTopic' })).toThrow(/SES_SNS_TOPIC_ARN must be the ARN of the SNS topic/);
	});

	test('accepts a development sender and refuses a display name', () => {
		expect(loadConfig({ PROVIDER_SENDER: 'no-reply@localhost' }).providerOverrides.senderAddress).toBe('no-reply@localhost');
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
