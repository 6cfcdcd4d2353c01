import type { ComponentChild } from 'preact';

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

/**
 * Like {@link fill}, with elements as values: a sentence whose address or character list must
 * stay one piece (`<bdi>`, no break at a hyphen) keeps the translation's word order.
 */
export function fillParts(template: string, values: Record<string, ComponentChild>): ComponentChild[] {
	return template.split(/(\{\{\w+\}\})/).map((part) => {
		const name = /^\{\{(\w+)\}\}$/.exec(part)?.[1];
		return name !== undefined && name in values ? values[name] : part;
	});
}

/** The strings of `keys` out of a page's strings: what one island declares it needs. */
export function pickKeys(all: Record<string, unknown>, keys: readonly UiStringKey[]): Strings {
	return Object.fromEntries(keys.flatMap((key) => (typeof all[key] === 'string' ? [[key, all[key]]] : []))) as Strings;
}
