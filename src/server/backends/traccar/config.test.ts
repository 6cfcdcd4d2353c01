/** The Traccar variables: read, checked, never quoting the token. */
import { describe, expect, test } from 'vitest';

import { ConfigError, loadConfig } from '../../env.ts';

const token = 'tc-0123456789abcdef-secret';

describe('the Traccar configuration', () => {
	test('reads the server, the token and the defaults; the profile or SIGNUP_BACKEND names the backend', () => {
		const config = loadConfig({ TRACCAR_URL: 'https://track.example.com/api/', TRACCAR_TOKEN: token, SMTP_URL: 'smtp://mail.example.com' }, 'traccar');
		expect(config.backend).toBe('traccar');
		expect(config.traccar).toEqual({ url: 'https://track.example.com', token, passwordReset: 'help-center', deviceLimit: null, timeoutMs: 10_000 });
		expect(loadConfig({ SIGNUP_BACKEND: 'traccar', TRACCAR_URL: 'http://127.0.0.1:8082', TRACCAR_TOKEN: token }).backend).toBe('traccar');
		// The other backends never read them.
		expect(loadConfig({ TRACCAR_URL: 'not a url' }).traccar).toBeNull();
	});

	test('TRACCAR_PASSWORD_RESET=traccar hands resets to Traccar, and the resolved provider learns it', () => {
		const config = loadConfig({ SIGNUP_BACKEND: 'traccar', TRACCAR_URL: 'https://t.example.com', TRACCAR_TOKEN: token, TRACCAR_PASSWORD_RESET: 'traccar', TRACCAR_DEVICE_LIMIT: '-1' });
		expect(config.traccar).toMatchObject({ passwordReset: 'traccar', deviceLimit: -1 });
		expect(config.providerOverrides).toMatchObject({ backend: 'traccar', passwordReset: 'platform' });
	});

	test('names each wrong variable, and never quotes the token', () => {
		let message = '';
		try {
			loadConfig({ SIGNUP_BACKEND: 'traccar', TRACCAR_URL: 'ftp://x', TRACCAR_TOKEN: 'short-secret', TRACCAR_PASSWORD_RESET: 'both', TRACCAR_DEVICE_LIMIT: '-5' });
		} catch (error) {
			expect(error).toBeInstanceOf(ConfigError);
			message = (error as Error).message;
		}
		expect(message).toContain('TRACCAR_URL must be the http(s) address of the Traccar server');
		expect(message).toContain('TRACCAR_TOKEN is too short to be a Traccar token');
		expect(message).toContain('TRACCAR_PASSWORD_RESET must be help-center or traccar (got "both")');
		expect(message).toContain('TRACCAR_DEVICE_LIMIT must be -1 (unlimited) or more (got "-5")');
		expect(message).not.toContain('short-secret');
		expect(() => loadConfig({ SIGNUP_BACKEND: 'traccar' })).toThrow(/TRACCAR_TOKEN must be set/);
	});

	test('needs SMTP in production: the help center sends its own emails on Traccar', () => {
		expect(() => loadConfig({ NODE_ENV: 'production', SIGNUP_BACKEND: 'traccar', TRACCAR_URL: 'https://t.example.com', TRACCAR_TOKEN: token })).toThrow(/SMTP_URL is required/);
	});
});
