/**
 * Without JavaScript a widget cannot work: the reader sees what to do instead — the explanation,
 * the provider's login page and contacts — and no form that would do nothing.
 */
import defaultProvider from '../../src/providers/default/profile.ts';
import { prefixOf, translator, type Lang } from '../harness/i18n.ts';
import { expect, test } from '../harness/fixtures.ts';

test.use({ javaScriptEnabled: false });

const widgets = [
	{ path: '/sign-up/', text: 'widgets.fallback.registration' },
	{ path: '/confirm-email/', text: 'widgets.fallback.status' },
	{ path: '/password-recovery/', text: 'widgets.fallback.passwordReset' },
	{ path: '/confirm/', text: 'widgets.form.noscript' },
	{ path: '/reset-password/', text: 'widgets.form.noscript' },
];

for (const lang of ['en', 'ar'] as const satisfies Lang[]) {
	for (const { path, text } of widgets) {
		test(`${lang} ${path}: the explanation, the login page and the contacts; no dead form`, async ({ page }) => {
			const t = translator(lang);
			await page.goto(`${prefixOf(lang)}${path}`);
			const explanation = page.getByText(t(text), { exact: true });
			await expect(explanation).toBeVisible();
			const fallback = page.locator('.widget-fallback', { has: explanation });
			await expect(fallback.getByRole('link', { name: t('login.open') })).toHaveAttribute('href', defaultProvider.loginUrl);
			await expect(fallback.getByRole('link', { name: defaultProvider.support.email })).toBeVisible();
			// The widget's server-rendered form is hidden: no field or button of it can be reached.
			await expect(page.locator('.widget-live')).toBeHidden();
			await expect(page.locator('main').getByRole('textbox')).toHaveCount(0);
			await expect(page.locator('main .widget :is(input, button, select, textarea):visible')).toHaveCount(0);
			// The explanation comes first, where the widget would be.
			const first = await fallback.evaluate((el) => {
				const widget = document.querySelector('[data-widget]:not(.widget-fallback)');
				return !widget || Boolean(el.compareDocumentPosition(widget) & Node.DOCUMENT_POSITION_FOLLOWING);
			});
			expect(first).toBe(true);
		});
	}
}

for (const colorScheme of ['light', 'dark'] as const) {
	test.describe(`system theme ${colorScheme}`, () => {
		test.use({ colorScheme });
		test(`without JavaScript the page follows the system's ${colorScheme} theme`, async ({ page }) => {
			await page.goto('/sign-up/');
			const paint = await page.evaluate(() => ({
				background: getComputedStyle(document.body).backgroundColor,
				scheme: getComputedStyle(document.documentElement).colorScheme,
			}));
			// Starlight's page backgrounds: white in light, #17181c in dark.
			expect(paint.background).toBe(colorScheme === 'light' ? 'rgb(255, 255, 255)' : 'rgb(23, 24, 28)');
			expect(paint.scheme).toBe(colorScheme);
		});
	});
}
