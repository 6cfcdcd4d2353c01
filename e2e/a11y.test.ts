import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

import { sitePages } from './site.ts';

/** The rules the help center must pass: WCAG 2.0–2.2 A and AA, plus axe's best practices. */
export const axeTags = ['wcag2a', 'wcag21a', 'wcag2aa', 'wcag21aa', 'wcag22aa', 'best-practice'];

for (const colorScheme of ['light', 'dark'] as const) {
	test.describe(`${colorScheme} theme`, () => {
		test.use({ colorScheme });
		for (const { path } of sitePages) {
			test(`${path} has no accessibility violations`, async ({ page }) => {
				await page.goto(path);
				await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
				const { violations } = await new AxeBuilder({ page }).withTags(axeTags).analyze();
				expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
			});
		}
	});
}
