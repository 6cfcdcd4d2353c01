/**
 * Each widget declares the strings it shows, and its Astro wrapper passes exactly those: every
 * declared key must exist in every locale, or a reader would see a raw key.
 */
import { readdirSync, readFileSync } from 'node:fs';

import { describe, expect, test } from 'vitest';

import { confirmEmailKeys } from './ConfirmEmailWidget.tsx';
import { confirmationStatusKeys } from './ConfirmationStatusWidget.tsx';
import { passwordResetKeys } from './PasswordResetWidget.tsx';
import { registrationKeys } from './RegistrationWidget.tsx';
import { resetRequestKeys } from './ResetRequestWidget.tsx';
import { supportContactsKeys } from '../parts/SupportContacts.tsx';

const declared = { registrationKeys, confirmationStatusKeys, confirmEmailKeys, passwordResetKeys, resetRequestKeys, supportContactsKeys };
const folder = new URL('../../content/i18n/', import.meta.url);
const locales = readdirSync(folder).filter((name) => name.endsWith('.json'));

test('there are eight locales', () => expect(locales).toHaveLength(8));

describe.each(locales)('%s', (file) => {
	const strings = JSON.parse(readFileSync(new URL(file, folder), 'utf8')) as Record<string, unknown>;
	test.each(Object.entries(declared))('has every key of %s', (_, keys) => {
		const missing = keys.filter((key) => typeof strings[key] !== 'string' || strings[key] === '');
		expect(missing).toEqual([]);
	});
});

test('each wrapper takes its widget’s declared keys', () => {
	const wrappers = { 'RegistrationForm.astro': 'registrationKeys', 'ConfirmationStatus.astro': 'confirmationStatusKeys', 'ConfirmEmail.astro': 'confirmEmailKeys', 'PasswordReset.astro': 'passwordResetKeys', 'PasswordResetRequest.astro': 'resetRequestKeys' };
	for (const [file, keys] of Object.entries(wrappers)) {
		const source = readFileSync(new URL(`../../components/content/${file}`, import.meta.url), 'utf8');
		expect(source, file).toContain(`pickKeys(t.all(), ${keys})`);
	}
});
