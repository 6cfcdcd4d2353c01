import { describe, expect, test } from 'vitest';

import { loadResolvedProvider } from '../providers/load.ts';
import type { Node } from './mdast.ts';
import { featureSwitches } from './features.ts';
import { remarkOnlyIf } from './only-if.ts';
import { forgotPasswordHref, formatDuration, remarkProviderValues } from './provider-values.ts';

const root = process.cwd();
const i18n = `${root}/src/content/i18n`;
const attribute = (name: string, value: string) => ({ type: 'mdxJsxAttribute', name, value });
const element = (name: string, attributes: object[], children: Node[] = [], flow = true): Node => ({
	type: flow ? 'mdxJsxFlowElement' : 'mdxJsxTextElement',
	name,
	attributes,
	children,
});
const paragraph = (...children: Node[]): Node => ({ type: 'paragraph', children });
const text = (value: string): Node => ({ type: 'text', value });

/** The text of a tree, inline code included. */
function plain(node: Node): string {
	if (node.type === 'text' || node.type === 'inlineCode') return String(node.value);
	return (node.children ?? []).map(plain).join(node.type === 'root' || node.type === 'list' ? '\n' : '');
}

function run(plugin: () => (tree: Node, file: { path: string }) => void, children: Node[], path = '/site/src/content/docs/confirm-email.mdx'): Node {
	const tree: Node = { type: 'root', children };
	plugin()(tree, { path });
	return tree;
}

describe('<OnlyIf>', () => {
	const passages = [
		element('OnlyIf', [attribute('feature', 'confirmationCode')], [paragraph(text('Type the 6-digit code.'))]),
		element('OnlyIf', [attribute('unless', 'confirmationCode')], [paragraph(text('Follow the link.'))]),
	];

	test('keeps what the provider’s backend does and drops the rest', async () => {
		const local = featureSwitches(await loadResolvedProvider(root, 'geotrack'));
		const navixy = featureSwitches(await loadResolvedProvider(root, 'rimal'));
		expect(plain(run(remarkOnlyIf(local), structuredClone(passages)))).toBe('Type the 6-digit code.');
		expect(plain(run(remarkOnlyIf(navixy), structuredClone(passages)))).toBe('Follow the link.');
	});

	test('decides a passage inside a kept one too', () => {
		const nested = [element('OnlyIf', [attribute('feature', 'passwordResetRequest')], [paragraph(text('Ask here.')), element('OnlyIf', [attribute('unless', 'passwordReset')], [paragraph(text('The platform’s email.'))])])];
		expect(plain(run(remarkOnlyIf({ passwordResetRequest: true, passwordReset: false }), structuredClone(nested)))).toBe('Ask here.\nThe platform’s email.');
		expect(plain(run(remarkOnlyIf({ passwordResetRequest: true, passwordReset: true }), structuredClone(nested)))).toBe('Ask here.');
	});

	test('stops the build on an unknown feature, naming the page and the known ones', () => {
		const unknown = [element('OnlyIf', [attribute('feature', 'teleport')])];
		expect(() => run(remarkOnlyIf({ confirmationCode: true }), unknown)).toThrow(/confirm-email\.mdx: <OnlyIf feature="teleport"> names an unknown feature; known: confirmationCode/);
	});

	test('has a switch for each capability of the contract, and what the provider’s settings make true', async () => {
		const switches = featureSwitches(await loadResolvedProvider(root, 'rimal'));
		expect(Object.keys(switches).sort()).toEqual(
			['addressChange', 'confirmPage', 'confirmationCode', 'deliveryTimeline', 'existsNotice', 'linkLifetime', 'passphrase', 'passwordReset', 'passwordResetRequest', 'registrationStatus', 'resetRules', 'resetSameSender', 'selfRegistration', 'senderAddress'].sort(),
		);
		expect(switches).toMatchObject({ confirmationCode: false, confirmPage: false, passwordReset: false, linkLifetime: false, passphrase: false, senderAddress: true });
	});
});

describe('provider values in pages', () => {
	test('write the link lifetime and the resend wait in the page’s language', async () => {
		const geotrack = await loadResolvedProvider(root, 'geotrack');
		const line = () => [paragraph(text('Valid for '), element('ProviderValue', [attribute('name', 'linkLifetime')], [], false), text('.'))];
		expect(plain(run(remarkProviderValues(geotrack, i18n), line()))).toBe('Valid for 24 hours.');
		expect(plain(run(remarkProviderValues(geotrack, i18n), line(), '/site/src/content/docs/fr/faq.mdx'))).toBe('Valid for 24\u00a0heures.');
		const wait = [paragraph(element('ProviderValue', [attribute('name', 'resendWait')], [], false))];
		expect(plain(run(remarkProviderValues({ ...geotrack, resendCooldownSeconds: 120 }, i18n), wait, '/site/src/content/docs/de/faq.mdx'))).toBe('2 Minuten');
		expect(formatDuration('en', 7 * 86_400)).toBe('7 days');
	});

	test('stop the build where a page states a value the provider does not have', async () => {
		const rimal = await loadResolvedProvider(root, 'rimal');
		const line = [paragraph(element('ProviderValue', [attribute('name', 'linkLifetime')], [], false))];
		expect(() => run(remarkProviderValues(rimal, i18n), line)).toThrow(/states the link’s lifetime, but the provider "rimal" has none; wrap the passage in <OnlyIf feature="linkLifetime">/);
	});

	test('render the password policy as rules: length, classes, special characters; the common-password check only where the server does it', async () => {
		const rimal = await loadResolvedProvider(root, 'rimal');
		const rules = plain(run(remarkProviderValues(rimal, i18n), [element('PasswordRules', [])], '/site/src/content/docs/sign-up.mdx'));
		expect(rules.split('\n')).toEqual([
			'Characters: at least 12',
			'Characters: at most 20',
			'Lowercase letters: at least 1',
			'Uppercase letters: at least 1',
			'Digits: at least 1',
			'Special characters (!@#$%^&*): at least 1',
		]);
		const geotrack = await loadResolvedProvider(root, 'geotrack');
		const nist = plain(run(remarkProviderValues(geotrack, i18n), [element('PasswordRules', [])]));
		expect(nist).toContain('Characters: at least 15');
		expect(nist).toContain('Not a common or leaked password');
		expect(nist).not.toContain('Uppercase');
	});

	test('point the “forgot password” link at the platform’s own page', async () => {
		const rimal = await loadResolvedProvider(root, 'rimal');
		const link: Node = { type: 'link', url: forgotPasswordHref, children: [text('Forgot password?')] };
		run(remarkProviderValues(rimal, i18n), [paragraph(link)]);
		expect(link.url).toBe('https://track.rimal.example/login/?partition=password_remind');
	});
});
