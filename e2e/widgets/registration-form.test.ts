/**
 * The registration form on its own: used with the keyboard alone, and its errors on submit.
 */
import type { Locator, Page } from '@playwright/test';

import { translator } from '../harness/i18n.ts';
import { expect, expectErrorSummary, goodPassword, hydrated, test } from '../harness/fixtures.ts';
import { isConfirmation, waitForMessage } from '../harness/mail.ts';

const t = translator('en');

/** Presses Tab until `target` has focus; fails if it is not reached within `limit` presses. Resolves with the count. */
async function tabTo(page: Page, target: Locator, limit = 200): Promise<number> {
	for (let presses = 1; presses <= limit; presses++) {
		await page.keyboard.press('Tab');
		if (await target.evaluate((el) => el === document.activeElement)) return presses;
	}
	throw new Error(`${target} was not reached with ${limit} presses of Tab`);
}

test('registering with the keyboard alone, through the typo suggestion and the show-password toggle', async ({ page, newAddress }) => {
	const intended = newAddress('kbd').replace('@example.com', '@gmail.com');
	const typed = intended.replace('@gmail.com', '@gmial.com');
	await page.goto('/sign-up/');
	const form = page.locator('[data-widget="registration-form"]');
	const emailField = form.getByLabel(t('widgets.email.label'), { exact: true });
	const passwordField = form.getByLabel(t('widgets.password.label'), { exact: true });
	await hydrated(emailField);

	// From the top of the page, Tab reaches the email field.
	await tabTo(page, emailField);
	await page.keyboard.type(typed);

	// The suggestion's button comes next; Enter applies it.
	const suggestion = form.getByText(t('widgets.email.suggestion', { suggestion: intended }));
	await expect(suggestion).toBeVisible();
	await page.keyboard.press('Tab');
	const useSuggestion = form.getByRole('button', { name: t('widgets.email.useSuggestion', { suggestion: intended }) });
	await expect(useSuggestion).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(emailField).toHaveValue(intended);
	await expect(suggestion).toHaveCount(0);
	// Focus does not fall to the page when the button goes: it is back on the field it changed.
	await expect(emailField).toBeFocused();

	// The password, then the toggle shows it (Space), and Shift+Tab goes back to check it.
	await page.keyboard.press('Tab');
	await expect(passwordField).toBeFocused();
	await page.keyboard.type(goodPassword);
	await page.keyboard.press('Tab');
	const toggle = form.getByRole('button', { name: t('widgets.password.show') });
	await expect(toggle).toBeFocused();
	await expect(toggle).toHaveAttribute('aria-pressed', 'false');
	await expect(passwordField).toHaveAttribute('type', 'password');
	await page.keyboard.press('Space');
	await expect(toggle).toHaveAttribute('aria-pressed', 'true');
	await expect(passwordField).toHaveAttribute('type', 'text');
	await expect(passwordField).toHaveValue(goodPassword);
	await page.keyboard.press('Shift+Tab');
	await expect(passwordField).toBeFocused();
	await page.keyboard.press('Tab');
	await expect(toggle).toBeFocused();

	// On to the submit button (past the terms links; the honeypot field is skipped), then Enter.
	const submit = form.getByRole('button', { name: t('widgets.register.submit') });
	const presses = await tabTo(page, submit, 5);
	expect(presses).toBeLessThanOrEqual(3);
	await expect(submit).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(form.getByRole('heading', { name: t('widgets.register.successTitle') })).toBeFocused();
	const mail = await waitForMessage(intended, { match: isConfirmation });
	expect(mail.to).toEqual([intended]);
});

test('an empty form: the error summary takes focus, links to each field, and each field is marked', async ({ page, newAddress }) => {
	await page.goto('/sign-up/');
	const form = page.locator('[data-widget="registration-form"]');
	const emailField = form.getByLabel(t('widgets.email.label'), { exact: true });
	const passwordField = form.getByLabel(t('widgets.password.label'), { exact: true });
	await hydrated(emailField);
	await expect(emailField).not.toHaveAttribute('aria-invalid');
	await form.getByRole('button', { name: t('widgets.register.submit') }).click();
	await expectErrorSummary(page, form, t('widgets.form.errorTitle'), [
		{ message: t('widgets.form.emailMissing'), field: emailField },
		{ message: t('widgets.form.passwordMissing'), field: passwordField },
	]);

	// Fixing one field and sending again leaves only the other error.
	await emailField.fill('not-an-address');
	await form.getByRole('button', { name: t('widgets.register.submit') }).click();
	await expectErrorSummary(page, form, t('widgets.form.errorTitle'), [
		{ message: t('widgets.form.emailInvalid'), field: emailField },
		{ message: t('widgets.form.passwordMissing'), field: passwordField },
	]);
	await passwordField.fill(goodPassword);
	await emailField.fill(newAddress());
	await form.getByRole('button', { name: t('widgets.register.submit') }).click();
	await expect(form.getByRole('heading', { name: t('widgets.register.successTitle') })).toBeFocused();
	await expect(form.getByRole('heading', { name: t('widgets.form.errorTitle') })).toHaveCount(0);
});
