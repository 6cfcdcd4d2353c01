/**
 * Password recovery on the real server: ask for a link, read the email, choose a new password; the
 * same link used again is refused and points to a new one.
 */
import { translator } from '../harness/i18n.ts';
import { expect, hydrated, liveRegion, otherGoodPassword, registerViaApi, requestResetOnPage, statusViaApi, test } from '../harness/fixtures.ts';
import { isPasswordReset, pathOf, waitForMessage } from '../harness/mail.ts';

const t = translator('en');

test('a reset link sets a new password once; used again it is refused with a way to ask for a new one', async ({ page, request, newAddress }) => {
	const email = newAddress();
	const receipt = await registerViaApi(request, { email });

	// 1. Ask for the link.
	await page.goto('/password-recovery/');
	await requestResetOnPage(page, t, email, t('widgets.resetRequest.done'));

	// 2. The email's link opens the new-password page.
	const mail = await waitForMessage(email, { match: isPasswordReset });
	expect(mail.link).toMatch(/\/reset-password\/#token=[\w-]+$/);
	await page.goto(pathOf(mail.link!));
	const resetForm = page.locator('[data-widget="password-reset"]');
	const passwordField = resetForm.getByLabel(t('widgets.password.newLabel'), { exact: true });
	await hydrated(passwordField);
	const resetStatus = await liveRegion(resetForm.getByRole('status'));

	// 3. A password the policy refuses is stopped in the page; a good one is saved.
	await passwordField.fill('too short');
	await resetForm.getByRole('button', { name: t('widgets.reset.submit') }).click();
	await expect(passwordField).toHaveAttribute('aria-invalid', 'true');
	await expect(resetForm.getByRole('alert').getByRole('link', { name: t('widgets.form.passwordWeak') })).toBeVisible();
	await passwordField.fill(otherGoodPassword);
	await resetForm.getByRole('button', { name: t('widgets.reset.submit') }).click();
	await resetStatus.says(t('widgets.reset.done'));
	await expect(resetForm.getByRole('link', { name: t('widgets.login') })).toBeVisible();
	await expect(passwordField).toHaveCount(0);
	// The server changed it: the owner is told by email. The link, which proves the mailbox, confirmed
	// the pending account too — but no registration attempt, so the attempt's receipt (which may be a
	// stranger's) does not learn of it.
	await waitForMessage(email, { match: (message) => message.link === null && message.code === null });
	expect(await statusViaApi(request, receipt)).toBe('pending');

	// 4. The same link again: refused, with the way to a new one.
	await page.goto('/password-recovery/');
	await page.goto(pathOf(mail.link!));
	await hydrated(passwordField);
	await passwordField.fill(otherGoodPassword);
	await resetForm.getByRole('button', { name: t('widgets.reset.submit') }).click();
	const alert = resetForm.getByRole('alert');
	await expect(alert).toContainText(t('widgets.problem.invalid_token'));
	const getNew = alert.getByRole('link', { name: t('widgets.reset.getNew') });
	await expect(getNew).toHaveAttribute('href', '/password-recovery/');
	await expect(resetForm.getByText(t('widgets.reset.done'))).toHaveCount(0);
	await getNew.click();
	await expect(page).toHaveURL('/password-recovery/');
	await expect(page.locator('[data-widget="password-reset-request"]').getByLabel(t('widgets.email.label'), { exact: true })).toBeVisible();
});
