/**
 * The timeline and the address correction at 320 CSS pixels (WCAG 1.4.10 reflow), in English,
 * French and Arabic: nothing sticks out sideways, the page does not scroll sideways, and the
 * correction's field keeps a width one can type in, its buttons wrapping instead of overflowing.
 */
import type { Page } from '@playwright/test';

import { openChecker } from '../harness/follow.ts';
import { translator, type Lang } from '../harness/i18n.ts';
import { expect, registerViaApi, test } from '../harness/fixtures.ts';
import { tagged } from '../harness/mail.ts';

/** About 16 characters: the narrowest a field may get at 320 px, inside the widget and the form's box. */
const minInputWidth = 180;

/** What sticks out of the viewport inside the widgets, the page's scroll width and the fields' widths. */
async function measure(page: Page) {
	return page.evaluate(() => {
		const viewport = document.documentElement.clientWidth;
		const live = [...document.querySelectorAll<HTMLElement>('.widget-live')];
		const sticking = live
			.flatMap((root) => [...root.querySelectorAll<HTMLElement>('*')])
			.filter((el) => el.getClientRects().length > 0 && !el.closest('.widget-honeypot, .sr-only'))
			.map((el) => ({ el, box: el.getBoundingClientRect() }))
			.filter(({ box }) => box.right > viewport + 0.5 || box.left < -0.5)
			.map(({ el, box }) => `${el.tagName.toLowerCase()}.${el.className} [${Math.round(box.left)}, ${Math.round(box.right)}]`);
		const inputs = live.flatMap((root) => [...root.querySelectorAll<HTMLInputElement>('input.widget-input')]).map((input) => ({ id: input.id, width: input.getBoundingClientRect().width }));
		return { viewport, sticking, inputs, page: document.documentElement.scrollWidth };
	});
}

async function expectReflows(page: Page, state: string) {
	const measured = await measure(page);
	expect(measured.sticking, `widget parts beyond the viewport ${state}`).toEqual([]);
	expect(measured.page, `the page scrolls sideways ${state}`).toBeLessThanOrEqual(measured.viewport);
	for (const input of measured.inputs) expect(input.width, `#${input.id} ${state}`).toBeGreaterThanOrEqual(minInputWidth);
}

test.use({ viewport: { width: 320, height: 640 }, deviceScaleFactor: 2, isMobile: true });

for (const lang of ['en', 'fr', 'ar'] as const satisfies Lang[]) {
	test(`${lang}: the timeline and the correction form reflow at 320 px`, async ({ page, request, newAddress }) => {
		const t = translator(lang);
		const email = tagged(newAddress('a-rather-long-local-part'), 550);
		const receipt = await registerViaApi(request, { email, locale: lang });
		const { checker, timeline } = await openChecker(page, { receipt, email, lang });
		await expect(timeline).toHaveText(t('widgets.delivery.noMailbox'));
		await expectReflows(page, 'with the timeline');

		await checker.getByRole('button', { name: t('widgets.change.open') }).click();
		const field = checker.getByLabel(t('widgets.change.label'), { exact: true });
		await field.fill(email.replace('@example.com', '@gmial.com'));
		await expect(checker.getByRole('button', { name: new RegExp('gmail\\.com') }).first()).toBeVisible();
		await expectReflows(page, 'with the correction form and a suggestion');

		await checker.getByRole('button', { name: t('widgets.change.submit') }).click();
		await expect(checker.getByRole('status').locator('p').first()).toContainText('gmial.com');
		await expectReflows(page, 'after the correction');
	});
}
