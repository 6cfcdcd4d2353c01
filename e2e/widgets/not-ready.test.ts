/**
 * Until a widget's code has arrived, its form is in the page but cannot work: it looks and is
 * announced as not ready (busy, controls disabled, a note), never as a form that ignores a press.
 */
import { translator } from '../harness/i18n.ts';
import { expect, hydrated, test } from '../harness/fixtures.ts';

const t = translator('en');

test('the registration form before and after its code arrives', async ({ page }) => {
	// Hold the island's code back, as a slow network does, then let it through.
	let release: () => void = () => undefined;
	const released = new Promise<void>((done) => (release = done));
	await page.route('**/_astro/RegistrationWidget*.js', async (route) => {
		await released;
		await route.continue();
	});
	await page.goto('/sign-up/', { waitUntil: 'domcontentloaded' });
	await page.locator('[data-widget="registration-form"]').scrollIntoViewIfNeeded();
	const form = page.locator('[data-widget="registration-form"] form');
	const emailField = form.getByLabel(t('widgets.email.label'), { exact: true });
	const submit = form.getByRole('button', { name: t('widgets.register.submit') });
	await expect(form).toHaveAttribute('aria-busy', 'true');
	await expect(form.getByText(t('widgets.form.loading'))).toBeVisible();
	await expect(emailField).toBeDisabled();
	await expect(submit).toBeDisabled();
	// It looks inactive, with its full contrast: a dashed outline instead of a filled button.
	expect(await submit.evaluate((el) => getComputedStyle(el).borderTopStyle)).toBe('dashed');

	release();
	await hydrated(emailField);
	await expect(form).toHaveAttribute('aria-busy', 'false');
	await expect(form.getByText(t('widgets.form.loading'))).toHaveCount(0);
	await expect(submit).toBeEnabled();
	expect(await submit.evaluate((el) => getComputedStyle(el).borderTopStyle)).toBe('solid');
});
