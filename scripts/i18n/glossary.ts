/**
 * One name for each thing, and one voice, per language. Each language's glossary
 * (`src/content/glossary/<lang>.json`) lists, per concept, the preferred term and the variants to
 * avoid; {@link findGlossaryViolations} reads every page, interface string and email string of that
 * language and reports each avoided variant it finds, with the file, the line and the preferred term.
 *
 * Matching is deliberately literal: a variant matches as a whole word or phrase (letters or digits
 * on either side stop it), whatever its case, with any run of spaces between its words. Inflected
 * forms are listed one by one in the glossary rather than guessed from a stem, so a rule never
 * catches a word it did not mean.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { localeKeys, locales, type LocaleKey } from '../../config/locales.ts';

/** The folder of the glossaries, relative to the repository root. */
export const glossaryDir = 'src/content/glossary';

/** One concept of a glossary. */
export interface GlossaryTerm {
	/** What the term names, in English: `provider`, `support`, `register (formal address)`… */
	concept: string;
	/** The term to use. */
	preferred: string;
	/** Words or phrases to avoid, each inflected form listed on its own. */
	avoid: string[];
	/** Longer phrases in which an avoided variant is right (a mail service's own label, say). */
	allow?: string[];
	/** Why, for translators. */
	note?: string;
}

/** A language's glossary file. */
export interface Glossary {
	terms: GlossaryTerm[];
}

/** One avoided variant found in a text. */
export interface GlossaryViolation {
	/** The file, relative to the repository root. */
	file: string;
	/** 1-based line in that file. */
	line: number;
	/** The text as written. */
	found: string;
	/** The variant of the glossary it matched. */
	variant: string;
	preferred: string;
	concept: string;
}

/** A text to check, with where it comes from. */
export interface Source {
	file: string;
	text: string;
}

/** Reads and checks the shape of a glossary file; a malformed one throws, naming the file. */
export function readGlossary(file: string): Glossary {
	const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<Glossary>;
	if (!Array.isArray(data.terms)) throw new Error(`${file}: expected { "terms": [...] }`);
	for (const [index, term] of data.terms.entries()) {
		const ok =
			typeof term?.concept === 'string' &&
			typeof term.preferred === 'string' &&
			Array.isArray(term.avoid) &&
			term.avoid.every((variant) => typeof variant === 'string' && variant.trim() !== '') &&
			(term.allow === undefined || (Array.isArray(term.allow) && term.allow.every((phrase) => typeof phrase === 'string')));
		if (!ok) throw new Error(`${file}: term ${index + 1} needs "concept", "preferred" and a list of "avoid" strings`);
	}
	return data as Glossary;
}

const letter = String.raw`[\p{L}\p{M}\p{N}_]`;
/** Not inside a word, nor inside a hyphenated compound (“mail” is not a word of “e-mail”). */
const wordStart = String.raw`(?<!${letter}|${letter}[-‐])`;
const wordEnd = String.raw`(?!${letter}|[-‐]${letter})`;

/** The pattern of a variant or phrase: whole words, any case, any spaces between words. */
export function phrasePattern(phrase: string): RegExp {
	const body = phrase
		.trim()
		.split(/\s+/)
		.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
		.join(String.raw`\s+`);
	return new RegExp(`${wordStart}${body}${wordEnd}`, 'giu');
}

/** `{{email}}` is filled in at run time: its name is no word of the text (its braces stay, for rules about what follows a brand). */
function blankPlaceholders(text: string): string {
	return text.replace(/\{\{[^{}]*\}\}/g, (whole) => `{{${' '.repeat(whole.length - 4)}}}`);
}

/** Every avoided variant in the sources, in source order. */
export function checkSources(glossary: Glossary, sources: Source[]): GlossaryViolation[] {
	const violations: GlossaryViolation[] = [];
	const rules = glossary.terms.map((term) => ({
		term,
		allow: (term.allow ?? []).map(phrasePattern),
		avoid: term.avoid.map((variant) => ({ variant, pattern: phrasePattern(variant) })),
	}));
	for (const source of sources) {
		const { file } = source;
		const text = blankPlaceholders(source.text);
		for (const { term, allow, avoid } of rules) {
			const allowed = allow.flatMap((pattern) => [...text.matchAll(pattern)].map((m) => [m.index, m.index + m[0].length] as const));
			for (const { variant, pattern } of avoid) {
				for (const match of text.matchAll(pattern)) {
					const start = match.index;
					if (allowed.some(([from, to]) => start >= from && start + match[0].length <= to)) continue;
					violations.push({ file, line: lineOf(text, start), found: match[0], variant, preferred: term.preferred, concept: term.concept });
				}
			}
		}
	}
	return violations.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

/**
 * The reader-facing text of a page: the frontmatter values and the prose, without what a reader
 * never sees as words (imports, link targets, component attributes, code), blanked out rather than
 * removed so line numbers stay right.
 */
export function pageText(source: string): string {
	const blank = (part: string) => part.replace(/[^\n]/g, ' ');
	return source
		.replace(/^(---\n)([\s\S]*?)(\n---)/, (_, open: string, body: string, close: string) => blank(open) + frontmatterText(body, blank) + blank(close))
		.replace(/^(import|export)\s.*$/gm, blank)
		.replace(/^\s*:::[\w-]*/gm, blank)
		.replace(/```[\s\S]*?```|`[^`\n]*`/g, blank)
		.replace(/<!--[\s\S]*?-->/g, blank)
		.replace(/\]\([^)\s]*\)/g, blank)
		.replace(/<\/?[A-Za-z][^<>]*>/g, (tag) => {
			// Keep what a reader sees of a component (a card's title and description), blank the rest.
			let kept = blank(tag);
			for (const m of tag.matchAll(/\b(?:title|description|label)="([^"]*)"/g)) {
				const at = m.index + m[0].indexOf('"') + 1;
				kept = kept.slice(0, at) + m[1] + kept.slice(at + m[1]!.length);
			}
			return kept;
		});
}

/** Of a page's frontmatter, only what readers see: titles, descriptions, taglines, labels. */
function frontmatterText(body: string, blank: (part: string) => string): string {
	return body
		.split('\n')
		.map((line) => {
			const m = /^(\s*(?:- )?(?:title|description|tagline|label|text):\s*)(.*)$/.exec(line);
			return m ? blank(m[1]!) + m[2] : blank(line);
		})
		.join('\n');
}

/** The values of a string file, one per line, with keys blanked so line numbers match the file. */
export function stringsText(source: string): string {
	return source
		.split('\n')
		.map((line) => line.replace(/^(\s*)"[^"]*"\s*:/, (whole) => whole.replace(/[^\n]/g, ' ')))
		.join('\n');
}

/** The sources of one language: its pages (shared and each provider's own), UI strings and email strings. */
export function languageSources(root: string, key: LocaleKey): Source[] {
	const { lang } = locales[key];
	const sources: Source[] = [];
	const pageFolders = [join(root, 'src/content/docs'), ...providerDocs(root)];
	for (const folder of pageFolders) {
		const dir = key === 'root' ? folder : join(folder, key);
		if (!existsSync(dir)) continue;
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			if (!entry.isFile() || !/\.mdx?$/.test(entry.name)) continue;
			const file = join(dir, entry.name);
			sources.push({ file: relative(root, file), text: pageText(readFileSync(file, 'utf8')) });
		}
	}
	for (const folder of ['src/content/i18n', 'src/server/mail/locales']) {
		const file = join(root, folder, `${lang}.json`);
		if (existsSync(file)) sources.push({ file: relative(root, file), text: stringsText(readFileSync(file, 'utf8')) });
	}
	return sources;
}

/** Every avoided variant in every language that has a glossary. */
export function findGlossaryViolations(root: string): GlossaryViolation[] {
	return localeKeys.flatMap((key) => {
		const file = join(root, glossaryDir, `${locales[key].lang}.json`);
		return existsSync(file) ? checkSources(readGlossary(file), languageSources(root, key)) : [];
	});
}

/** A violation as a translator can act on it. */
export function describeViolation(v: GlossaryViolation): string {
	return `${v.file}:${v.line}: “${v.found}” (avoid “${v.variant}”); use “${v.preferred}” for ${v.concept}`;
}

function providerDocs(root: string): string[] {
	const providers = join(root, 'src/providers');
	if (!existsSync(providers)) return [];
	return readdirSync(providers, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.map((entry) => join(providers, entry.name, 'content/docs'))
		.filter((dir) => existsSync(dir));
}

function lineOf(text: string, offset: number): number {
	let line = 1;
	for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
	return line;
}
