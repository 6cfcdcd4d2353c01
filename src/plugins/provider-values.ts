import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { intlTag, localeKeys, locales } from '../../config/locales.ts';
import type { ResolvedProvider } from '../providers/resolve.ts';
import { filePath, jsxAttributes, walk, type ContentFile, type Node } from './mdast.ts';

/** The values a page can show with `<ProviderValue name="…" />`. */
export const valueNames = ['linkLifetime', 'resendWait', 'senderAddress'] as const;

/** The address a page's Markdown link uses for the platform's own “forgot password” page. */
export const forgotPasswordHref = 'provider:forgot-password';

type Strings = Record<string, string>;

/** A duration in a language's words (`24 hours`, `24 heures`, `24 ساعة`), with Western digits. */
export function formatDuration(lang: string, seconds: number): string {
	const duration = seconds % 86_400 === 0 && seconds > 2 * 86_400 ? { days: seconds / 86_400 } : seconds % 3600 === 0 ? { hours: seconds / 3600 } : { minutes: Math.max(1, Math.round(seconds / 60)) };
	return new Intl.DurationFormat(intlTag(lang), { style: 'long' }).format(duration);
}

const text = (value: string): Node => ({ type: 'text', value });
/** Left-to-right text isolated from the sentence around it, so an address or `!@#$` reads right in Arabic. */
const isolated = (value: string): Node => ({
	type: 'mdxJsxTextElement',
	name: 'bdi',
	attributes: [{ type: 'mdxJsxAttribute', name: 'dir', value: 'ltr' }],
	children: [{ type: 'inlineCode', value }],
});

/** A string with `{{placeholders}}` as nodes: each placeholder becomes the nodes given for it. */
function fill(template: string, values: Record<string, Node>): Node[] {
	return template.split(/(\{\{\w+\}\})/).flatMap((part) => {
		const name = /^\{\{(\w+)\}\}$/.exec(part)?.[1];
		if (name === undefined) return part ? [text(part)] : [];
		const value = values[name];
		if (!value) throw new Error(`No value for {{${name}}} in “${template}”.`);
		return [value];
	});
}

/**
 * The password policy as a list, in the page's language, from the same strings as the widgets'
 * checklist: length, then each required class, then what the server checks on submit.
 */
export function passwordRuleItems(provider: Pick<ResolvedProvider, 'passwordPolicy'>, lang: string, strings: Strings): Node[][] {
	const policy = provider.passwordPolicy;
	const number = (n: number) => text(new Intl.NumberFormat(intlTag(lang)).format(n));
	const rules: Node[][] = [
		fill(strings['widgets.password.rule.min_length']!, { count: number(policy.minLength) }),
		fill(strings['widgets.password.rule.max_length']!, { count: number(policy.maxLength) }),
	];
	const classes: [number, string][] = [
		[policy.minLowercase, 'widgets.password.rule.lowercase'],
		[policy.minUppercase, 'widgets.password.rule.uppercase'],
		[policy.minDigits, 'widgets.password.rule.digit'],
	];
	for (const [count, key] of classes) if (count > 0) rules.push(fill(strings[key]!, { count: number(count) }));
	if (policy.minSpecial > 0) {
		rules.push(
			policy.specialCharacters === null
				? fill(strings['widgets.password.rule.specialAny']!, { count: number(policy.minSpecial) })
				: fill(strings['widgets.password.rule.special']!, { count: number(policy.minSpecial), characters: isolated(policy.specialCharacters) }),
		);
	}
	if (policy.rejectEmail) rules.push(fill(strings['widgets.password.rule.contains_email']!, {}));
	if (policy.rejectCommon) rules.push(fill(strings['widgets.password.rule.common']!, {}));
	return rules;
}

/** The language of a content file, from the folder it is written in (English at the root of `content/docs`). */
function languageOf(path: string): string {
	const relative = path.replaceAll('\\', '/').split('/content/docs/').at(-1) ?? '';
	const first = relative.split('/')[0];
	const key = localeKeys.find((k) => k !== 'root' && k === first) ?? 'root';
	return locales[key].lang;
}

/**
 * A remark plugin that writes the provider's values into its pages at build time, formatted for the
 * page's language, so they are in the HTML and the search index like any text:
 *
 * - `<ProviderValue name="linkLifetime" />`: the confirmation link's lifetime (`24 hours`);
 *   `resendWait`: the wait between two emails; `senderAddress`: the emails' sender.
 * - `<PasswordRules />`: the password policy as a list (length, classes, allowed special characters).
 * - a Markdown link to `provider:forgot-password`: the platform's own “forgot password” page.
 *
 * A value the provider does not have (a lifetime the platform does not state) stops the build,
 * naming the page: wrap the passage in `<OnlyIf feature="…">`. Runs after `remarkOnlyIf`.
 *
 * @param i18nDir The absolute path of `src/content/i18n` (the list's strings).
 */
export function remarkProviderValues(provider: ResolvedProvider, i18nDir: string) {
	const cache = new Map<string, Strings>();
	const stringsOf = (lang: string): Strings => {
		if (!cache.has(lang)) cache.set(lang, JSON.parse(readFileSync(join(i18nDir, `${lang}.json`), 'utf8')) as Strings);
		return cache.get(lang)!;
	};
	return () => (tree: Node, file: ContentFile) => {
		const path = filePath(file);
		if (!path.replaceAll('\\', '/').includes('/content/docs/')) return;
		const lang = languageOf(path);
		const missing = (what: string, wrapper: string) => new Error(`${path}: ${what}, but the provider "${provider.id}" has none; wrap the passage in ${wrapper}.`);
		const value = (name: string): string => {
			switch (name) {
				case 'linkLifetime':
					if (provider.confirmationTtlSeconds === null) throw missing('<ProviderValue name="linkLifetime" /> states the link’s lifetime', '<OnlyIf feature="linkLifetime">');
					return formatDuration(lang, provider.confirmationTtlSeconds);
				case 'resendWait':
					return formatDuration(lang, provider.resendCooldownSeconds);
				case 'senderAddress':
					if (!provider.senderAddress) throw missing('<ProviderValue name="senderAddress" /> names the sender', '<OnlyIf feature="senderAddress">');
					return provider.senderAddress;
				default:
					throw new Error(`${path}: <ProviderValue name="${name}"> is unknown; known: ${valueNames.join(', ')}.`);
			}
		};
		walk(tree, (node) => {
			if (node.type === 'link' && node.url === forgotPasswordHref) {
				if (!provider.forgotPasswordUrl) throw missing(`a link to ${forgotPasswordHref} needs the platform's “forgot password” page`, '<OnlyIf unless="passwordReset">');
				node.url = provider.forgotPasswordUrl;
			}
			if (!node.children) return;
			node.children = node.children.flatMap((child): Node[] => {
				if (child.type !== 'mdxJsxFlowElement' && child.type !== 'mdxJsxTextElement') return [child];
				if (child.name === 'ProviderValue') {
					const name = jsxAttributes(child).find((a) => a.name === 'name')?.value;
					if (typeof name !== 'string') throw new Error(`${path}: <ProviderValue> needs name="…" with a plain string.`);
					return [name === 'senderAddress' ? isolated(value(name)) : text(value(name))];
				}
				if (child.name === 'PasswordRules') {
					const items = passwordRuleItems(provider, lang, stringsOf(lang));
					return [
						{
							type: 'list',
							ordered: false,
							spread: false,
							children: items.map((item) => ({ type: 'listItem', spread: false, children: [{ type: 'paragraph', children: item }] })),
						} as Node,
					];
				}
				return [child];
			});
		});
	};
}
