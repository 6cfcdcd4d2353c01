/**
 * What the first focus of a password field costs: the strength meter and its dictionaries, at most
 * 50 KB on the wire, the same in every language (no English dictionaries on the Arabic page).
 */
import { translator } from '../harness/i18n.ts';
import { expect, hydrated, test } from '../harness/fixtures.ts';

const budget = 50 * 1024;

for (const [lang, path] of [['en', '/sign-up/'], ['ar', '/ar/sign-up/']] as const) {
	test(`the first focus of the password field on ${path} downloads at most 50 KB`, async ({ page }) => {
		const t = translator(lang);
		await page.goto(path);
		const password = page.locator('[data-widget="registration-form"]').getByLabel(t('widgets.password.label'), { exact: true });
		await hydrated(password);
		await page.waitForLoadState('networkidle');

		const sizes: Promise<number>[] = [];
		page.on('requestfinished', (request) => sizes.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize)));
		await password.focus();
		await password.fill('velvet kettle orbit lantern');
		await expect(page.locator('.widget-strength')).toBeVisible();
		await page.waitForLoadState('networkidle');
		const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
		console.log(`${path}: first focus downloaded ${(bytes / 1024).toFixed(1)} KB in ${sizes.length} requests`);
		expect(sizes.length).toBeGreaterThan(0);
		expect(bytes).toBeLessThanOrEqual(budget);
	});
}
