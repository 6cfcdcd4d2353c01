import type { UiStringKey } from '../../content/i18n-schema.ts';

/** The translated strings an island receives as a prop: a subset of the page locale's UI strings. */
export type Strings = Partial<Record<UiStringKey, string>>;

/** Looks up a string and fills its `{{name}}` placeholders. */
export type Translate = (key: UiStringKey, values?: Record<string, string | number>) => string;

/**
 * Makes the `t()` an island uses. A key the page did not pass shows as the key itself, so a
 * forgotten string is visible in tests instead of an empty space.
 */
export function translator(strings: Strings): Translate {
	return (key, values = {}) => fill(strings[key] ?? key, values);
}

/** Replaces each `{{name}}` in `template` with its value; unknown names stay as written. */
export function fill(template: string, values: Record<string, string | number>): string {
	return template.replace(/\{\{(\w+)\}\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}

/** Keeps the strings whose key starts with one of `prefixes`: what one island needs of a page's strings. */
export function pickStrings(all: Record<string, unknown>, prefixes: readonly string[]): Strings {
	return Object.fromEntries(
		Object.entries(all).filter(([key, value]) => typeof value === 'string' && prefixes.some((prefix) => key.startsWith(prefix))),
	) as Strings;
}
