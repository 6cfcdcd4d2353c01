import { readFileSync } from 'node:fs';

import { describe, expect, test } from 'vitest';

import { breachedPasswordsText } from '../../../scripts/generate-strength-dictionary.ts';
import { isCommonPassword } from '../../server/passwords/common-passwords.ts';
import { loadStrengthMeter } from './strength.ts';

describe('the password-strength meter', () => {
	test('calls weak what people pick most, and strong what is long and unusual', async () => {
		const meter = await loadStrengthMeter();
		for (const weak of ['password', '123456', 'qwerty123', 'iloveyou', 'passwrd', 'zaq12wsx', 'aaaaaaaaaaaa', '1qaz2wsx3edc']) {
			expect(meter(weak, []), weak).toBeLessThanOrEqual(1);
		}
		for (const strong of ['velvet kettle orbit lantern', 'T4k#mQ9!vLr2pZ', 'my cat eats 3 green umbrellas']) {
			expect(meter(strong, []), strong).toBeGreaterThanOrEqual(3);
		}
	});

	test('never rates strong a password the server refuses as common', { timeout: 60_000 }, async () => {
		const meter = await loadStrengthMeter();
		const list = readFileSync(new URL('../../server/passwords/common-passwords.txt', import.meta.url), 'utf8')
			.split('\n')
			.filter((line) => line && !line.startsWith('#'));
		const strong = list.filter((password) => isCommonPassword(password) && meter(password, []) >= 3);
		expect(strong).toEqual([]);
	});

	test('counts the address typed beside it as guessable', async () => {
		const meter = await loadStrengthMeter();
		const password = 'quentin.marchetti';
		expect(meter(password, ['quentin.marchetti@example.com', 'quentin.marchetti'])).toBeLessThan(meter(password, []));
	});

	test('its breached-password list is what the generator writes', () => {
		expect(readFileSync(new URL('./breached-passwords.txt', import.meta.url), 'utf8')).toBe(breachedPasswordsText());
	});
});
