/**
 * Opening the status checker as a browser that registered: its receipt in the page's storage, as
 * the registration form leaves it.
 */
import type { Page } from '@playwright/test';

import { prefixOf, translator, type Lang } from './i18n.ts';
import { hydrated } from './fixtures.ts';

/** Stores `receipt` for `email` as the registration form does, then opens the checker in `lang`. */
export async function openChecker(page: Page, { receipt, email, lang }: { receipt: string; email: string; lang: Lang }) {
	await page.addInitScript(
		([key, value]) => {
			// Only the first load: a reload must find what the page itself stored since (a corrected address).
			if (!sessionStorage.getItem('e2e.receipt-set')) {
				localStorage.setItem(key!, value!);
				sessionStorage.setItem('e2e.receipt-set', '1');
			}
		},
		['signup.receipt', JSON.stringify({ receipt, email, at: Date.now() })],
	);
	await page.goto(`${prefixOf(lang)}/confirm-email/`);
	const checker = page.locator('#confirmation-status');
	await hydrated(checker.getByLabel(translator(lang)('widgets.email.label'), { exact: true }));
	return { checker, timeline: checker.locator('#delivery-status') };
}
