import { expect, test } from 'vitest';

import { mailServiceOf, suggestEmail } from './email-suggestion.ts';
import { fill, fillParts, pickKeys, translator } from './strings.ts';
import { formatCountdown, formatWait } from './time.ts';

test('suggestEmail corrects common and regional domain typos', () => {
	expect(suggestEmail('anna@gmial.com')).toBe('anna@gmail.com');
	expect(suggestEmail('ivan@yandx.ru')).toBe('ivan@yandex.ru');
	expect(suggestEmail('ivan@mail.ri')).toBe('ivan@mail.ru');
	expect(suggestEmail('hans@web.dr')).toBe('hans@web.de');
	expect(suggestEmail('joao@uol.com.bt')).toBe('joao@uol.com.br');
	expect(suggestEmail('marco@libero.ti')).toBe('marco@libero.it');
	expect(suggestEmail('marie@orange.fe')).toBe('marie@orange.fr');
});

test('suggestEmail leaves right and unfinished addresses alone', () => {
	expect(suggestEmail('anna@gmail.com')).toBeUndefined();
	expect(suggestEmail('Anna@GMAIL.com')).toBeUndefined();
	expect(suggestEmail('anna@gmai')).toBeUndefined();
	expect(suggestEmail('anna')).toBeUndefined();
});

test('mailServiceOf tells the mail service from the domain', () => {
	expect(mailServiceOf('a@gmail.com')).toBe('gmail');
	expect(mailServiceOf(' A@Hotmail.FR ')).toBe('outlook');
	expect(mailServiceOf('a@web.de')).toBe('gmx');
	expect(mailServiceOf('a@mail.ru')).toBe('mailru');
	expect(mailServiceOf('a@example.com')).toBe('other');
	expect(mailServiceOf('not an address')).toBe('other');
});

test('fill replaces known placeholders and keeps unknown ones', () => {
	expect(fill('Hi {{name}}, {{count}} left {{other}}', { name: 'Ana', count: 3 })).toBe('Hi Ana, 3 left {{other}}');
});

test('translator shows a missing key as the key itself', () => {
	const t = translator({ 'widgets.retry': 'Try again' });
	expect(t('widgets.retry')).toBe('Try again');
	expect(t('widgets.login')).toBe('widgets.login');
});

test('pickKeys keeps the declared keys only', () => {
	expect(pickKeys({ 'widgets.email.label': 'E', 'widgets.code.label': 'C', 'contacts.email': 'x' }, ['widgets.email.label', 'contacts.email'])).toEqual({
		'widgets.email.label': 'E',
		'contacts.email': 'x',
	});
});

test('fillParts puts values in the translation’s order and keeps unknown placeholders', () => {
	const address = { type: 'bdi' };
	expect(fillParts('Mails come from {{sender}}, see {{other}}.', { sender: address as never })).toEqual(['Mails come from ', address, ', see ', '{{other}}', '.']);
	expect(fillParts('{{sender}} أرسل', { sender: 'a' })).toEqual(['', 'a', ' أرسل']);
});

test('formatWait lets the browser handle plurals in each language', () => {
	expect(formatWait(300, 'en')).toBe('in 5 minutes');
	expect(formatWait(61, 'fr')).toBe('dans 2 minutes');
	expect(formatWait(20, 'de')).toBe('in 20 Sekunden');
	expect(formatWait(7200, 'en')).toBe('in 2 hours');
});

test('formatCountdown writes m:ss', () => {
	expect(formatCountdown(300)).toBe('5:00');
	expect(formatCountdown(65.2)).toBe('1:06');
	expect(formatCountdown(-3)).toBe('0:00');
});
