/**
 * The widgets on a 390 px phone and at 200 % zoom (a 1280 px window zoomed: 640 CSS pixels), in
 * languages with long words and right to left: nothing sticks out sideways, and every field keeps
 * a width one can type in — the password field beside its “Show password” toggle included.
 */
import { prefixOf, translator, type Lang } from '../harness/i18n.ts';
import { expect, hydrated, test } from '../harness/fixtures.ts';

/** The pages with a widget; the token pages get a well-formed token so their form shows. */
const pages = ['/sign-up/', '/confirm-email/', '/password-recovery/', `/confirm/#token=${'a'.repeat(32)}`, `/reset-password/#token=${'a'.repeat(32)}`];

/**
 * The layouts, with the narrowest a field may get in each: about 20 characters, and at 195 px
 * (a 390 px phone zoomed to 200 %) the whole width the card leaves it.
 */
const layouts = [
	{ name: '390 px phone', viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, minInputWidth: 200 },
	{ name: '200 % zoom', viewport: { width: 640, height: 400 }, deviceScaleFactor: 2, minInputWidth: 200 },
	{ name: '320 px phone', viewport: { width: 320, height: 640 }, deviceScaleFactor: 2, minInputWidth: 200 },
	{ name: '390 px phone at 200 % zoom', viewport: { width: 195, height: 422 }, deviceScaleFactor: 4, minInputWidth: 110 },
];

for (const layout of layouts) {
	for (const lang of ['en', 'fr', 'de', 'ar'] as const satisfies Lang[]) {
		test.describe(`${layout.name}, ${lang}`, () => {
			test.use({ viewport: layout.viewport, deviceScaleFactor: layout.deviceScaleFactor, isMobile: layout.name.includes('phone') });
			const { minInputWidth } = layout;

			for (const path of pages) {
				test(`${path.replace(/#.*/, '')}: no sideways overflow, fields at least ${minInputWidth} px wide`, async ({ page }) => {
					const t = translator(lang);
					await page.goto(`${prefixOf(lang)}${path}`);
					const widget = page.locator('.widget-live').first();
					await widget.scrollIntoViewIfNeeded();
					const control = widget.locator('input:not([tabindex="-1"]), button').first();
					await hydrated(control);
					await expect(widget.locator('.widget--loading')).toHaveCount(0);

					const measured = await page.evaluate(() => {
						const viewport = document.documentElement.clientWidth;
						const live = [...document.querySelectorAll<HTMLElement>('.widget-live')];
						const sticking = live
							.flatMap((root) => [...root.querySelectorAll<HTMLElement>('*')])
							.filter((el) => el.getClientRects().length > 0 && !el.closest('.widget-honeypot, .sr-only'))
							.map((el) => ({ el, box: el.getBoundingClientRect() }))
							.filter(({ box }) => box.right > viewport + 0.5 || box.left < -0.5)
							.map(({ el, box }) => `${el.tagName.toLowerCase()}.${el.className} [${Math.round(box.left)}, ${Math.round(box.right)}]`);
						const inputs = live
							.flatMap((root) => [...root.querySelectorAll<HTMLInputElement>('input.widget-input')])
							.map((input) => ({ id: input.id, width: input.getBoundingClientRect().width }));
						return { viewport, sticking, inputs, page: document.documentElement.scrollWidth };
					});
					expect(measured.sticking, 'widget parts beyond the viewport').toEqual([]);
					for (const input of measured.inputs) expect(input.width, `#${input.id}`).toBeGreaterThanOrEqual(minInputWidth);
					expect(measured.page, 'the page scrolls sideways').toBeLessThanOrEqual(measured.viewport);

					// The toggle is still there and works at this width.
					const toggle = widget.getByRole('button', { name: t('widgets.password.show') });
					if (await toggle.count()) {
						await toggle.click();
						await expect(toggle).toHaveAttribute('aria-pressed', 'true');
					}
				});
			}
		});
	}
}
