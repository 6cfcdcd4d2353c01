/**
 * The password pages say only what is true for who completes the reset. With Traccar's own reset
 * (`TRACCAR_PASSWORD_RESET=traccar`) the email is Traccar's and its link opens Traccar's page, which
 * checks no password rules: no language may list the help center's rules there or promise its
 * single-use link. Checked on the real sources of every language, with the build's switches.
 */
import { readFileSync } from 'node:fs';

import { describe, expect, test } from 'vitest';

import { localeKeys, locales } from '../../config/locales.ts';
import { pageFile } from '../content/completeness.ts';
import { loadProvider } from '../providers/load.ts';
import { resolveProvider } from '../providers/resolve.ts';
import { featureSwitches } from './features.ts';

const root = process.cwd();

/** A page's source with its `<OnlyIf>` passages kept or dropped as the build does, innermost first. */
function applySwitches(source: string, switches: Record<string, boolean>): string {
	const innermost = /<OnlyIf (feature|unless)="([^"]+)">((?:(?!<OnlyIf )[\s\S])*?)<\/OnlyIf>/g;
	let text = source;
	while (innermost.test(text)) {
		text = text.replace(innermost, (_, kind: string, name: string, body: string) => {
			expect(name in switches, `unknown switch ${name}`).toBe(true);
			return switches[name] === (kind === 'feature') ? body : '';
		});
	}
	return text;
}

/** The passages (blank-line separated blocks) of `text` that `other` does not have. */
function blocksOnlyIn(text: string, other: string): string[] {
	return text
		.split('\n\n')
		.map((block) => block.trim())
		.filter((block) => block !== '' && !other.includes(block));
}

const profile = await loadProvider(root, 'geotrack');
const traccarReset = featureSwitches(resolveProvider(profile, { backend: 'traccar', passwordReset: 'platform' }));
const helpCenterReset = featureSwitches(resolveProvider(profile, { backend: 'traccar' }));
const navixy = featureSwitches(resolveProvider(await loadProvider(root, 'rimal')));
const builtIn = featureSwitches(resolveProvider(await loadProvider(root, 'sendero'), { backend: 'local' }));

/** The steps of the first `<Steps>` list of `text`, each from its number to the next one. */
function steps(text: string): string[] {
	const list = /<Steps>([\s\S]*?)<\/Steps>/.exec(text)?.[1] ?? '';
	return list.split(/\n(?=\d+\. )/).map((step) => step.trim()).filter((step) => /^\d+\. /.test(step));
}

describe.each(localeKeys.map((key) => [key] as const))('the password-recovery page (%s)', (key) => {
	const source = readFileSync(pageFile(root, key, 'password-recovery')!, 'utf8');

	test('lists the password rules only where the page that takes the new password checks them', () => {
		expect(applySwitches(source, helpCenterReset)).toContain('<PasswordRules />');
		// Navixy's own page checks the platform's policy, which the profile mirrors.
		expect(applySwitches(source, navixy)).toContain('<PasswordRules />');
		expect(applySwitches(source, traccarReset)).not.toContain('<PasswordRules />');
	});

	test('says the email and the page are the platform’s where the platform completes the reset', () => {
		const delegated = applySwitches(source, traccarReset);
		const own = applySwitches(source, helpCenterReset);
		// The request form stays; passages about the platform's page and its email take the rules' place.
		expect(delegated).toContain('<PasswordResetRequest />');
		expect(blocksOnlyIn(delegated, own).length).toBeGreaterThanOrEqual(2);
	});

	const button = (JSON.parse(readFileSync(`${root}/src/content/i18n/${locales[key].lang}.json`, 'utf8')) as Record<string, string>)['widgets.resetRequest.submit']!;

	test.each([
		['the help center completes the reset (Traccar)', helpCenterReset],
		['Traccar completes the reset', traccarReset],
		['the built-in backend', builtIn],
	] as const)('where the help center takes the request (%s), step 1 is its form, not the login page’s link', (_, switches) => {
		expect(switches['passwordResetRequest']).toBe(true);
		const text = applySwitches(source, switches);
		expect(text).not.toContain('provider:forgot-password');
		expect(text.split('<PasswordResetRequest />')).toHaveLength(2);
		const [first] = steps(text);
		expect(first, 'a first step').toBeDefined();
		expect(first).toContain(button);
		expect(text.indexOf(first!)).toBeLessThan(text.indexOf('<PasswordResetRequest />'));
		expect(steps(text).length).toBeLessThanOrEqual(5);
	});

	test('where the platform takes the request (Navixy), the login page’s steps and its “forgot password” link stay', () => {
		expect(navixy['passwordResetRequest']).toBe(false);
		const text = applySwitches(source, navixy);
		expect(text).toContain('provider:forgot-password');
		expect(text.split('<PasswordResetRequest />')).toHaveLength(2);
		expect(steps(text).length).toBeGreaterThanOrEqual(6);
		expect(text).not.toContain(button);
	});
});

describe.each(localeKeys.map((key) => [key] as const))('the pages about the sender (%s)', (key) => {
	test.each(['confirm-email', 'email-delivery'])('%s promises the reset email from the confirmation’s sender only where the same system sends both', (page) => {
		const source = readFileSync(pageFile(root, key, page)!, 'utf8');
		expect(traccarReset['resetSameSender']).toBe(false);
		expect(helpCenterReset['resetSameSender'] && navixy['resetSameSender']).toBe(true);
		const delegated = applySwitches(source, traccarReset);
		const own = applySwitches(source, helpCenterReset);
		// Each mode keeps a passage the other drops: the promise, or the warning that replaces it.
		expect(blocksOnlyIn(delegated, own).length).toBeGreaterThanOrEqual(1);
		expect(blocksOnlyIn(own, delegated).length).toBeGreaterThanOrEqual(1);
		expect(applySwitches(source, navixy)).toContain(blocksOnlyIn(own, delegated)[0]);
	});
});

test('the English sender pages tell a Traccar-reset reader that the reset email has its own sender', () => {
	for (const page of ['confirm-email', 'email-delivery']) {
		const text = applySwitches(readFileSync(pageFile(root, 'root', page)!, 'utf8'), traccarReset);
		expect(text).not.toMatch(/such as a password reset/);
		expect(text).toMatch(/A password-reset email comes from your service provider's platform, not from this help center, and may have another sender/);
	}
});
