/**
 * How the Navixy backend uses the platform: which calls, with which parameters, in which order —
 * the same for every address — plus the settings it publishes and the receipts' edge cases.
 */
import { describe, expect, test } from 'vitest';

import { SettingsSchema } from '../../../signup/contract.ts';
import { maxReceiptLoginBytes, receiptSealer } from './receipts.ts';
import { navixyGoodPassword, navixyServerPerTest, testCredentials } from '../../../../test-support/navixy/navixy-test-server.ts';

const navixy = navixyServerPerTest();
const start = navixy.start;

const register = (email: string, password = navixyGoodPassword, locale = 'en') => navixy.server.api('/registrations', { email, password, locale });
const status = async (receipt: unknown) => (await navixy.server.api('/registrations/status', { receipt })).body;
const day = 24 * 3600_000;

/** The platform calls made from `from` on, as `action (credential) params`. */
const callsSince = (from: number) => navixy.server.platform.calls.slice(from).map((call) => `${call.action} (${call.credential}) ${call.params.join(',')}`);

describe('registration on the platform', () => {
	test('creates the user inactive and unverified, in the reader’s locale, then asks the platform for its activation email', async () => {
		const { platform } = await start();
		expect((await register('ann@example.com', navixyGoodPassword, 'pt-BR')).status).toBe(202);
		expect(platform.users()).toEqual([
			{
				id: 1,
				login: 'ann@example.com',
				password: navixyGoodPassword,
				activated: false,
				verified: false,
				profile: {
					legal_type: 'individual',
					login: 'ann@example.com',
					first_name: 'ann',
					middle_name: '',
					last_name: '-',
					phone: '',
					post_country: '',
					post_region: '',
					post_city: '',
					post_street_address: '',
					post_index: '',
					activated: false,
				},
				locale: 'pt_BR',
				// The dealer's default_user_time_zone, checked against timezone/list.
				timeZone: 'Europe/London',
			},
		]);
		expect(platform.emails('ann@example.com')).toHaveLength(1);
		// First the settings, the time zone's list and the dealer's default (asked at the same time, so
		// in either order), then the registration's three calls, in this order.
		expect(callsSince(0).slice(0, 4).sort()).toEqual([
			'dealer/get_ui_config (none) domain',
			'panel/account/auth (none) login,password',
			'panel/dealer/settings/service/read (panel) ',
			'timezone/list (none) locale',
		]);
		expect(callsSince(4)).toEqual([
			'panel/user/create (panel) locale,password,time_zone,user',
			'panel/user/list (panel) filter,limit,offset',
			'user/resend_activation (none) login',
		]);
	});

	test('makes the same calls, in the same order, for a new, a pending and a confirmed address', async () => {
		const { platform } = await start();
		await register('pending@example.com');
		await register('confirmed@example.com');
		platform.activate('confirmed@example.com');
		const sequences = [];
		for (const email of ['new@example.com', 'pending@example.com', 'confirmed@example.com']) {
			const from = platform.calls.length;
			expect((await register(email)).status).toBe(202);
			sequences.push(callsSince(from));
		}
		expect(sequences[1]).toEqual(sequences[0]);
		expect(sequences[2]).toEqual(sequences[0]);
		expect(sequences[0]).toEqual(['panel/user/create (panel) locale,password,time_zone,user', 'panel/user/list (panel) filter,limit,offset', 'user/resend_activation (none) login']);
	});

	test('the status check makes one panel/user/list call and changes nothing', async () => {
		const { platform } = await start();
		const { receipt } = (await register('ann@example.com')).body as { receipt: string };
		const users = JSON.stringify(platform.users());
		const emails = platform.emails().length;
		const from = platform.calls.length;
		for (let check = 0; check < 3; check++) expect(await status(receipt)).toMatchObject({ status: 'pending' });
		expect(callsSince(from)).toEqual(Array(3).fill('panel/user/list (panel) filter,limit,offset'));
		expect(JSON.stringify(platform.users())).toBe(users);
		expect(platform.emails()).toHaveLength(emails);
	});

	test('the status check asks the platform even for a receipt that can never say confirmed (same work, same time)', async () => {
		const { platform } = await start();
		await register('ann@example.com');
		platform.activate('ann@example.com');
		const { receipt } = (await register('ann@example.com', 'Other#Passw0rd!')).body as { receipt: string };
		const from = platform.calls.length;
		expect(await status(receipt)).toMatchObject({ status: 'pending' });
		expect(callsSince(from)).toEqual(['panel/user/list (panel) filter,limit,offset']);
	});

	test('follows a login the platform stores in another case (logins may compare case-insensitively)', async () => {
		const { platform } = await start();
		platform.state.addUser({ login: 'ann@example.com', password: navixyGoodPassword, activated: false, verified: false });
		platform.inject('panel/user/create', { code: 206 });
		const { receipt } = (await register('Ann@example.com')).body as { receipt: string };
		platform.state.addUser({ login: 'joann@example.com', password: 'x', activated: true, verified: true });
		expect(await status(receipt)).toMatchObject({ status: 'pending' });
		// The platform's activation email goes to the login it stores.
		await navixy.server.api('/registrations/resend', { email: 'ann@example.com', locale: 'en' });
		platform.activate('ann@example.com');
		expect(await status(receipt)).toMatchObject({ status: 'confirmed' });
	});

	test('a known login keeps its password and gets no second user', async () => {
		const { platform } = await start();
		await register('ann@example.com');
		await register('ann@example.com', 'Stranger#Pass99');
		expect(platform.users()).toHaveLength(1);
		expect(platform.users()[0]?.password).toBe(navixyGoodPassword);
	});
});

describe('NAVIXY_SEND_ACTIVATION', () => {
	test('false, for a platform whose panel/user/create sends the email itself: one email, no resend call on registration', async () => {
		const { platform, api } = await start({ config: { sendActivation: false }, platform: { createSendsActivation: true } });
		await register('ann@example.com');
		await register('ann@example.com');
		expect(platform.emails('ann@example.com')).toHaveLength(1);
		expect(platform.calls.filter((call) => call.action === 'user/resend_activation')).toEqual([]);
		// The reader's own "resend" still goes to the platform.
		navixy.server.clock.advance(5 * 60_000);
		expect((await api('/registrations/resend', { email: 'ann@example.com', locale: 'en' })).status).toBe(202);
		expect(platform.emails('ann@example.com')).toHaveLength(2);
	});

	test('true on such a platform still sends one email: the platform refuses the second within five minutes (264)', async () => {
		const { platform } = await start({ platform: { createSendsActivation: true } });
		expect((await register('ann@example.com')).status).toBe(202);
		expect(platform.emails('ann@example.com')).toHaveLength(1);
		expect(platform.calls.at(-1)).toMatchObject({ action: 'user/resend_activation', code: 264 });
	});
});

describe('the settings the backend publishes', () => {
	test('come from dealer/get_ui_config, with the features of a platform that sends its own mail', async () => {
		const { api } = await start({ provider: { name: 'Fallback Name' } });
		const answer = await api('/settings');
		expect(SettingsSchema.parse(answer.body)).toMatchObject({
			providerName: 'Acme Tracking',
			selfRegistration: true,
			resendCooldownSeconds: 300,
			confirmationTtlSeconds: 86_400,
			loginUrl: 'https://track.acme.test/login/?partition=user',
			senderAddress: 'no-reply@acme.test',
			support: { email: 'help@acme.test' },
			passwordPolicy: { minLength: 12, maxLength: 20, minUppercase: 1, minLowercase: 1, minDigits: 1, minSpecial: 1, specialCharacters: '!@#$%^&*' },
			features: { confirmationCode: false, registrationStatus: true, passwordReset: false, passwordResetRequest: false, confirmPage: false, existsNotice: false, deliveryTimeline: true, addressChange: false },
		});
		// Beyond the contract (answers are open objects): the provider's own pages.
		expect(answer.body).toMatchObject({
			passwordRecoveryUrl: 'https://track.acme.test/login/?partition=password_remind',
			privacyPolicyUrl: 'https://acme.test/privacy',
			// `tos` is terms-of-service text on the test platform ("Terms Of Service text"): no link.
			termsUrl: null,
			logoUrl: 'https://track.acme.test/static/logo.png',
		});
	});

	test('the platform’s password_policy is published and enforced', async () => {
		const { api } = await start({
			platform: { settings: { allow_registration: true, password_policy: { min_length: 8, max_length: 30, min_digits_count: 2, min_uppercase_count: 0, min_lowercase_count: 1, min_special_chars_count: 0, special_chars: '!' } } },
		});
		expect((await api('/settings')).body.passwordPolicy).toMatchObject({ minLength: 8, maxLength: 30, minDigits: 2, minUppercase: 0, minSpecial: 0 });
		expect((await register('ann@example.com', 'kettle-orbit')).body).toMatchObject({ code: 'weak_password', rules: ['digit'] });
		expect((await register('ann@example.com', 'kettle-orbit-42')).status).toBe(202);
	});

	test('a missing title falls back to PROVIDER_NAME; SELF_REGISTRATION=false turns the form off even if the platform allows it', async () => {
		const { api } = await start({ platform: { settings: { allow_registration: true } }, provider: { name: 'Fallback Name', selfRegistration: false } });
		expect((await api('/settings')).body).toMatchObject({ providerName: 'Fallback Name', selfRegistration: false });
		expect((await register('ann@example.com')).body.code).toBe('registration_disabled');
	});

	test('are reused for NAVIXY_SETTINGS_TTL_SECONDS, then refreshed', async () => {
		const { api, platform, clock } = await start();
		await api('/settings');
		await api('/settings');
		await register('ann@example.com');
		expect(platform.calls.filter((call) => call.action === 'dealer/get_ui_config')).toHaveLength(1);
		platform.updateSettings({ allow_registration: false });
		clock.advance(60_000);
		await expect.poll(async () => (await api('/settings')).body.selfRegistration).toBe(false);
		expect((await register('bob@example.com')).body.code).toBe('registration_disabled');
	});
});

describe('receipts', () => {
	test('are forgotten a week after they expire', async () => {
		const { clock } = await start();
		const { receipt } = (await register('ann@example.com')).body as { receipt: string };
		clock.advance(day + 7 * day - 1000);
		expect(await status(receipt)).toMatchObject({ status: 'expired' });
		clock.advance(1000);
		expect(await status(receipt)).toMatchObject({ code: 'invalid_receipt' });
	});

	test('die with the secret: a receipt sealed under another NAVIXY_RECEIPT_SECRET is unknown', async () => {
		await start();
		const foreign = receiptSealer('some other secret, thirty-two bytes or more').seal({ login: 'ann@example.com', issuedAt: navixy.server.clock.now(), outcome: 'created' });
		expect(await status(foreign)).toMatchObject({ code: 'invalid_receipt' });
		const own = receiptSealer(testCredentials.receiptSecret).seal({ login: 'ann@example.com', issuedAt: navixy.server.clock.now(), outcome: 'created' });
		expect(await status(own)).toMatchObject({ status: 'pending' });
	});

	test('for an address too long to seal, only age: pending, then expired, without asking the platform', async () => {
		const { platform, clock } = await start();
		const email = `${'a'.repeat(maxReceiptLoginBytes - 10)}@example.com`;
		const { receipt } = (await register(email)).body as { receipt: string };
		expect(receipt).toHaveLength(128);
		platform.activate(email);
		const from = platform.calls.length;
		expect(await status(receipt)).toMatchObject({ status: 'pending' });
		expect(platform.calls.length).toBe(from);
		clock.advance(day);
		expect(await status(receipt)).toMatchObject({ status: 'expired' });
	});

	test('a confirmed registration stays confirmed after the window closes', async () => {
		const { platform, clock } = await start();
		const { receipt } = (await register('ann@example.com')).body as { receipt: string };
		platform.activate('ann@example.com');
		clock.advance(2 * day);
		expect(await status(receipt)).toMatchObject({ status: 'confirmed' });
	});
});

describe('what the platform cannot do', () => {
	test('code confirmation and password resets (unless NAVIXY_PASSWORD_RESET) are not_found, and never reach the platform', async () => {
		const { api, platform } = await start();
		await api('/settings');
		const from = platform.calls.length;
		expect((await api('/registrations/confirm-code', { email: 'ann@example.com', code: '123456' })).body.code).toBe('not_found');
		expect((await api('/password-resets', { email: 'ann@example.com', locale: 'en' })).body.code).toBe('not_found');
		expect((await api('/password-resets/complete', { token: 'a'.repeat(43), newPassword: navixyGoodPassword })).body.code).toBe('not_found');
		expect(platform.calls.length).toBe(from);
	});

	test('the confirm page works when the activation link points at it: the token is the platform’s activation hash', async () => {
		const { api, platform } = await start();
		await register('ann@example.com');
		const hash = platform.emails('ann@example.com')[0]?.hash;
		const from = platform.calls.length;
		expect((await api('/registrations/confirm', { token: hash })).body).toEqual({ status: 'confirmed', loginUrl: 'https://track.acme.test/login/?partition=user' });
		expect(platform.users()[0]).toMatchObject({ activated: true, verified: true });
		// The hash is the activation session (Authorization: NVX <hash>); the call takes no parameter.
		expect(callsSince(from)).toEqual(['user/activate (activation) ']);
		expect((await api('/registrations/confirm', { token: hash })).body).toMatchObject({ code: 'invalid_token' });
	});
});
