import { readFileSync } from 'node:fs';

import { expect, test } from '@playwright/test';

import { localeDir, localeKeys, localePrefix, locales } from '../config/locales.ts';
import { docsDir, pageFile } from '../src/content/completeness.ts';
import { expectNoAxeViolations } from './axe.ts';

const repository = new URL('..', import.meta.url).pathname;

/** The title a language's not-found page gives itself, read from its source. */
function notFoundTitle(key: (typeof localeKeys)[number]): string {
	const file = pageFile(repository, key, '404');
	if (!file) throw new Error(`no 404 page in ${docsDir('', key) || 'src/content/docs'}`);
	const title = /^title:\s*(.+)$/m.exec(readFileSync(file, 'utf8'))?.[1];
	return JSON.parse(title!) as string;
}

for (const key of localeKeys) {
	const { lang } = locales[key];
	const prefix = localePrefix(key);
	test(`an unknown address under ${prefix || '/'} answers 404 in ${lang}, with a way back`, async ({ page }) => {
		const response = await page.goto(`${prefix}/no-such-page/`);
		expect(response?.status()).toBe(404);
		await expect(page.locator('html')).toHaveAttribute('lang', lang);
		await expect(page.locator('html')).toHaveAttribute('dir', localeDir(key));
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(notFoundTitle(key));
		await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
		// The first of the links back to the main pages leads to this language's home.
		const home = page.locator('main ul').getByRole('link').first();
		await expect(home).toHaveAttribute('href', `${prefix}/`);
		await expectNoAxeViolations(page);
	});
}
