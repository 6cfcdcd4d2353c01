import { describe, expect, test } from 'vitest';

import { navixyPasswordPolicy } from '../../../signup/password-policy.ts';
import { documentedNavixyPolicy, parseUiConfig, passwordPolicyFrom } from './ui-settings.ts';

describe('the platform’s password_policy, mapped to the contract’s', () => {
	test('every documented field has its counterpart', () => {
		expect(
			passwordPolicyFrom({
				min_length: 10,
				max_length: 32,
				special_chars: '!?',
				min_special_chars_count: 2,
				min_digits_count: 3,
				min_uppercase_count: 0,
				min_lowercase_count: 4,
			}),
		).toEqual({
			minLength: 10,
			maxLength: 32,
			specialCharacters: '!?',
			minSpecial: 2,
			minDigits: 3,
			minUppercase: 0,
			minLowercase: 4,
			rejectEmail: true,
			rejectCommon: true,
		});
	});

	test('no policy at all: the documented one (12–20, upper, lower, digit, one of !@#$%^&*), plus our two checks', () => {
		expect(passwordPolicyFrom(undefined)).toEqual({ ...navixyPasswordPolicy, rejectEmail: true, rejectCommon: true });
		expect(passwordPolicyFrom('strict')).toEqual(documentedNavixyPolicy);
	});

	test('an omitted or nonsensical field takes the documented value', () => {
		const policy = passwordPolicyFrom({ min_length: 8, min_digits_count: -1, min_uppercase_count: 1.5, special_chars: '' });
		expect(policy).toMatchObject({ minLength: 8, maxLength: 20, minDigits: 1, minUppercase: 1, specialCharacters: '!@#$%^&*' });
		expect(passwordPolicyFrom({ special_chars: ['!', '?'] }).specialCharacters).toBe('!?');
	});

	test('lengths stay within what user/auth accepts (1–40), and an impossible policy falls back whole', () => {
		expect(passwordPolicyFrom({ min_length: 0, max_length: 40 })).toMatchObject({ minLength: 1, maxLength: 40 });
		expect(passwordPolicyFrom({ max_length: 64 }).maxLength).toBe(20);
		expect(passwordPolicyFrom({ min_length: 16, max_length: 12 })).toEqual(documentedNavixyPolicy);
		expect(passwordPolicyFrom({ max_length: 4, min_digits_count: 3, min_special_chars_count: 3 })).toEqual(documentedNavixyPolicy);
	});
});

describe('dealer/get_ui_config, read', () => {
	test('takes the title, registration switch, links and logo; resolves a relative logo against the UI domain', () => {
		const settings = parseUiConfig(
			{
				success: true,
				dealer: { id: 1, ui_domain: 'track.acme.test' },
				settings: { service_title: ' Acme ', allow_registration: true, privacy_policy_link: 'https://acme.test/p', tos: 'https://acme.test/t', logo: '/l.png', extra: 1 },
			},
			'track.acme.test',
		);
		expect(settings).toEqual({
			serviceTitle: 'Acme',
			allowRegistration: true,
			passwordPolicy: documentedNavixyPolicy,
			privacyPolicyUrl: 'https://acme.test/p',
			termsUrl: 'https://acme.test/t',
			logoUrl: 'https://track.acme.test/l.png',
		});
	});

	test('omitted fields (the platform leaves nulls out) mean no title, no links and registration off', () => {
		expect(parseUiConfig({ success: true, settings: {} }, 'track.acme.test')).toMatchObject({
			serviceTitle: null,
			allowRegistration: false,
			privacyPolicyUrl: null,
			termsUrl: null,
			logoUrl: null,
		});
	});

	test('drops links that are not http(s): nothing the page shows can run script', () => {
		const settings = parseUiConfig({ success: true, settings: { tos: 'javascript:alert(1)', privacy_policy_link: 'data:text/html,x', logo: 42 } }, 'track.acme.test');
		expect(settings).toMatchObject({ termsUrl: null, privacyPolicyUrl: null, logoUrl: null });
	});

	test.each([
		['Terms Of Service text', null],
		['By using the service you agree to the terms at https://acme.test/t', null],
		['/terms', null],
		['acme.test/terms', null],
		['https://acme.test/terms', 'https://acme.test/terms'],
		['  http://acme.test/terms?v=2  ', 'http://acme.test/terms?v=2'],
	])('tos is terms-of-service text: %j is a terms link only as an absolute http(s) URL', (tos, termsUrl) => {
		expect(parseUiConfig({ success: true, settings: { tos } }, 'track.acme.test').termsUrl).toBe(termsUrl);
	});

	test('an answer without settings is malformed', () => {
		expect(() => parseUiConfig({ success: true }, 'track.acme.test')).toThrow(/without a settings object/);
		expect(() => parseUiConfig({ success: true, settings: [] }, 'track.acme.test')).toThrow(/without a settings object/);
	});
});
