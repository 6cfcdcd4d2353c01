/**
 * The site's Content Security Policy blocks nothing the site itself needs: pages, search (Pagefind's
 * WebAssembly), the widgets and the strength meter all work, and the browser reports no violation.
 */
import type { Page } from '@playwright/test';

import { translator } from '../harness/i18n.ts';
import { expect, hydrated, test } from '../harness/fixtures.ts';
import { search } from '../search-box.ts';

/** Collects every CSP violation the page reports, from the start of each navigation. */
async function watchViolations(page: Page): Promise<string[]> {
	const violations: string[] = [];
	await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (event) => {
			(window as unknown as { reportViolation: (text: string) => void }).reportViolation(`${event.violatedDirective}: ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`);
		});
	});
	page.on('console', (message) => {
		if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
	});
	return violations;
}

for (const path of ['/', '/faq/', '/ar/', '/sign-up/', '/fr/confirm-email/', '/confirm/', '/de/reset-password/']) {
	test(`${path} loads under its policy without a violation`, async ({ page }) => {
		const violations = await watchViolations(page);
		const answer = await page.goto(path);
		expect(answer?.headers()['content-security-policy']).toMatch(/script-src 'self'/);
		await page.waitForLoadState('networkidle');
		expect(violations).toEqual([]);
	});
}

test('search works under the policy (Pagefind runs WebAssembly)', async ({ page }) => {
	const violations = await watchViolations(page);
	await page.goto('/fr/');
	expect(await search(page, 'mot de passe')).not.toEqual([]);
	expect(violations).toEqual([]);
});

test('the registration form and its strength meter work under the policy', async ({ page }) => {
	const t = translator('en');
	const violations = await watchViolations(page);
	await page.goto('/sign-up/');
	const password = page.locator('[data-widget="registration-form"]').getByLabel(t('widgets.password.label'), { exact: true });
	await hydrated(password);
	await password.fill('velvet kettle orbit lantern');
	await expect(page.locator('.widget-strength')).toBeVisible();
	expect(violations).toEqual([]);
});

for (const path of ['/sign-up/', '/ar/faq/']) {
	test(`${path} is styled, its inline styles allowed by their hashes alone`, async ({ page }) => {
		const violations = await watchViolations(page);
		const answer = await page.goto(path);
		const policy = answer?.headers()['content-security-policy'] ?? '';
		// Inline styles by hash only: 'unsafe-inline' would let any injected style sheet in.
		expect(policy).toMatch(/style-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+;/);
		await page.waitForLoadState('networkidle');
		// Styled: Starlight's fixed header and its theme's custom properties.
		expect(await page.locator('header.header').evaluate((header) => getComputedStyle(header).position)).toBe('fixed');
		expect(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--sl-color-accent').trim())).not.toBe('');
		expect(violations).toEqual([]);
	});
}
