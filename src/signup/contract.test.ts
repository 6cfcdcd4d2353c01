import { describe, expect, test } from 'vitest';

import {
	ConfirmCodeRequestSchema,
	EmailSchema,
	endpoints,
	isValidEmail,
	normalizeEmail,
	problemCatalogue,
	problemCodes,
	problemType,
	RegisterRequestSchema,
	TokenSchema,
} from './contract.ts';

describe('email addresses', () => {
	test('normalizes: trims, NFC, lower-cases the domain only', () => {
		expect(normalizeEmail('  Ann.Lee@Example.COM\t')).toBe('Ann.Lee@example.com');
		expect(normalizeEmail('jose\u0301@ex.com')).toBe('jos\u00e9@ex.com');
		expect(EmailSchema.parse(' Ann@EXÄMPLE.de ')).toBe('Ann@exämple.de');
	});

	test.each([
		'ann@example.com',
		'ann.lee+tag@mail.example.co.uk',
		"o'brien@example.ie",
		'ünï@bücher.de',
		'用户@例子.广告',
		'a@b.co',
	])('accepts %s', (email) => {
		expect(isValidEmail(normalizeEmail(email))).toBe(true);
	});

	test.each([
		'',
		'plain',
		'@example.com',
		'ann@',
		'ann@example',
		'ann@.example.com',
		'ann@example..com',
		'ann@-example.com',
		'ann@example-.com',
		'.ann@example.com',
		'ann.@example.com',
		'an..n@example.com',
		'"ann"@example.com',
		'ann@[127.0.0.1]',
		'ann@127.0.0.1',
		'an n@example.com',
		'ann@exa mple.com',
		'ann\u0000@example.com',
		'ann@example.com\u0007',
		'ann\u202e@example.com',
		'a@b@example.com',
		`${'a'.repeat(65)}@example.com`,
		`ann@${'a'.repeat(64)}.com`,
		`${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(60)}.com`,
	])('rejects %j', (email) => {
		expect(isValidEmail(normalizeEmail(email))).toBe(false);
		const result = EmailSchema.safeParse(email);
		expect(result.success).toBe(false);
		expect(result.error?.issues[0]).toMatchObject({ code: 'custom', params: { problem: 'invalid_email' } });
	});
});

describe('requests', () => {
	test('are strict: an unknown field fails', () => {
		const result = RegisterRequestSchema.safeParse({ email: 'a@b.co', password: 'x', locale: 'en', role: 'admin' });
		expect(result.success).toBe(false);
		expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
	});

	test('the code ignores spaces and hyphens and needs six digits', () => {
		expect(ConfirmCodeRequestSchema.parse({ email: 'a@b.co', code: '123-456' }).code).toBe('123456');
		expect(ConfirmCodeRequestSchema.safeParse({ email: 'a@b.co', code: '12345' }).success).toBe(false);
	});

	test('a token is base64url of a plausible length', () => {
		expect(TokenSchema.safeParse('a'.repeat(43)).success).toBe(true);
		expect(TokenSchema.safeParse('a'.repeat(21)).success).toBe(false);
		expect(TokenSchema.safeParse('a+b/'.repeat(10)).success).toBe(false);
	});
});

describe('the catalogue', () => {
	test('has every problem code the widgets rely on, each with an HTTP error status', () => {
		expect(problemCodes).toEqual(
			expect.arrayContaining([
				'registration_disabled', 'invalid_request', 'invalid_email', 'weak_password', 'rate_limited', 'invalid_token',
				'expired_token', 'invalid_code', 'too_many_attempts', 'payload_too_large', 'unsupported_media_type', 'not_found',
				'method_not_allowed', 'upstream_unavailable', 'internal_error',
			]),
		);
		for (const code of problemCodes) {
			expect(problemCatalogue[code].status).toBeGreaterThanOrEqual(400);
			expect(problemType(code)).toMatch(/^tag:signup-api,2026:problem:[a-z_]+$/);
		}
	});

	test('every endpoint’s problems are in the catalogue and its paths are unique per method', () => {
		const routes = Object.values(endpoints).map((endpoint) => `${endpoint.method} ${endpoint.path}`);
		expect(new Set(routes).size).toBe(routes.length);
		for (const endpoint of Object.values(endpoints)) for (const code of endpoint.problems) expect(problemCodes).toContain(code);
	});
});
