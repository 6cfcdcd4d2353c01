import { expect, type Page } from '@playwright/test';

/**
 * Opens the search dialog with its button, types a query, waits until Pagefind has answered
 * (its message no longer says it is searching), and resolves with the result paths.
 */
export async function search(page: Page, query: string): Promise<string[]> {
	await page.locator('[data-open-modal]').click();
	await page.locator('.pagefind-ui__search-input').fill(query);
	const message = page.locator('.pagefind-ui__message');
	await expect(message).toBeVisible();
	await expect(message).not.toHaveText(/(\.\.\.|…)\s*$/);
	return page.locator('.pagefind-ui__result-link').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
}
