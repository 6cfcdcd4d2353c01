/**
 * Each language's writing conventions in the emails: punctuation, salutation, digits and the
 * direction of what is interpolated into right-to-left text.
 */
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
const address = '12_ann-x@example.com';
const render = (content: MailContent, locale: MailMessage['locale'], provider = testProvider) =>
	renderMail({ ...content, id: 7, to: address, locale, createdAt: 1 }, provider);
const withoutUrls = (text: string) => text.replace(/https?:\/\/\S+|mailto:\S+/g, '');
const FSI = '\u2068';
const PDI = '\u2069';

describe('plain-text emails', () => {
	test('put a no-break space before every colon in French', () => {
		for (const content of contents) {
			const { text } = render(content, 'fr');
			const colons = [...withoutUrls(text).matchAll(/(.):/g)].map((m) => m[1]);
			expect(colons.length).toBeGreaterThan(0);
			expect(colons.every((before) => before === '\u00a0'), text).toBe(true);
		}
		expect(render(contents[2]!, 'fr').text).toContain(`Choisir un nouveau mot de passe\u00a0:\nhttps://help.acme.test/fr/reset-password/#token=${token}`);
	});

	test('keep the colon tight in English', () => {
		expect(render(contents[2]!, 'en').text).toContain(`Choose a new password:\nhttps://help.acme.test/reset-password/#token=${token}`);
	});
});

describe('German emails', () => {
	test('greet, then go on in lower case, as a German letter does after “Guten Tag,”', () => {
		for (const content of contents) {
			const paragraphs = render(content, 'de').text.split('\n\n');
			const greeting = paragraphs.indexOf('Guten Tag,');
			expect(greeting).toBeGreaterThan(0);
			expect(paragraphs[greeting + 1]).toMatch(/^\p{Ll}/u);
		}
	});
});

describe('Arabic emails', () => {
	test('isolate the recipient’s address and the support contacts, in HTML and plain text', () => {
		for (const content of contents) {
			const mail = render(content, 'ar');
			for (const body of [mail.html, mail.text]) expect(body).toContain(`${FSI}${address}${PDI}`);
			expect(mail.text).toContain(`${FSI}help@acme.test${PDI}`);
		}
	});

	test('begin every subject with Arabic, the Latin brand name isolated after it', () => {
		for (const content of contents) {
			const { subject } = render(content, 'ar');
			expect(subject).toMatch(/^\p{Script=Arabic}/u);
			expect(subject).toContain(`${FSI}Acme Tracking${PDI}`);
		}
	});

	test('write durations with the Western digits the pages use', () => {
		const { text } = render(contents[0]!, 'ar');
		expect(text).toMatch(/24/);
		expect(text).not.toMatch(/[\u0660-\u0669\u06f0-\u06f9]/);
	});
});

test.each(localeTags.filter((locale) => locale !== 'ar'))('%s emails leave addresses and names as they are', (locale) => {
	const mail = render(contents[0]!, locale);
	expect(mail.text).toContain(address);
	expect(`${mail.subject}${mail.text}`).not.toMatch(/[\u2066-\u2069]/);
});
