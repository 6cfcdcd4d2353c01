import { expect, test } from 'vitest';

import { suggestEmail } from './email-suggestion.ts';
import { mailServiceOf, spamHelpServices } from './mail-services.ts';
import { fill, fillParts, pickKeys, translator } from './strings.ts';
import { formatCountdown, formatWait } from './time.ts';
import { intlTag } from '../../../config/locales.ts';

test('suggestEmail corrects common and regional domain typos', () => {
	expect(suggestEmail('anna@gmial.com')).toBe('anna@gmail.com');
	expect(suggestEmail('ivan@yandx.ru')).toBe('ivan@yandex.ru');
	expect(suggestEmail('ivan@mail.ri')).toBe('ivan@mail.ru');
	expect(suggestEmail('hans@web.dr')).toBe('hans@web.de');
	expect(suggestEmail('joao@uol.com.bt')).toBe('joao@uol.com.br');
	expect(suggestEmail('marco@libero.ti')).toBe('marco@libero.it');
	expect(suggestEmail('marie@orange.fe')).toBe('marie@orange.fr');
});

test.each([
	// France
	['marie@ornage.fr', 'marie@orange.fr'],
	['marie@wanado.fr', 'marie@wanadoo.fr'],
	['marie@wanadoo.com', 'marie@wanadoo.fr'],
	['marie@lapost.net', 'marie@laposte.net'],
	['marie@laposte.fr', 'marie@laposte.net'],
	// Italy
	['marco@libro.it', 'marco@libero.it'],
	['marco@libero.com', 'marco@libero.it'],
	// Brazil
	['joao@uol.com', 'joao@uol.com.br'],
	['joao@uol.com.bt', 'joao@uol.com.br'],
	// Russia
	['ivan@mial.ru', 'ivan@mail.ru'],
	['ivan@yadex.ru', 'ivan@yandex.ru'],
	['ivan@yandex.ry', 'ivan@yandex.ru'],
	// Germany
	['hans@t-onlin.de', 'hans@t-online.de'],
	['hans@tonline.de', 'hans@t-online.de'],
	['hans@t-online.com', 'hans@t-online.de'],
	['hans@wed.de', 'hans@web.de'],
])('suggestEmail corrects the common misspelling %s of a market’s own mail service', (typed, expected) => {
	expect(suggestEmail(typed)).toBe(expected);
});

test.each(['orange.fr', 'wanadoo.fr', 'laposte.net', 'libero.it', 'uol.com.br', 'mail.ru', 'yandex.ru', 't-online.de', 'web.de'])(
	'suggestEmail knows %s and leaves it alone',
	(domain) => {
		expect(suggestEmail(`reader@${domain}`)).toBeUndefined();
		expect(suggestEmail(`Reader@${domain.toUpperCase()}`)).toBeUndefined();
	},
);

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
	expect(mailServiceOf('a@wanadoo.fr')).toBe('orange');
	expect(mailServiceOf('a@t-online.de')).toBe('tonline');
	expect(mailServiceOf('a@bol.com.br')).toBe('uol');
	expect(mailServiceOf('a@virgilio.it')).toBe('libero');
	expect(mailServiceOf('a@rambler.ru')).toBe('rambler');
});

test('mailServiceOf tells a certified-mail (PEC) address, whoever runs it', () => {
	expect(mailServiceOf('studio@pec.it')).toBe('pec');
	expect(mailServiceOf('studio@legalmail.it')).toBe('pec');
	expect(mailServiceOf('ufficio@pec.comune.example.it')).toBe('pec');
	expect(mailServiceOf('ufficio@example.it')).toBe('other');
});

test('spamHelpServices lists the reader’s own service, then the market’s, then the worldwide ones, “other” last', () => {
	expect(spamHelpServices('', 'en')).toEqual(['gmail', 'outlook', 'yahoo', 'icloud', 'other']);
	expect(spamHelpServices('', 'de')).toEqual(['gmx', 'tonline', 'freenet', 'gmail', 'outlook', 'yahoo', 'icloud', 'other']);
	expect(spamHelpServices('', 'fr').slice(0, 4)).toEqual(['orange', 'sfr', 'free', 'laposte']);
	expect(spamHelpServices('', 'it').slice(0, 3)).toEqual(['libero', 'tiscali', 'pec']);
	expect(spamHelpServices('', 'pt-BR').slice(0, 2)).toEqual(['uol', 'terra']);
	expect(spamHelpServices('', 'ru').slice(0, 3)).toEqual(['yandex', 'mailru', 'rambler']);
	expect(spamHelpServices('a@gmail.com', 'ru').slice(0, 4)).toEqual(['gmail', 'yandex', 'mailru', 'rambler']);
	// A service from another market still comes first for its reader, once.
	const onEnglish = spamHelpServices('a@t-online.de', 'en');
	expect(onEnglish[0]).toBe('tonline');
	expect(onEnglish.filter((name) => name === 'tonline')).toHaveLength(1);
	expect(onEnglish.at(-1)).toBe('other');
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

test('formatCountdown says the wait as a duration in each language, not as a clock time', () => {
	expect(formatCountdown(300, 'en')).toBe('5 minutes');
	expect(formatCountdown(65.2, 'en')).toBe('1 minute, 6 seconds');
	expect(formatCountdown(245, 'fr')).toBe('4 minutes et 5\u00a0secondes');
	expect(formatCountdown(245, 'ru')).toBe('4 минуты 5 секунд');
	expect(formatCountdown(5, 'de')).toBe('5 Sekunden');
	expect(formatCountdown(-3, 'en')).toBe('0 seconds');
	for (const lang of ['en', 'fr', 'es', 'pt-BR', 'de', 'it', 'ru', 'ar']) expect(formatCountdown(245, lang)).not.toMatch(/\d:\d\d/);
});

test('widgets write numbers with Western digits in Arabic, as the pages do', () => {
	const arabicIndic = /[\u0660-\u0669\u06f0-\u06f9]/;
	expect(formatCountdown(245, 'ar')).toMatch(/^4 .*5/);
	expect(formatCountdown(245, 'ar')).not.toMatch(arabicIndic);
	expect(formatWait(300, 'ar')).toContain('5');
	expect(formatWait(300, 'ar')).not.toMatch(arabicIndic);
	// The tag is what settles it: even an ICU whose Arabic default is Arabic-Indic obeys it.
	expect(new Intl.NumberFormat('ar-u-nu-arab').format(5)).toMatch(arabicIndic);
	expect(new Intl.NumberFormat(intlTag('ar')).format(5)).toBe('5');
});
