/**
 * axe finds nothing wrong with the widgets in any of their states — empty, errors shown, submitted,
 * confirmed — in the light and the dark theme.
 */
import type { Page } from '@playwright/test';

import { expectNoAxeViolations } from '../axe.ts';
import { translator } from '../harness/i18n.ts';
import { expect, goodPassword, hydrated, registerViaApi, requestResetViaApi, test } from '../harness/fixtures.ts';
import { isConfirmation, isPasswordReset, pathOf, waitForMessage } from '../harness/mail.ts';

const t = translator('en');

for (const colorScheme of ['light', 'dark'] as const) {
	test.describe(`${colorScheme} theme`, () => {
		test.use({ colorScheme });
		// Each test runs axe on four states of a widget, a few seconds a scan on a busy two-core
		// machine: triple the default timeout rather than let a slow scan fail a correct page.
		test.slow();

		/** Opens a page and checks the theme is the one asked for. */
		async function open(page: Page, path: string) {
			await page.goto(path);
			await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
		}

		test('the registration form: empty, with errors, submitted', async ({ page, newAddress }) => {
			await open(page, '/sign-up/');
			const form = page.locator('[data-widget="registration-form"]');
			const emailField = form.getByLabel(t('widgets.email.label'), { exact: true });
			const submit = form.getByRole('button', { name: t('widgets.register.submit') });
			await hydrated(emailField);
			await expectNoAxeViolations(page, 'empty');

			await submit.click();
			await expect(form.getByRole('heading', { name: t('widgets.form.errorTitle') })).toBeVisible();
			await expectNoAxeViolations(page, 'with errors');

			// A typo suggestion and the password checklist with its strength meter, on the way.
			await emailField.fill(newAddress().replace('@example.com', '@gmial.com'));
			await expect(form.getByText(/gmail\.com/).first()).toBeVisible();
			await form.getByLabel(t('widgets.password.label'), { exact: true }).fill(goodPassword);
			await expect(form.locator('meter')).toBeVisible();
			await expectNoAxeViolations(page, 'filled in, with a suggestion');

			await emailField.fill(newAddress());
			await submit.click();
			await expect(form.getByRole('heading', { name: t('widgets.register.successTitle') })).toBeFocused();
			await expectNoAxeViolations(page, 'submitted');
		});

		test('the confirmation status checker: empty, with errors, email sent again, confirmed', async ({ page, request, newAddress }) => {
			const email = newAddress();
			await registerViaApi(request, { email });
			const { code } = await waitForMessage(email, { match: isConfirmation });

			await open(page, '/confirm-email/');
			const checker = page.locator('#confirmation-status');
			const emailField = checker.getByLabel(t('widgets.email.label'), { exact: true });
			await hydrated(emailField);
			await expectNoAxeViolations(page, 'empty');

			await checker.getByRole('button', { name: t('widgets.resend.submit') }).click();
			await expect(checker.getByRole('heading', { name: t('widgets.form.errorTitle') })).toBeVisible();
			await expectNoAxeViolations(page, 'with errors');

			await emailField.fill(email);
			await checker.getByRole('button', { name: t('widgets.resend.submit') }).click();
			await expect(checker.getByText(t('widgets.resend.done'))).toBeVisible();
			await expectNoAxeViolations(page, 'submitted (email sent again, countdown running)');

			await checker.getByLabel(t('widgets.code.label'), { exact: true }).fill(code!);
			await checker.getByRole('button', { name: t('widgets.code.submit'), exact: true }).click();
			await expect(checker.getByRole('status')).toContainText(t('widgets.status.confirmed'));
			await expectNoAxeViolations(page, 'confirmed');
		});

		test('the confirm page: before, confirmed, and the link used again', async ({ page, request, newAddress }) => {
			const email = newAddress();
			await registerViaApi(request, { email });
			const { link } = await waitForMessage(email, { match: isConfirmation });

			await open(page, pathOf(link!));
			const widget = page.locator('[data-widget="confirm-email"]');
			const button = widget.getByRole('button', { name: t('widgets.confirm.submit') });
			await hydrated(button);
			await expectNoAxeViolations(page, 'empty');

			await button.click();
			await expect(widget.getByRole('status')).toContainText(t('widgets.status.confirmed'));
			await expectNoAxeViolations(page, 'confirmed');

			await page.reload();
			await hydrated(button);
			await button.click();
			await expect(widget.getByRole('alert')).toContainText(t('widgets.problem.invalid_token'));
			await expectNoAxeViolations(page, 'with the error of a used link');
		});

		test('the reset request: empty, with errors, submitted', async ({ page, newAddress }) => {
			await open(page, '/password-recovery/');
			const form = page.locator('[data-widget="password-reset-request"]');
			const emailField = form.getByLabel(t('widgets.email.label'), { exact: true });
			const submit = form.getByRole('button', { name: t('widgets.resetRequest.submit') });
			await hydrated(emailField);
			await expectNoAxeViolations(page, 'empty');

			await submit.click();
			await expect(form.getByRole('heading', { name: t('widgets.form.errorTitle') })).toBeVisible();
			await expectNoAxeViolations(page, 'with errors');

			await emailField.fill(newAddress());
			await submit.click();
			await expect(form.getByRole('status')).toContainText(t('widgets.resetRequest.done'));
			await expectNoAxeViolations(page, 'submitted');
		});

		test('the new-password form: empty, with errors, password changed', async ({ page, request, newAddress }) => {
			const email = newAddress();
			await registerViaApi(request, { email });
			await requestResetViaApi(request, email);
			const { link } = await waitForMessage(email, { match: isPasswordReset });

			await open(page, pathOf(link!));
			const form = page.locator('[data-widget="password-reset"]');
			const passwordField = form.getByLabel(t('widgets.password.newLabel'), { exact: true });
			const submit = form.getByRole('button', { name: t('widgets.reset.submit') });
			await hydrated(passwordField);
			await expectNoAxeViolations(page, 'empty');

			await submit.click();
			await expect(form.getByRole('heading', { name: t('widgets.form.errorTitle') })).toBeVisible();
			await expectNoAxeViolations(page, 'with errors');

			await passwordField.fill(goodPassword);
			await submit.click();
			await expect(form.getByRole('status')).toContainText(t('widgets.reset.done'));
			await expectNoAxeViolations(page, 'password changed');
		});
	});
}
