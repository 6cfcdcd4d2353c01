import { expect, test } from '@playwright/test';

import { expectNoAxeViolations } from './axe.ts';
import { sitePages } from './site.ts';

for (const colorScheme of ['light', 'dark'] as const) {
	test.describe(`${colorScheme} theme`, () => {
		test.use({ colorScheme });
		for (const { path } of sitePages) {
			test(`${path} has no accessibility violations`, async ({ page }) => {
				await page.goto(path);
				await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
				await expectNoAxeViolations(page);
			});
		}
	});
}
