import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, test } from 'vitest';

import { contrastRatio, mix } from './contrast.ts';
import { loadProvider, parseProfile, providerIds, ProviderProfileError } from './load.ts';
import { themeCss } from './theme.ts';

const valid = {
	id: 'acme',
	loginUrl: 'https://track.acme.test/',
	siteUrl: 'https://help.acme.test/',
	support: { email: 'help@acme.test' },
};

/** A provider folder in a temporary directory, with the files named in `files`. */
function folder(files: string[] = []): string {
	const dir = join(mkdtempSync(join(tmpdir(), 'provider-')), 'acme');
	mkdirSync(dir);
	for (const file of files) writeFileSync(join(dir, file), '<svg/>');
	return dir;
}

function problems(data: unknown, dir = folder()): string {
	try {
		parseProfile(data, 'src/providers/acme/profile.ts', dir);
	} catch (error) {
		expect(error).toBeInstanceOf(ProviderProfileError);
		return (error as Error).message;
	}
	throw new Error('the profile was accepted');
}

describe('parseProfile', () => {
	test('accepts a minimal profile and fills the defaults', () => {
		const profile = parseProfile(valid, 'profile.ts', folder());
		expect(profile.selfRegistration).toBe(true);
		expect(profile.locales).toEqual(['en', 'fr', 'es', 'pt-BR', 'de', 'it', 'ru', 'ar']);
		expect(profile.defaultLocale).toBe('en');
		expect(profile.passwordPolicy.minLength).toBe(15);
	});

	test('names the file, the field and the fix for each problem', () => {
		expect(problems({ ...valid, loginUrl: 'track.acme.test', support: {} })).toMatchInlineSnapshot(`
			"src/providers/acme/profile.ts is not a valid provider profile:
			  - loginUrl: Use a full http(s) address, like https://example.com/.
			  - support: Give at least one support channel: email, phone or url."
		`);
	});

	test('refuses a brand colour without enough contrast, naming the field', () => {
		const message = problems({ ...valid, colors: { light: '#7fb2ff', dark: '#1a2b6d' } });
		expect(message).toContain('colors.light: #7fb2ff has a contrast of');
		expect(message).toContain('Use a darker colour.');
		expect(message).toContain('colors.dark: #1a2b6d has a contrast of');
		expect(message).toContain('Use a lighter colour.');
	});

	test('accepts colours that pass AA in both themes', () => {
		expect(parseProfile({ ...valid, colors: { light: '#0b5cad', dark: '#8cc4ff' } }, 'p', folder()).colors).toEqual({ light: '#0b5cad', dark: '#8cc4ff' });
	});

	test('requires the default language among the offered ones', () => {
		expect(problems({ ...valid, locales: ['en', 'fr'], defaultLocale: 'ar' })).toContain('defaultLocale: ar is not one of the offered locales (en, fr)');
		expect(problems({ ...valid, locales: ['en', 'xx'] })).toContain('locales.1: Use one of en, fr, es, pt-BR, de, it, ru, ar.');
	});

	test('refuses unknown fields, a wrong id and missing logo files', () => {
		expect(problems({ ...valid, colour: '#000000' })).toContain('Unrecognized key');
		expect(problems({ ...valid, id: 'other' })).toContain('id: "other" differs from the folder name "acme"');
		expect(problems({ ...valid, logo: { light: 'logo.svg' } })).toContain('logo.light: logo.svg is not in');
		expect(parseProfile({ ...valid, logo: { light: 'logo.svg' } }, 'p', folder(['logo.svg'])).logo?.light).toBe('logo.svg');
	});

	test('resolves named password policies', () => {
		expect(parseProfile({ ...valid, passwordPolicy: 'navixy' }, 'p', folder()).passwordPolicy).toMatchObject({ minLength: 12, maxLength: 20, specialCharacters: '!@#$%^&*' });
	});
});

describe('loadProvider', () => {
	test('loads every profile in the repository', async () => {
		const ids = providerIds(process.cwd());
		expect(ids).toContain('default');
		for (const id of ids) expect((await loadProvider(process.cwd(), id)).id).toBe(id);
	});

	test('names the known providers when asked for an unknown one', async () => {
		await expect(loadProvider(process.cwd(), 'nobody')).rejects.toThrow(/Unknown provider "nobody": there is no src\/providers\/nobody\/profile.ts. Known providers: .*default/);
	});
});

test('contrast and mixing follow WCAG and CSS color-mix', () => {
	expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21);
	expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
	expect(mix('#ff0000', '#0000ff', 0.5)).toBe('#800080');
	expect(themeCss({ light: '#0b5cad', dark: '#8cc4ff' })).toContain(":root[data-theme='light']{--sl-color-accent-low:");
});

test('support hours are one text or texts by language with English', () => {
	expect(parseProfile({ ...valid, support: { email: 'a@b.co', hours: { en: '9–5', fr: '9 h – 17 h' } } }, 'p', folder()).support.hours).toEqual({ en: '9–5', fr: '9 h – 17 h' });
	expect(problems({ ...valid, support: { email: 'a@b.co', hours: { fr: '9 h – 17 h' } } })).toContain('support.hours');
});
