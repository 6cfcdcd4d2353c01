import { expect, type Page } from '@playwright/test';

/**
 * Opens the search dialog with its button, types a query, waits until Pagefind has answered
 * (its message no longer says it is searching and its results have arrived), and resolves with
 * the result paths.
 */
export async function search(page: Page, query: string): Promise<string[]> {
	await page.locator('[data-open-modal]').click();
	await page.locator('.pagefind-ui__search-input').fill(query);
	const message = page.locator('.pagefind-ui__message');
	await expect(message).toBeVisible();
	await expect(message).not.toHaveText(/(\.\.\.|…)\s*$/);
	// The count comes first; each result shows a loading placeholder until its fragment arrives, then
	// its links.
	const loaded = async () =>
		(await page.locator('.pagefind-ui__results .pagefind-ui__loading').count()) === 0 &&
		(await page.locator('.pagefind-ui__result').count()) === (await page.locator('.pagefind-ui__result:has(.pagefind-ui__result-link)').count());
	await expect.poll(loaded).toBe(true);
	return page.locator('.pagefind-ui__result-link').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
}
