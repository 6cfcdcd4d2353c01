import { describe, expect, test } from 'vitest';

import { commonPasswordCount, isCommonPassword } from './common-passwords.ts';

describe('the common-password list', () => {
	test('holds a few thousand entries', () => {
		expect(commonPasswordCount).toBeGreaterThan(3000);
	});

	test.each([
		'password',
		'Password1',
		'passwordpassword',
		'PasswordPassword2024!',
		'qwertyuiopasdfghjkl',
		'1qaz2wsx3edc4rfv',
		'iloveyouiloveyou',
		'correct horse battery staple',
		'Correct-Horse-Battery-Staple',
		'123456789012345',
		'987654321098765',
		'abcdefghijklmnop',
		'aaaaaaaaaaaaaaaa',
		'abcabcabcabcabcabc',
		'dragondragondragon',
		'motdepasse2025!!',
		'!!!!sunshine!!!!',
	])('refuses %j', (password) => {
		expect(isCommonPassword(password)).toBe(true);
	});

	test.each(['velvet kettle orbit lantern', 'my cat eats 3 tomatoes daily', 'Tr0ub4dor&3-horse-staple', 'пароль из пяти слов точно'])(
		'accepts %j',
		(password) => {
			expect(isCommonPassword(password)).toBe(false);
		},
	);
});
