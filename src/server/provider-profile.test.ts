import { describe, expect, test } from 'vitest';

import { loadProvider } from '../providers/load.ts';
import { loadConfig } from './env.ts';
import { applyProfile } from './provider-profile.ts';

const root = process.cwd();

describe('applyProfile', () => {
	test('brands the server with the profile', async () => {
		const env = {};
		const settings = applyProfile(loadConfig(env).provider, await loadProvider(root, 'rimal'), env);
		expect(settings).toMatchObject({
			name: 'Rimal Track',
			loginUrl: 'https://track.rimal.example/login/',
			support: { email: 'care@rimal.example', phone: '+971 4 555 0199', url: 'https://rimal.example/help' },
			sender: { address: 'no-reply@rimal.example', name: 'Rimal Track' },
			colors: { accent: '#8a4b08', accentText: '#ffffff' },
			selfRegistration: true,
		});
		expect(settings.passwordPolicy).toMatchObject({ minLength: 12, maxLength: 20 });
	});

	test('takes what the environment sets over the profile', async () => {
		const env = { PROVIDER_LOGIN_URL: 'https://other.example/', SELF_REGISTRATION: 'false', PROVIDER_SUPPORT_EMAIL: 'desk@other.example' };
		const settings = applyProfile(loadConfig(env).provider, await loadProvider(root, 'geotrack'), env);
		expect(settings.loginUrl).toBe('https://other.example/');
		expect(settings.selfRegistration).toBe(false);
		expect(settings.support).toEqual({ email: 'desk@other.example' });
		expect(settings.name).toBe('GeoTrack Pro');
	});

	test('keeps the neutral profile neutral', async () => {
		const env = {};
		const settings = applyProfile(loadConfig(env).provider, await loadProvider(root, 'default'), env);
		expect(settings.name).toBeNull();
		expect(settings.selfRegistration).toBe(true);
		expect(settings.passwordPolicy.minLength).toBe(15);
	});
});
