import { expect, test } from '@playwright/test';

import { localeKeys, localePrefix, locales } from '../config/locales.ts';
import { pagePath } from '../config/pages.ts';
import { sitePages } from './site.ts';

/** The English title of each page, to tell a translation from Starlight's English fallback. */
const englishTitles = new Map<string, string>();
test.beforeAll(async ({ browser }) => {
	const page = await browser.newPage();
	for (const { slug, path } of sitePages.filter((p) => p.key === 'root')) {
		await page.goto(path);
		englishTitles.set(slug, (await page.locator('h1').textContent())!.trim());
	}
	// The English not-found page is the one any unknown address gets (see e2e/site.ts).
	await page.goto('/no-such-page/');
	englishTitles.set('404', (await page.locator('h1').textContent())!.trim());
	await page.close();
});

for (const page of sitePages) {
	test(`${page.path} is written in ${page.lang}`, async ({ page: browser }) => {
		const response = await browser.goto(page.path);
		expect(response?.status()).toBe(200);
		const html = browser.locator('html');
		await expect(html).toHaveAttribute('lang', page.lang);
		await expect(html).toHaveAttribute('dir', page.dir);
		await expect(browser.locator('h1')).toHaveCount(1);
		if (page.key !== 'root') {
			// Starlight fills a missing translation with the English page; a real one has its own title.
			const englishTitle = englishTitles.get(page.slug);
			expect(englishTitle).toBeTruthy();
			await expect(browser.locator('h1')).not.toHaveText(englishTitle!);
		}
	});

	test(`the language picker on ${page.path} offers the same page in every language`, async ({ page: browser }) => {
		await browser.goto(page.path);
		const options = browser.locator('starlight-lang-select select').first().locator('option');
		const values = await options.evaluateAll((els) => els.map((el) => (el as HTMLOptionElement).value));
		expect(values).toEqual(localeKeys.map((key) => pagePath(localePrefix(key), page.slug)));
	});
}

test('choosing a language in the picker opens the same page in that language', async ({ page }) => {
	await page.goto('/fr/confirm-email/');
	await page.locator('starlight-lang-select select').first().selectOption({ label: locales.ar.label });
	await expect(page).toHaveURL(/\/ar\/confirm-email\/$/);
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
});

