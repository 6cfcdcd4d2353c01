/**
 * Fixing a mistyped address, in a real browser against the real server, in English, French and
 * Arabic: from the checker once the recipient's server said the address does not exist, and from
 * the registration's success screen, where the address is shown. The new address gets a new email
 * whose link confirms; the old address's link and code no longer work.
 */
import type { Locator, Page } from '@playwright/test';

import { expectNoAxeViolations } from '../axe.ts';
import { prefixOf, translator, type Lang } from '../harness/i18n.ts';
import { expect, goodPassword, hydrated, test } from '../harness/fixtures.ts';
import { isConfirmation, pathOf, tagged, waitForMessage } from '../harness/mail.ts';

/** Registers `email` through the sign-up page's form; resolves with the success screen. */
async function registerOnPage(page: Page, lang: Lang, email: string): Promise<Locator> {
	const t = translator(lang);
	await page.goto(`${prefixOf(lang)}/sign-up/`);
	const form = page.locator('[data-widget="registration-form"]');
	const emailField = form.getByLabel(t('widgets.email.label'), { exact: true });
	await hydrated(emailField);
	await emailField.fill(email);
	await form.getByLabel(t('widgets.password.label'), { exact: true }).fill(goodPassword);
	await form.getByRole('button', { name: t('widgets.register.submit') }).click();
	const heading = form.getByRole('heading', { name: t('widgets.register.successTitle') });
	await expect(heading).toBeFocused();
	return form;
}

/** Opens a confirmation link and presses its button; resolves with the widget. */
async function useLink(page: Page, lang: Lang, link: string): Promise<Locator> {
	// A fresh page: from one link to another only the fragment changes, which would not load the page again.
	await page.goto('about:blank');
	await page.goto(pathOf(link));
	const widget = page.locator('[data-widget="confirm-email"]');
	const button = widget.getByRole('button', { name: translator(lang)('widgets.confirm.submit') });
	await hydrated(button);
	await button.click();
	return widget;
}

for (const lang of ['en', 'fr', 'ar'] as const satisfies Lang[]) {
	test.describe(`in ${lang}`, () => {
		const t = translator(lang);

		test('from the checker: no such mailbox, “That’s not my address”, the new email’s link confirms', async ({ page, newAddress }) => {
			test.setTimeout(120_000);
			const wrong = tagged(newAddress('wrong'), 550);
			const right = newAddress('right');
			const form = await registerOnPage(page, lang, wrong);
			await expect(form.getByRole('status')).toContainText(wrong);
			await form.getByRole('link', { name: t('widgets.register.successStatus') }).click();

			const checker = page.locator('#confirmation-status');
			const timeline = checker.locator('#delivery-status');
			await expect(timeline).toHaveText(t('widgets.delivery.noMailbox'));
			await checker.getByRole('button', { name: t('widgets.change.open') }).click();
			const field = checker.getByLabel(t('widgets.change.label'), { exact: true });
			await expect(field).toBeFocused();
			await expect(field).toHaveValue(wrong);
			await expect(field).toHaveAccessibleDescription(new RegExp(wrong.replace(/[.+]/g, '\\$&')));
			await expectNoAxeViolations(page, 'with the correction form open');

			await field.fill(right);
			await checker.getByRole('button', { name: t('widgets.change.submit') }).click();
			// The status line names the new address and takes focus; the new email is followed.
			const statusLine = checker.getByRole('status').locator('p').first();
			await expect(statusLine).toBeFocused();
			await expect(statusLine).toContainText(right);
			await expect(timeline).not.toContainText(t('widgets.delivery.noMailbox'));
			await expect(checker.getByLabel(t('widgets.email.label'), { exact: true })).toHaveValue(right);
			// The resend countdown starts again from the new email.
			await expect(checker.getByRole('button', { name: t('widgets.resend.submit') })).toHaveAttribute('aria-disabled', 'true');
			// (a duration in the reader's language, such as “4 minutes, 59 seconds”; Western digits in Arabic too)
			await expect(checker.locator('#status-resend-note [aria-hidden="true"]')).toHaveText(/\d/);
			await expectNoAxeViolations(page, 'after the correction');

			const { link } = await waitForMessage(right, { match: isConfirmation });
			const confirmed = await useLink(page, lang, link!);
			await expect(confirmed.getByRole('status')).toContainText(t('widgets.status.confirmed'));
		});

		test('from the success screen: the address shown is corrected there; the old address’s link and code stop working', async ({ page, request, newAddress }) => {
			test.setTimeout(120_000);
			const typo = newAddress('typo');
			const right = newAddress('right');
			const form = await registerOnPage(page, lang, typo);
			const done = form.getByRole('status');
			await expect(done.locator('bdi')).toHaveText(typo);
			const old = await waitForMessage(typo, { match: isConfirmation });

			await done.getByRole('button', { name: t('widgets.register.correct') }).click();
			const field = form.getByLabel(t('widgets.change.label'), { exact: true });
			await expect(field).toBeFocused();
			await expectNoAxeViolations(page, 'with the correction form on the success screen');
			await field.fill(right);
			await form.getByRole('button', { name: t('widgets.change.submit') }).click();
			await expect(done.locator('bdi')).toHaveText(right);
			await expect(done.locator('p[tabindex="-1"]')).toBeFocused();

			const { link } = await waitForMessage(right, { match: isConfirmation });
			expect(link).not.toBe(old.link);
			// The old address's code is refused: the pending account moved to the new address.
			const byCode = await request.post('/api/v1/registrations/confirm-code', { data: { email: typo, code: old.code } });
			expect(byCode.status()).toBe(400);
			const refused = await useLink(page, lang, old.link!);
			await expect(refused.getByRole('alert')).toContainText(t('widgets.problem.invalid_token'));
			const confirmed = await useLink(page, lang, link!);
			await expect(confirmed.getByRole('status')).toContainText(t('widgets.status.confirmed'));
		});
	});
}
