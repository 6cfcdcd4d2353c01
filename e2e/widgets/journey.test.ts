/**
 * The whole sign-up journey, on the real server with real email: register, read the email, open its
 * link in a second tab, confirm, and the status checker in the first tab turns “confirmed” by itself.
 */
import { instanceUrl } from '../harness/instances.ts';
import { dirOf, pattern, prefixOf, translator, type Lang } from '../harness/i18n.ts';
import { expect, goodPassword, hydrated, liveRegion, test } from '../harness/fixtures.ts';
import { isConfirmation, waitForMessage } from '../harness/mail.ts';

for (const lang of ['en', 'fr', 'ar'] as const satisfies Lang[]) {
	test(`register, confirm through the emailed link in a second tab, and the first tab follows (${lang})`, async ({ page, context, newAddress }) => {
		const t = translator(lang);
		const prefix = prefixOf(lang);
		const email = newAddress(lang);

		// 1. The sign-up page, in the reader's language and direction.
		await page.goto(`${prefix}/sign-up/`);
		await expect(page.locator('html')).toHaveAttribute('lang', lang);
		await expect(page.locator('html')).toHaveAttribute('dir', dirOf(lang));
		const form = page.locator('[data-widget="registration-form"]');
		const emailField = form.getByLabel(t('widgets.email.label'), { exact: true });
		await hydrated(emailField);
		const formStatus = await liveRegion(form.getByRole('status'));
		await emailField.fill(email);
		await form.getByLabel(t('widgets.password.label'), { exact: true }).fill(goodPassword);
		await form.getByRole('button', { name: t('widgets.register.submit') }).click();

		// 2. The success screen takes focus and is announced.
		await expect(form.getByRole('heading', { name: t('widgets.register.successTitle') })).toBeFocused();
		// It names the address the email went to.
		await formStatus.says(t('widgets.register.successBody', { email }));

		// 3. The email, in the same language, links to the confirm page of that language.
		const mail = await waitForMessage(email, { match: isConfirmation });
		expect(mail.link).toMatch(new RegExp(`^${instanceUrl('main')}${prefix}/confirm/#token=[\\w-]+$`));
		expect(mail.code).toMatch(/^\d{6}$/);

		// 4. The success screen leads to the status checker, which follows this registration.
		await form.getByRole('link', { name: t('widgets.register.successStatus') }).click();
		await expect(page).toHaveURL(`${prefix}/confirm-email/#confirmation-status`);
		await expect(page.locator('html')).toHaveAttribute('dir', dirOf(lang));
		const checker = page.locator('#confirmation-status');
		const checkerStatus = checker.getByRole('status');
		await expect(checkerStatus).toHaveText(t('widgets.status.pending', { email }));
		const announced = await liveRegion(checkerStatus);
		// The registration email is the one this browser knows about: no second one is offered or claimed yet.
		const resend = checker.getByRole('button', { name: t('widgets.resend.submit') });
		await expect(resend).toHaveAttribute('aria-disabled', 'true');
		await expect(checker.locator('#status-resend-note')).toContainText(pattern(lang, 'widgets.resend.wait'));
		await resend.click({ force: true });
		await expect(checker.locator('#status-resend-note')).not.toContainText(t('widgets.resend.done'));

		// 5. A second tab opens the link and confirms.
		const second = await context.newPage();
		await second.goto(mail.link!);
		await expect(second.locator('html')).toHaveAttribute('dir', dirOf(lang));
		const confirmWidget = second.locator('[data-widget="confirm-email"]');
		const confirmButton = confirmWidget.getByRole('button', { name: t('widgets.confirm.submit') });
		await hydrated(confirmButton);
		const confirmStatus = await liveRegion(confirmWidget.getByRole('status'));
		await expect(confirmWidget.getByRole('status')).toHaveText(t('widgets.confirm.intro'));
		await confirmButton.click();
		await confirmStatus.says(t('widgets.status.confirmed'));
		await expect(confirmWidget.getByRole('button', { name: t('widgets.confirm.submit') })).toHaveCount(0);

		// 6. The first tab, untouched, turns “confirmed” by itself and offers the login page.
		await announced.says(t('widgets.status.confirmed'));
		await expect(checker.getByRole('link', { name: t('widgets.login') })).toBeVisible();
		// The resend and code forms are gone: there is nothing left to do but sign in.
		await expect(checker.getByRole('button', { name: t('widgets.resend.submit') })).toHaveCount(0);
	});
}
