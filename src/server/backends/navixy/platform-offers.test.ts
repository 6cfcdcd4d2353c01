/**
 * What the platform offers, used: the sender readers should look for, a password reset completed
 * with `user/password/change` behind `NAVIXY_PASSWORD_RESET`, and the features that say so.
 */
import { describe, expect, test } from 'vitest';

import { SettingsSchema } from '../../../signup/contract.ts';
import { addressOf } from './sender.ts';
import { navixyGoodPassword, navixyServerPerTest } from '../../../../test-support/navixy/navixy-test-server.ts';

const navixy = navixyServerPerTest();
const start = navixy.start;

const settings = async () => SettingsSchema.parse((await navixy.server.api('/settings')).body);
const noOwnSender = { provider: { senderAddress: undefined } };

describe('the sender readers should look for', () => {
	test('the provider’s own sender wins, and the platform is not asked', async () => {
		const { platform } = await start();
		expect((await settings()).senderAddress).toBe('no-reply@acme.test');
		expect(platform.calls.map((call) => call.action)).not.toContain('panel/dealer/settings/notification/read');
	});

	test('without one, email_from of panel/dealer/settings/notification/read, read once', async () => {
		const { platform } = await start({ ...noOwnSender, platform: { notificationSettings: { email_from: 'Acme Tracking <alerts@mail.acme.test>', email_footer: '', sms_originator: 'Acme', caller_id: '' } } });
		expect((await settings()).senderAddress).toBe('alerts@mail.acme.test');
		expect((await settings()).senderAddress).toBe('alerts@mail.acme.test');
		expect(platform.calls.filter((call) => call.action === 'panel/dealer/settings/notification/read')).toHaveLength(1);
	});

	test('a panel account that may not read notification settings is not asked (no sender is invented)', async () => {
		const { platform } = await start({ ...noOwnSender, platform: { permissions: { users: ['create', 'read'] } } });
		// Nothing to show: the pages then advise looking for the provider's name instead of an address.
		expect((await settings()).senderAddress).toBe('');
		expect(platform.calls.map((call) => call.action)).not.toContain('panel/dealer/settings/notification/read');
	});

	test.each([
		['Navixy <no-reply@navixy.com>', 'no-reply@navixy.com'],
		['no-reply@navixy.com', 'no-reply@navixy.com'],
		['Navixy', null],
		['', null],
	])('email_from %j → %j', (emailFrom, address) => {
		expect(addressOf(emailFrom)).toBe(address);
	});
});

describe('completing a password reset (NAVIXY_PASSWORD_RESET)', () => {
	test('off by default: features.passwordReset is false and the route is not_found', async () => {
		await start();
		expect((await settings()).features).toMatchObject({ passwordReset: false, passwordResetRequest: false });
	});

	test('on: features.passwordReset is true; the restore email’s hash is the credential of user/password/change', async () => {
		const { platform, api } = await start({ config: { passwordReset: true } });
		expect((await settings()).features).toEqual({ confirmationCode: false, registrationStatus: true, passwordReset: true, passwordResetRequest: false, confirmPage: false, existsNotice: false, deliveryTimeline: true, addressChange: false });
		platform.state.addUser({ login: 'ann@example.com', password: navixyGoodPassword, activated: true, verified: true });
		const restore = platform.requestPasswordRestore('ann@example.com');
		const from = platform.calls.length;
		const changed = await api('/password-resets/complete', { token: restore?.hash, newPassword: 'Orbit&Lantern7x' });
		expect(changed.body).toEqual({ status: 'password_changed', loginUrl: 'https://track.acme.test/login/?partition=user' });
		expect(platform.users()[0]?.password).toBe('Orbit&Lantern7x');
		expect(platform.calls.slice(from).map((call) => `${call.action} (${call.credential}) ${call.params.join(',')}`)).toEqual(['user/password/change (restore) password']);
		// Single use: the hash is spent.
		expect((await api('/password-resets/complete', { token: restore?.hash, newPassword: 'Orbit&Lantern8y' })).body).toMatchObject({ code: 'invalid_token' });
	});

	test('a password against the policy never reaches the platform; one the platform refuses (used before) is weak_password and the link stays usable', async () => {
		const { platform, api } = await start({ config: { passwordReset: true } });
		platform.state.addUser({ login: 'ann@example.com', password: navixyGoodPassword, activated: true, verified: true });
		const restore = platform.requestPasswordRestore('ann@example.com');
		await settings();
		const from = platform.calls.length;
		expect((await api('/password-resets/complete', { token: restore?.hash, newPassword: 'short' })).body).toMatchObject({ code: 'weak_password' });
		expect(platform.calls.length).toBe(from);
		// The platform refuses the last 10 passwords: 7 naming the password.
		expect((await api('/password-resets/complete', { token: restore?.hash, newPassword: navixyGoodPassword })).body).toMatchObject({ code: 'weak_password', rules: [] });
		expect((await api('/password-resets/complete', { token: restore?.hash, newPassword: 'Orbit&Lantern7x' })).status).toBe(200);
	});

	test('an unknown link or another kind of hash is invalid_token', async () => {
		const { api, platform } = await start({ config: { passwordReset: true } });
		await navixy.server.api('/registrations', { email: 'ann@example.com', password: navixyGoodPassword, locale: 'en' });
		const activation = platform.emails('ann@example.com')[0]?.hash;
		expect((await api('/password-resets/complete', { token: 'f'.repeat(32), newPassword: 'Orbit&Lantern7x' })).body).toMatchObject({ code: 'invalid_token' });
		expect((await api('/password-resets/complete', { token: activation, newPassword: 'Orbit&Lantern7x' })).body).toMatchObject({ code: 'invalid_token' });
	});
});
