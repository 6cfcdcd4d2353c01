import { describe, expect, test } from 'vitest';

import { localeTags } from '../../signup/contract.ts';
import { testProvider } from '../../../test-support/server/test-server.ts';
import type { MailContent, MailMessage } from './messages.ts';
import { renderMail } from './render.ts';

const token = 'T'.repeat(43);
const contents: MailContent[] = [
	{ kind: 'confirm', token, code: '042917', expiresAt: 0 },
	{ kind: 'exists' },
	{ kind: 'reset', token, expiresAt: 0 },
	{ kind: 'password_changed' },
];
const message = (content: MailContent, locale: MailMessage['locale'] = 'en'): MailMessage => ({ ...content, id: 7, to: 'ann@example.com', locale, createdAt: 1 });

describe('rendered emails', () => {
	test('are branded: provider name, sender, colours', () => {
		const mail = renderMail(message(contents[0]!), testProvider);
		expect(mail.from).toEqual({ name: 'Acme Tracking', address: 'no-reply@acme.test' });
		expect(mail.messageId).toBe('<signup-7-1@acme.test>');
		expect(mail.html).toContain('background:#0b6e4f');
		expect(mail.html).toContain('>Acme Tracking</td>');
		expect(mail.text.startsWith('Acme Tracking\n')).toBe(true);
	});

	test('a confirmation carries the link to the help center page and the code, in HTML and text', () => {
		const mail = renderMail(message(contents[0]!), testProvider);
		const link = `https://help.acme.test/confirm/#token=${token}`;
		for (const body of [mail.html, mail.text]) {
			expect(body).toContain(link);
			expect(body).toContain('042917');
		}
		expect(mail.text).toContain('24 hours');
	});

	test('an account-exists notice links to the login page and to password recovery', () => {
		const mail = renderMail(message(contents[1]!, 'ru'), testProvider);
		expect(mail.subject).toBe('Acme Tracking: у вас уже есть аккаунт');
		expect(mail.text).toContain('https://login.acme.test/');
		expect(mail.text).toContain('https://help.acme.test/ru/password-recovery/');
	});

	test('a reset links to the locale’s reset page', () => {
		const mail = renderMail(message(contents[2]!, 'fr'), testProvider);
		expect(mail.text).toContain(`https://help.acme.test/fr/reset-password/#token=${token}`);
		expect(mail.text).toMatch(/1\sheure/u);
		expect(mail.text).toContain('E-mail\u00a0: help@acme.test');
	});

	test('Arabic is right to left; the code and links stay left to right', () => {
		const mail = renderMail(message(contents[0]!, 'ar'), testProvider);
		expect(mail.html).toContain('<html lang="ar" dir="rtl">');
		expect(mail.html).toMatch(/<p dir="ltr" [^>]*>042917<\/p>/);
		expect(mail.text).toContain('https://help.acme.test/ar/confirm/#token=');
	});

	test('a neutral provider is named in the reader’s language', () => {
		const neutral = { ...testProvider, name: null, senderName: null, senderAddress: undefined };
		expect(renderMail(message(contents[1]!, 'de'), neutral).subject).toBe('Sie haben bereits ein Konto');
		expect(renderMail(message(contents[1]!, 'de'), neutral).from).toEqual({ name: '', address: 'no-reply@localhost' });
	});

	test('escapes what it interpolates', () => {
		const hostile = { ...testProvider, name: '<b>Acme</b> & "Co"' };
		const mail = renderMail(message(contents[3]!), hostile);
		expect(mail.html).not.toContain('<b>Acme</b>');
		expect(mail.html).toContain('&#60;b&#62;Acme&#60;/b&#62; &#38; &#34;Co&#34;');
	});

	test.each(localeTags)('every kind renders in %s without a leftover placeholder', (locale) => {
		for (const content of contents) {
			const mail = renderMail(message(content, locale), testProvider);
			for (const part of [mail.subject, mail.html, mail.text]) expect(part).not.toMatch(/\{\{|\}\}/);
			expect(mail.html).toContain(`lang="${locale}"`);
		}
	});
});
