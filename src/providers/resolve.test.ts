import { describe, expect, test } from 'vitest';

import { SettingsSchema } from '../signup/contract.ts';
import { featureSwitches } from '../plugins/features.ts';
import { backendFeatures } from './features.ts';
import { loadProvider } from './load.ts';
import { passwordResetFromEnv } from './password-reset.ts';
import { resolveProvider } from './resolve.ts';

const root = process.cwd();

describe('the resolved provider', () => {
	test('carries the profile, its layout and its backend’s capabilities by the contract’s names', async () => {
		const geotrack = resolveProvider(await loadProvider(root, 'geotrack'));
		expect(geotrack).toMatchObject({
			id: 'geotrack',
			backend: 'local',
			name: 'GeoTrack Pro',
			senderAddress: 'accounts@geotrack.example',
			selfRegistration: true,
			confirmationTtlSeconds: 86_400,
			resendCooldownSeconds: 300,
			forgotPasswordUrl: null,
			siteUrl: 'https://help.geotrack.example',
			mailColors: { accent: '#0b6e4f', accentText: '#ffffff' },
		});
		expect(Object.keys(geotrack.features).sort()).toEqual(Object.keys(SettingsSchema.shape.features.shape).sort());
		expect(geotrack.features).toEqual(backendFeatures.local);
		expect(geotrack.layout.locales.map((l) => l.prefix)).toEqual(['', '/fr', '/es', '/pt-br', '/de', '/it', '/ru', '/ar']);
	});

	test('of a Navixy platform: no code, no confirm page, no stated lifetime, the platform’s own reset page', async () => {
		const rimal = resolveProvider(await loadProvider(root, 'rimal'));
		expect(rimal.features).toEqual({ confirmationCode: false, registrationStatus: true, passwordReset: false, passwordResetRequest: false, confirmPage: false, existsNotice: false, deliveryTimeline: true, addressChange: false });
		expect(rimal.confirmationTtlSeconds).toBeNull();
		expect(rimal.forgotPasswordUrl).toBe('https://track.rimal.example/login/?partition=password_remind');
		expect(rimal.passwordPolicy).toMatchObject({ minLength: 12, maxLength: 20, specialCharacters: '!@#$%^&*' });
		expect(rimal.layout.locales.map((l) => [l.lang, l.prefix])).toEqual([
			['ar', ''],
			['en', '/en'],
			['fr', '/fr'],
		]);
		// The platform refuses a second activation email within five minutes, whatever is configured.
		expect(resolveProvider(await loadProvider(root, 'rimal'), { resendCooldownSeconds: 30 }).resendCooldownSeconds).toBe(300);
		// The server's UI domain names the platform's page.
		expect(resolveProvider(await loadProvider(root, 'rimal'), { navixyUiDomain: 'track.other.example' }).forgotPasswordUrl).toBe(
			'https://track.other.example/login/?partition=password_remind',
		);
	});

	test('of a Traccar server: what the built-in backend does, the reset either in the help center or on Traccar’s own page', async () => {
		const profile = await loadProvider(root, 'geotrack');
		const traccar = resolveProvider(profile, { backend: 'traccar' });
		expect(traccar.backend).toBe('traccar');
		expect(traccar.features).toEqual(backendFeatures.traccar);
		// The pages say what they say for the built-in backend: link and code, the reset page, the
		// lifetime — except the address correction, since the pending user is Traccar's, made for the
		// address first typed.
		expect(featureSwitches(traccar)).toEqual({ ...featureSwitches(resolveProvider(profile)), addressChange: false });
		expect(traccar.forgotPasswordUrl).toBeNull();
		const delegated = resolveProvider(profile, { backend: 'traccar', passwordReset: 'platform' });
		expect(delegated.features).toEqual({ ...backendFeatures.traccar, passwordReset: false });
		expect(delegated.forgotPasswordUrl).toBe(new URL('/reset-password', profile.loginUrl).href);
		// The setting means nothing to another backend.
		expect(resolveProvider(profile, { passwordReset: 'platform' }).features).toEqual(backendFeatures.local);
	});

	test('knows who completes a reset from the same variables the server reads, for Navixy as for Traccar', async () => {
		expect(passwordResetFromEnv('traccar', { TRACCAR_PASSWORD_RESET: 'traccar' })).toBe('platform');
		expect(passwordResetFromEnv('traccar', { TRACCAR_PASSWORD_RESET: 'help-center' })).toBe('help-center');
		expect(passwordResetFromEnv('navixy', { NAVIXY_PASSWORD_RESET: 'true' })).toBe('help-center');
		expect(passwordResetFromEnv('navixy', { NAVIXY_PASSWORD_RESET: 'false' })).toBe('platform');
		// Unset, or a variable of another backend: the backend's default.
		expect(passwordResetFromEnv('navixy', { TRACCAR_PASSWORD_RESET: 'traccar' })).toBeUndefined();
		expect(passwordResetFromEnv('local', { NAVIXY_PASSWORD_RESET: 'true', TRACCAR_PASSWORD_RESET: 'traccar' })).toBeUndefined();
		expect(() => passwordResetFromEnv('navixy', { NAVIXY_PASSWORD_RESET: 'sometimes' })).toThrow(/NAVIXY_PASSWORD_RESET must be true or false \(got "sometimes"\)/);

		const rimal = await loadProvider(root, 'rimal');
		expect(resolveProvider(rimal).passwordReset).toBe('platform');
		// The provider's restore email links to the help center: the build's pages offer the reset
		// page, and requesting one stays on the platform's own form.
		const completed = resolveProvider(rimal, { passwordReset: 'help-center' });
		expect(completed.features).toEqual({ ...backendFeatures.navixy, passwordReset: true });
		expect(completed.forgotPasswordUrl).toBe(resolveProvider(rimal).forgotPasswordUrl);
		expect(featureSwitches(completed)['passwordReset']).toBe(true);
	});

	test('takes what a deployment sets over the profile, and only that', async () => {
		const profile = await loadProvider(root, 'geotrack');
		const resolved = resolveProvider(profile, {
			loginUrl: 'https://other.example/',
			selfRegistration: false,
			support: { email: 'desk@other.example' },
			passwordPolicy: 'navixy',
			confirmationTtlSeconds: 7200,
			siteUrl: 'http://127.0.0.1:4321/',
		});
		expect(resolved).toMatchObject({ loginUrl: 'https://other.example/', selfRegistration: false, support: { email: 'desk@other.example' }, confirmationTtlSeconds: 7200, siteUrl: 'http://127.0.0.1:4321' });
		expect(resolved.passwordPolicy.maxLength).toBe(20);
		expect(resolved.name).toBe('GeoTrack Pro');
		expect(resolveProvider(profile, { backend: 'navixy' }).features).toEqual(backendFeatures.navixy);
	});

	test('of the neutral profile invents nothing', async () => {
		const neutral = resolveProvider(await loadProvider(root, 'default'));
		expect(neutral.name).toBeNull();
		expect(neutral.senderName).toBeNull();
		expect(neutral.support).toEqual({ email: 'support@example.com', phone: '+1 555 0100', url: 'https://example.com/support' });
	});
});
