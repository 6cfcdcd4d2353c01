import { expect, test, type Page } from '@playwright/test';

import { localeKeys, localePrefix, locales } from '../config/locales.ts';
import { search } from './search-box.ts';

for (const key of localeKeys) {
	const prefix = localePrefix(key);
	const otherPrefixes = localeKeys.filter((k) => k !== 'root' && k !== key).map((k) => `/${k}/`);

	test(`search in ${locales[key].lang} finds the sign-up page of that language only`, async ({ page }) => {
		// The sign-up page's own title is a query that must find it.
		await page.goto(`${prefix}/sign-up/`);
		const title = (await page.locator('h1').textContent())!.trim();
		await page.goto(`${prefix}/`);
		const found = await search(page, title);
		expect(found).toContain(`${prefix}/sign-up/`);
		for (const path of found) {
			expect(otherPrefixes.some((p) => path.startsWith(p)), `${path} is in another language`).toBe(false);
			if (key !== 'root') expect(path.startsWith(`${prefix}/`)).toBe(true);
		}
	});
}

test('the search code downloads on first use, not with the page', async ({ page }) => {
	const scripts: string[] = [];
	page.on('request', (request) => {
		if (request.resourceType() === 'script' || request.url().includes('pagefind')) scripts.push(request.url());
	});
	await page.goto('/faq/');
	await page.waitForLoadState('networkidle');
	expect(scripts.filter((url) => url.includes('pagefind'))).toEqual([]);
	await expect(page.locator('#starlight__search .pagefind-ui')).toHaveCount(0);

	// Keyboard users open search with the shortcut; the dialog works once the code arrives.
	await page.keyboard.press('Control+k');
	await expect(page.locator('.pagefind-ui__search-input')).toBeFocused();
	expect(scripts.some((url) => url.includes('pagefind'))).toBe(true);
	await page.keyboard.type('password');
	await expect(page.locator('.pagefind-ui__search-input')).toHaveValue('password');
	// The first search downloads Pagefind's engine, its WebAssembly and the index after the UI: on a
	// busy machine that takes longer than an ordinary assertion's five seconds.
	await expect(page.locator('.pagefind-ui__result-link').first()).toBeVisible({ timeout: 20_000 });
	await page.keyboard.press('Escape');
	await expect(page.locator('dialog[open]')).toHaveCount(0);
});

for (const [intent, act] of [
	['gets focus', (page: Page) => page.locator('[data-open-modal]').focus()],
	['gets a pointer', (page: Page) => page.locator('[data-open-modal]').hover()],
] as const) {
	test(`the search code starts downloading when the search button ${intent}, before it is pressed`, async ({ page }) => {
		await page.goto('/faq/');
		await page.waitForLoadState('networkidle');
		// Pagefind's UI draws itself into the dialog as soon as its code has run.
		await expect(page.locator('#starlight__search .pagefind-ui')).toHaveCount(0);
		await act(page);
		await expect(page.locator('#starlight__search .pagefind-ui')).toHaveCount(1);
		await expect(page.locator('dialog[open]')).toHaveCount(0);
	});
}

test('a click on the search button opens the dialog with its input focused', async ({ page }) => {
	await page.goto('/it/');
	await page.waitForLoadState('networkidle');
	await page.locator('[data-open-modal]').click();
	await expect(page.locator('.pagefind-ui__search-input')).toBeFocused();
});

test('the search button is named by its visible text', async ({ page }) => {
	await page.goto('/de/');
	await expect(page.locator('[data-open-modal]')).toHaveAccessibleName(/^Suchen/);
});
