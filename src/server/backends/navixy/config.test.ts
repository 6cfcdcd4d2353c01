import { describe, expect, test } from 'vitest';

import { ConfigError, loadConfig } from '../../env.ts';
import { readNavixyEnv } from './config.ts';

const complete = {
	SIGNUP_BACKEND: 'navixy',
	NAVIXY_API_URL: 'https://api.eu.navixy.com/v2/',
	NAVIXY_UI_DOMAIN: 'Track.Acme.com',
	NAVIXY_PANEL_LOGIN: 'acme',
	NAVIXY_PANEL_PASSWORD: 'panel secret',
	NAVIXY_RECEIPT_SECRET: 'x'.repeat(32),
};

/** The message of the ConfigError `loadConfig` throws for `env`. */
function configError(env: Record<string, string>): string {
	try {
		loadConfig(env);
	} catch (error) {
		expect(error).toBeInstanceOf(ConfigError);
		return (error as Error).message;
	}
	throw new Error('no ConfigError');
}

describe('SIGNUP_BACKEND=navixy configuration', () => {
	test('the built-in backend stays the default and needs no Navixy variable', () => {
		expect(loadConfig({})).toMatchObject({ backend: 'local', navixy: null });
	});

	test('reads every variable, with defaults for the optional ones', () => {
		const config = loadConfig(complete);
		expect(config.backend).toBe('navixy');
		expect(config.navixy).toEqual({
			apiUrl: 'https://api.eu.navixy.com/v2',
			uiDomain: 'track.acme.com',
			panelLogin: 'acme',
			panelPassword: 'panel secret',
			receiptSecret: 'x'.repeat(32),
			timeoutMs: 5000,
			settingsTtlSeconds: 60,
			sendActivation: true,
			// No UTC default: the dealer's default_user_time_zone, checked against timezone/list at start.
			timeZone: null,
			nameFallback: '-',
			passwordReset: false,
			loginUrl: 'https://track.acme.com/login/?partition=user',
		});
		const tuned = readNavixyEnv({
			...complete,
			NAVIXY_TIMEOUT_MS: '2500',
			NAVIXY_SETTINGS_TTL_SECONDS: '30',
			NAVIXY_SEND_ACTIVATION: 'false',
			NAVIXY_TIME_ZONE: 'Europe/Berlin',
			NAVIXY_NAME_FALLBACK: 'Client',
			NAVIXY_PASSWORD_RESET: 'true',
			PROVIDER_LOGIN_URL: 'https://login.acme.com/',
		});
		expect(tuned).toMatchObject({
			ok: true,
			config: { timeoutMs: 2500, settingsTtlSeconds: 30, sendActivation: false, timeZone: 'Europe/Berlin', nameFallback: 'Client', passwordReset: true, loginUrl: 'https://login.acme.com/' },
		});
	});

	test('names every missing variable', () => {
		const message = configError({ SIGNUP_BACKEND: 'navixy' });
		for (const name of ['NAVIXY_API_URL', 'NAVIXY_UI_DOMAIN', 'NAVIXY_PANEL_LOGIN', 'NAVIXY_PANEL_PASSWORD', 'NAVIXY_RECEIPT_SECRET']) {
			expect(message).toMatch(new RegExp(`^  ${name} is required with SIGNUP_BACKEND=navixy`, 'm'));
		}
	});

	test('names every wrong value, together with the other variables’ mistakes', () => {
		const message = configError({
			...complete,
			PORT: 'eighty',
			NAVIXY_API_URL: 'http://api.eu.navixy.com/v2',
			NAVIXY_UI_DOMAIN: 'https://track.acme.com/',
			NAVIXY_TIMEOUT_MS: '30000',
			NAVIXY_SEND_ACTIVATION: 'maybe',
			NAVIXY_TIME_ZONE: 'UTC',
			NAVIXY_NAME_FALLBACK: 'no_name',
			NAVIXY_PASSWORD_RESET: 'sometimes',
		});
		expect(message).toContain('PORT must be a number (got "eighty")');
		expect(message).toContain('NAVIXY_API_URL must use https (plain http is allowed only for localhost) (got "http://api.eu.navixy.com/v2")');
		expect(message).toContain('NAVIXY_UI_DOMAIN must be a host name like track.acme.com (no scheme, no path) (got "https://track.acme.com/")');
		expect(message).toContain('NAVIXY_TIMEOUT_MS must be at most 5000 (got "30000")');
		expect(message).toContain('NAVIXY_SEND_ACTIVATION must be true or false (got "maybe")');
		expect(message).toContain('NAVIXY_TIME_ZONE must be a region time zone of the platform’s timezone/list, like Europe/London or America/New_York (UTC is not one) (got "UTC")');
		expect(message).toContain('NAVIXY_NAME_FALLBACK may hold only letters, digits, spaces and');
		expect(message).toContain('NAVIXY_PASSWORD_RESET must be true or false (got "sometimes")');
		expect(loadConfig({ ...complete, NAVIXY_API_URL: 'http://127.0.0.1:8080/v2' }).navixy?.apiUrl).toBe('http://127.0.0.1:8080/v2');
	});

	test('never quotes a secret in a message', () => {
		const message = configError({ ...complete, NAVIXY_RECEIPT_SECRET: 'short-secret-value' });
		expect(message).toContain('NAVIXY_RECEIPT_SECRET must be at least 32 bytes long');
		expect(message).not.toContain('short-secret-value');
	});

	test('needs no SMTP in production: the platform sends its own mail', () => {
		expect(loadConfig({ ...complete, NODE_ENV: 'production' }).backend).toBe('navixy');
		expect(configError({ SIGNUP_BACKEND: 'nope' })).toContain('SIGNUP_BACKEND must be local, navixy, traccar or platform (got "nope")');
	});
});
