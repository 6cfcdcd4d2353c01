/**
 * Which version of the English source each translation matches, so a translation cannot silently
 * go stale. Every translated unit — a page (`src/content/docs/fr/sign-up.mdx`, a provider's own
 * pages), an interface string (`src/content/i18n/fr.json`) or an email string
 * (`src/server/mail/locales/fr.json`) — is recorded in `src/content/translation-state/<lang>.json`
 * with a hash of the English text it was translated from and a hash of the translation itself.
 *
 * When the English text changes, the recorded source hash no longer matches: the check fails until
 * the translation is updated and stamped again (`npm run i18n:stamp`), or marked outdated
 * (`npm run i18n:outdated`), which tells the page's readers so in their language.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { localeKeys, locales, type LocaleKey } from '../../config/locales.ts';

/** The folder of the state files, relative to the repository root. */
export const stateDir = 'src/content/translation-state';

/** What is recorded for one translated unit. */
export interface UnitState {
	/** Hash of the English text the translation was made from. */
	source: string;
	/** Hash of the translation when it was stamped. */
	translation: string;
	/** Set when a translator marked it as behind its English source. */
	outdated?: true;
}

/** One language's state: unit id → what was recorded. */
export type LanguageState = Record<string, UnitState>;

/** A translated unit as it is now. */
export interface Unit {
	/** `src/content/docs/sign-up.mdx` for a page (its English file), `ui:<key>` or `mail:<key>` for a string. */
	id: string;
	lang: string;
	english: string;
	translation: string;
}

/** How a unit compares with what was recorded. */
export type UnitStatus = 'current' | 'untracked' | 'stale' | 'outdated';

/** A short, stable hash of a text (line endings normalised). */
export function textHash(text: string): string {
	return createHash('sha256').update(text.replace(/\r\n/g, '\n')).digest('hex').slice(0, 16);
}

/** The languages other than English, by BCP-47 tag, with their page folder. */
function translatedLocales(): { key: Exclude<LocaleKey, 'root'>; lang: string }[] {
	return localeKeys.filter((key): key is Exclude<LocaleKey, 'root'> => key !== 'root').map((key) => ({ key, lang: locales[key].lang }));
}

/** The English pages of a docs folder (top level only: each language is a subfolder). */
function englishPages(docsDir: string): string[] {
	if (!existsSync(docsDir)) return [];
	return readdirSync(docsDir, { withFileTypes: true })
		.filter((entry) => entry.isFile() && /\.mdx?$/.test(entry.name))
		.map((entry) => entry.name);
}

/** The folders that hold pages: the shared ones and each provider's own. */
function docsFolders(root: string): string[] {
	const providers = join(root, 'src/providers');
	const own = existsSync(providers)
		? readdirSync(providers, { withFileTypes: true })
				.filter((entry) => entry.isDirectory())
				.map((entry) => join('src/providers', entry.name, 'content/docs'))
		: [];
	return ['src/content/docs', ...own].filter((dir) => existsSync(join(root, dir)));
}

/** The string files: each folder holds `<lang>.json`, English in `en.json`. */
const stringFolders = { ui: 'src/content/i18n', mail: 'src/server/mail/locales' } as const;

/** Every translated unit that exists in the repository now. */
export function collectUnits(root: string): Unit[] {
	const units: Unit[] = [];
	for (const { key, lang } of translatedLocales()) {
		for (const dir of docsFolders(root)) {
			for (const page of englishPages(join(root, dir))) {
				const translated = join(root, dir, key, page);
				if (!existsSync(translated)) continue; // a missing page is the completeness check's business
				units.push({ id: `${dir}/${page}`, lang, english: readFileSync(join(root, dir, page), 'utf8'), translation: readFileSync(translated, 'utf8') });
			}
		}
		for (const [kind, dir] of Object.entries(stringFolders)) {
			const english = readStrings(join(root, dir, 'en.json'));
			const translated = readStrings(join(root, dir, `${lang}.json`));
			for (const [name, text] of Object.entries(english)) {
				const translation = translated[name];
				if (typeof translation === 'string') units.push({ id: `${kind}:${name}`, lang, english: text, translation });
			}
		}
	}
	return units;
}

function readStrings(file: string): Record<string, string> {
	return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
}

/** The recorded state of every language. */
export function readState(root: string): Record<string, LanguageState> {
	return Object.fromEntries(
		translatedLocales().map(({ lang }) => {
			const file = join(root, stateDir, `${lang}.json`);
			return [lang, existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as LanguageState) : {}];
		}),
	);
}

/** Writes one language's state, sorted so that diffs stay small. */
export function writeState(root: string, lang: string, state: LanguageState): void {
	mkdirSync(join(root, stateDir), { recursive: true });
	const sorted = Object.fromEntries(Object.entries(state).sort(([a], [b]) => a.localeCompare(b)));
	writeFileSync(join(root, stateDir, `${lang}.json`), `${JSON.stringify(sorted, null, '\t')}\n`);
}

/** How a unit compares with its record. */
export function unitStatus(unit: Unit, recorded: UnitState | undefined): UnitStatus {
	if (!recorded) return 'untracked';
	if (recorded.outdated) return 'outdated';
	return recorded.source === textHash(unit.english) ? 'current' : 'stale';
}

/** A unit that the check refuses, with what to do about it. */
export interface StaleUnit {
	unit: Unit;
	status: 'untracked' | 'stale';
	advice: string;
}

/** The units whose English changed (or that were never stamped) with no decision recorded. */
export function findStale(root: string): StaleUnit[] {
	const state = readState(root);
	return collectUnits(root).flatMap((unit): StaleUnit[] => {
		const status = unitStatus(unit, state[unit.lang]?.[unit.id]);
		if (status === 'current' || status === 'outdated') return [];
		const target = `${unit.lang} ${unit.id}`;
		const advice =
			status === 'untracked'
				? `no record of which English version it translates: run npm run i18n:stamp -- ${target}`
				: `the English source changed since it was translated: update the translation, then npm run i18n:stamp -- ${target}; or npm run i18n:outdated -- ${target}`;
		return [{ unit, status, advice }];
	});
}

/** Why a stamp was refused. */
export class StampError extends Error {
	override name = 'StampError';
}

/**
 * Records that `lang`'s translation of `ids` (all of its units when empty) matches the English as it
 * is now. A unit whose English changed while its translation did not is refused unless `force`:
 * stamping it would claim a translation nobody made.
 */
export function stamp(root: string, lang: string, ids: string[], force = false): string[] {
	const state = readState(root)[lang] ?? {};
	const units = collectUnits(root).filter((unit) => unit.lang === lang && (ids.length === 0 || ids.includes(unit.id)));
	const unknown = ids.filter((id) => !units.some((unit) => unit.id === id));
	if (unknown.length > 0) throw new StampError(`No ${lang} translation of: ${unknown.join(', ')}`);
	const stamped: string[] = [];
	for (const unit of units) {
		const recorded = state[unit.id];
		const english = textHash(unit.english);
		const translation = textHash(unit.translation);
		if (recorded && recorded.source === english && recorded.translation === translation && !recorded.outdated) continue;
		if (recorded && !force && recorded.source !== english && recorded.translation === translation) {
			throw new StampError(
				`${lang} ${unit.id}: the English changed but this translation did not. Translate the change first, or mark it outdated (npm run i18n:outdated); --force stamps it anyway.`,
			);
		}
		state[unit.id] = { source: english, translation };
		stamped.push(unit.id);
	}
	writeState(root, lang, state);
	return stamped;
}

/** Marks `lang`'s translation of `ids` as behind its English source; its readers are told. */
export function markOutdated(root: string, lang: string, ids: string[]): void {
	const state = readState(root)[lang] ?? {};
	for (const id of ids) {
		const recorded = state[id];
		if (!recorded) throw new StampError(`${lang} ${id} has no record yet: stamp it first (npm run i18n:stamp -- ${lang} ${id}).`);
		state[id] = { ...recorded, outdated: true };
	}
	writeState(root, lang, state);
}
