import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { checkTypography, findTypographyViolations } from './typography.ts';

const repository = fileURLToPath(new URL('../..', import.meta.url));
const found = (lang: string, text: string) => checkTypography(lang, [{ file: 'x', text }]).map((v) => v.line);

describe('the repository’s texts', () => {
	it('follow each language’s conventions: French spacing, Arabic “و” before Latin words, Western digits in Arabic', () => {
		expect(findTypographyViolations(repository).map((v) => `${v.file}:${v.line}: ${v.advice} (…${v.found}…)`)).toEqual([]);
	});
});

describe('typography rules', () => {
	it('want a no-break space before French double punctuation', () => {
		expect(found('fr', 'Besoin d’aide\u00a0? Contactez-nous\u00a0: ici.')).toEqual([]);
		expect(found('fr', 'Besoin d’aide ?\nContactez-nous: ici.\n« Spam »')).toEqual([1, 2, 3, 3]);
		expect(found('fr', 'Voir https://example.com/a?b et 4:05')).toEqual([]);
	});

	it('want a space between Arabic “و” and a Latin word, and none inside an Arabic word', () => {
		expect(found('ar', 'Outlook وHotmail')).toEqual([1]);
		expect(found('ar', 'Outlook و Hotmail، والبريد')).toEqual([]);
	});

	it('want addresses and names isolated in Arabic interface strings', () => {
		const strings = (text: string) => checkTypography('ar', [{ file: 'src/content/i18n/ar.json', text }]).length;
		expect(strings('"a": "تصلك الرسائل من {{sender}}."')).toBe(1);
		expect(strings('"a": "تصلك الرسائل من {{sender}}\\u2069."')).toBe(1);
		expect(strings('"a": "تصلك الرسائل من \\u2068{{sender}}\\u2069."')).toBe(0);
		expect(strings('"a": "المحاولات المتبقية: {{count}}"')).toBe(0);
		expect(checkTypography('ar', [{ file: 'src/server/mail/locales/ar.json', text: '"a": "{{email}}"' }])).toEqual([]);
	});

	it('want Western digits in Arabic', () => {
		expect(found('ar', 'صالح لمدة ٢٤ ساعة')).toEqual([1]);
		expect(found('ar', 'صالح لمدة 24 ساعة')).toEqual([]);
	});

	it('apply to their language only', () => {
		expect(found('en', 'Need help ? Call «us»')).toEqual([]);
	});
});
