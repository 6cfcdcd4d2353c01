/**
 * Writing conventions a glossary cannot express, checked in the same texts (every page, interface
 * string and email string of a language): French spacing around punctuation, and in Arabic the
 * space between “و” and a Latin word and the one digit system (Western digits, as in the codes and
 * addresses the reader types).
 */
import { localeKeys, locales } from '../../config/locales.ts';
import { languageSources, type Source } from './glossary.ts';

/** A convention of a language, as a pattern of what breaks it. */
export interface TypographyRule {
	/** BCP-47 tag of the language it applies to. */
	lang: string;
	/** What breaks the convention; must be global. */
	pattern: RegExp;
	/** What to write instead, for the translator. */
	advice: string;
	/** Only the files whose path matches (all of the language's texts when absent). */
	files?: RegExp;
}

/** One place a convention is broken. */
export interface TypographyViolation {
	file: string;
	line: number;
	found: string;
	advice: string;
}

export const typographyRules: TypographyRule[] = [
	{ lang: 'fr', pattern: /(?<=\S) (?=[:;!?»])/g, advice: 'put a no-break space (U+00A0) before “:”, “;”, “!”, “?” and “»”, not an ordinary space' },
	{ lang: 'fr', pattern: /(?<=\S)(?=[;!?:](?:[\s"”]|$)|»)/gu, advice: 'French puts a no-break space (U+00A0) before “:”, “;”, “!”, “?” and “»”' },
	{ lang: 'fr', pattern: /« |«(?=\S)/g, advice: 'put a no-break space (U+00A0) after “«”' },
	{ lang: 'ar', pattern: /(?<!\p{L})و(?=[A-Za-z0-9])/gu, advice: 'put a space between “و” and a Latin word or a number (“و Gmail”)' },
	{
		lang: 'ar',
		// The emails isolate every value themselves (src/server/mail/strings.ts); the widgets fill the strings as written.
		files: /^src\/content\/i18n\//,
		pattern: /(?<!\u2068|\\u2068)\{\{(?:email|sender|name|suggestion|characters|time)\}\}|\{\{(?:email|sender|name|suggestion|characters|time)\}\}(?!\u2069|\\u2069)/g,
		advice: 'isolate an address, a name or a countdown inside Arabic text: write it as \\u2068{{value}}\\u2069',
	},
	{ lang: 'ar', pattern: /[\u0660-\u0669\u06f0-\u06f9]+/g, advice: 'write numbers with Western digits (0–9), as everywhere else in the help center' },
];

/** Every broken convention in the given sources of one language. */
export function checkTypography(lang: string, sources: Source[], rules: TypographyRule[] = typographyRules): TypographyViolation[] {
	const violations: TypographyViolation[] = [];
	for (const { file, text } of sources) {
		for (const rule of rules.filter((r) => r.lang === lang && (!r.files || r.files.test(file)))) {
			for (const match of text.matchAll(rule.pattern)) {
				const line = text.slice(0, match.index).split('\n').length;
				const context = text.slice(Math.max(0, match.index - 12), match.index + 12).replace(/\s+/g, ' ');
				violations.push({ file, line, found: context, advice: rule.advice });
			}
		}
	}
	return violations.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

/** Every broken convention in the repository's texts. */
export function findTypographyViolations(root: string): TypographyViolation[] {
	return localeKeys.flatMap((key) => checkTypography(locales[key].lang, languageSources(root, key)));
}
