import { readdirSync, readFileSync } from 'node:fs';

import { describe, expect, test } from 'vitest';

import { localeTags } from '../../signup/contract.ts';

const folder = new URL('./locales/', import.meta.url);
const read = (tag: string): Record<string, string> => JSON.parse(readFileSync(new URL(`${tag}.json`, folder), 'utf8'));
const english = read('en');
const placeholders = (value: string) => [...value.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();

describe('email strings', () => {
	test('there is one file per API locale, and no other', () => {
		expect(readdirSync(folder).sort()).toEqual(localeTags.map((tag) => `${tag}.json`).sort());
	});

	describe.each(localeTags.filter((tag) => tag !== 'en'))('%s', (tag) => {
		const strings = read(tag);

		test('has every key English has, and no other', () => {
			const missing = Object.keys(english).filter((key) => !(key in strings));
			expect(missing, `missing in ${tag}.json`).toEqual([]);
			expect(Object.keys(strings).sort()).toEqual(Object.keys(english).sort());
		});

		test('keeps every placeholder, and translates every string', () => {
			for (const [key, value] of Object.entries(english)) {
				expect(placeholders(strings[key] ?? ''), `${tag}: ${key}`).toEqual(placeholders(value));
				expect(strings[key]?.trim(), `${tag}: ${key}`).not.toBe('');
			}
			const identical = Object.keys(english).filter((key) => strings[key] === english[key] && !/^\{\{|^(Email|E-mail|Website):$/.test(english[key] ?? ''));
			expect(identical, `${tag}: strings left in English`).toEqual([]);
		});
	});

});
