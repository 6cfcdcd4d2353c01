import { describe, expect, test } from 'vitest';

import { checkPassword, navixyPasswordPolicy, nistPasswordPolicy, passwordLength } from './password-policy.ts';

describe('the NIST policy', () => {
	test('needs 15 characters, counted as code points after NFC', () => {
		expect(checkPassword('fourteen chars', nistPasswordPolicy)).toEqual(['min_length']);
		expect(checkPassword('fifteen chars!!', nistPasswordPolicy)).toEqual([]);
		// 15 emoji are 30 UTF-16 units but 15 characters; a decomposed é counts once.
		expect(passwordLength('🙂'.repeat(15))).toBe(15);
		expect(passwordLength('e\u0301')).toBe(1);
		expect(checkPassword('🙂'.repeat(15), nistPasswordPolicy)).toEqual([]);
	});

	test('accepts any Unicode and has no composition rules', () => {
		expect(checkPassword('пароль из слов и пробелов', nistPasswordPolicy)).toEqual([]);
		expect(checkPassword('كلمة مرور طويلة جدا', nistPasswordPolicy)).toEqual([]);
		expect(checkPassword('alllowercaseletters', nistPasswordPolicy)).toEqual([]);
	});

	test('caps the length at 128', () => {
		expect(checkPassword('x'.repeat(128), nistPasswordPolicy)).toEqual([]);
		expect(checkPassword('x'.repeat(129), nistPasswordPolicy)).toEqual(['max_length']);
	});

	test('refuses a password containing the address or its local part', () => {
		const email = 'Ann.Lee@example.com';
		expect(checkPassword('my ann.lee@example.com pass', nistPasswordPolicy, { email })).toEqual(['contains_email']);
		expect(checkPassword('ANN.LEE is my password', nistPasswordPolicy, { email })).toEqual(['contains_email']);
		expect(checkPassword('nothing to do with it', nistPasswordPolicy, { email })).toEqual([]);
		// A local part too short to mean anything is not looked for.
		expect(checkPassword('an apple a day keeps', nistPasswordPolicy, { email: 'an@example.com' })).toEqual([]);
	});

	test('leaves the common-password check to the server', () => {
		expect(checkPassword('passwordpassword', nistPasswordPolicy)).toEqual([]);
	});
});

describe('the Navixy policy', () => {
	test('needs 12–20 characters with an upper, a lower, a digit and one of !@#$%^&*', () => {
		expect(checkPassword('Abcdefgh1!xy', navixyPasswordPolicy)).toEqual([]);
		expect(checkPassword('Abc1!', navixyPasswordPolicy)).toEqual(['min_length']);
		expect(checkPassword('Abcdefgh1!xyzabcdefgh', navixyPasswordPolicy)).toEqual(['max_length']);
		expect(checkPassword('abcdefgh1!xy', navixyPasswordPolicy)).toEqual(['uppercase']);
		expect(checkPassword('ABCDEFGH1!XY', navixyPasswordPolicy)).toEqual(['lowercase']);
		expect(checkPassword('Abcdefghi!xy', navixyPasswordPolicy)).toEqual(['digit']);
		// `?` is not one of the platform's special characters.
		expect(checkPassword('Abcdefgh1?xy', navixyPasswordPolicy)).toEqual(['special']);
		expect(checkPassword('abc', navixyPasswordPolicy)).toEqual(['min_length', 'uppercase', 'digit', 'special']);
	});
});
