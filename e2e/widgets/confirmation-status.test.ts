/**
 * The confirmation page's checker without a receipt in the browser: confirming with the emailed
 * six-digit code, and sending the email again with its countdown.
 */
import type { Request } from '@playwright/test';

import { mainResendCooldownSeconds } from '../harness/instances.ts';
import { translator } from '../harness/i18n.ts';
import { countdownSeconds, expect, hydrated, liveRegion, registerViaApi, test } from '../harness/fixtures.ts';
import { isConfirmation, messagesTo, waitForMessage } from '../harness/mail.ts';

const t = translator('en');

test('confirming with the code from the email; a wrong code first shows the attempts left', async ({ page, request, newAddress }) => {
	const email = newAddress();
	await registerViaApi(request, { email });
	const { code } = await waitForMessage(email, { match: isConfirmation });
	const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');

	await page.goto('/confirm-email/');
	const checker = page.locator('#confirmation-status');
	const emailField = checker.getByLabel(t('widgets.email.label'), { exact: true });
	const codeField = checker.getByLabel(t('widgets.code.label'), { exact: true });
	const confirm = checker.getByRole('button', { name: t('widgets.code.submit'), exact: true });
	await hydrated(codeField);
	const status = checker.getByRole('status');
	await expect(status).toHaveText(t('widgets.status.none'));
	const announced = await liveRegion(status);

	await emailField.fill(email);
	await codeField.fill(wrong);
	await confirm.click();
	const attemptsLeft = t('widgets.problem.invalid_code', { count: 4 });
	await expect(checker.getByRole('alert').getByRole('link', { name: attemptsLeft })).toBeVisible();
	await expect(codeField).toHaveAttribute('aria-invalid', 'true');
	await expect(codeField).toHaveAccessibleDescription(new RegExp(attemptsLeft.replace(/[.?]/g, '\\$&')));
	await expect(status).toHaveText(t('widgets.status.none'));

	// The code as people copy it: with a space in the middle.
	await codeField.fill(`${code!.slice(0, 3)} ${code!.slice(3)}`);
	await confirm.click();
	await announced.says(t('widgets.status.confirmed'));
	await expect(checker.getByRole('link', { name: t('widgets.login') })).toBeVisible();
	await expect(codeField).toHaveCount(0);
});

test('resend: the button waits while its countdown runs down, then sends a new email', async ({ page, request, newAddress }) => {
	test.setTimeout(60_000 + mainResendCooldownSeconds * 1000);
	const email = newAddress();
	await registerViaApi(request, { email });
	const first = await waitForMessage(email, { match: isConfirmation });
	const resendRequests: Request[] = [];
	page.on('request', (sent) => {
		if (sent.url().endsWith('/api/v1/registrations/resend')) resendRequests.push(sent);
	});

	await page.goto('/confirm-email/');
	const checker = page.locator('#confirmation-status');
	const emailField = checker.getByLabel(t('widgets.email.label'), { exact: true });
	const resend = checker.getByRole('button', { name: t('widgets.resend.submit') });
	await hydrated(emailField);
	const note = checker.locator('#status-resend-note');
	const announced = await liveRegion(note);
	await expect(note).toHaveText('');

	await emailField.fill(email);
	await resend.click();
	await announced.says(t('widgets.resend.done'));

	// The visible countdown ticks; screen readers get the wait once, not every second.
	const countdown = note.locator('[aria-hidden="true"]');
	await expect(countdown).toHaveText(new RegExp(t('widgets.resend.wait', { time: '\\d+ seconds?' }).replace(/\./g, '\\.')));
	const start = countdownSeconds(await countdown.textContent());
	expect(start).toBeLessThanOrEqual(mainResendCooldownSeconds);
	expect(start).toBeGreaterThan(mainResendCooldownSeconds - 5);
	await expect(note.locator('.sr-only')).toHaveText(t('widgets.resend.wait', { time: `${mainResendCooldownSeconds} seconds` }));
	await expect(resend).toHaveAttribute('aria-disabled', 'true');
	await expect.poll(async () => countdownSeconds(await countdown.textContent()), { timeout: 5000 }).toBeLessThan(start);
	const later = countdownSeconds(await countdown.textContent());
	await expect.poll(async () => countdownSeconds(await countdown.textContent()), { timeout: 5000 }).toBeLessThan(later);

	// Pressing during the countdown sends nothing (the count of requests is checked at the end).
	// `force`: Playwright itself would wait for an aria-disabled button to be enabled.
	await resend.click({ force: true });
	await expect(resend).toHaveAttribute('aria-disabled', 'true');

	// Once the countdown is over the button works again, and this time the server sends a new email.
	await expect(countdown).toHaveCount(0, { timeout: (mainResendCooldownSeconds + 5) * 1000 });
	await expect(resend).toHaveAttribute('aria-disabled', 'false');
	await resend.click();
	const second = await waitForMessage(email, { match: isConfirmation, nth: 2 });
	expect(second.code).not.toBe(first.code);
	expect(second.link).not.toBe(first.link);
	await expect(countdown).toBeVisible();
	expect(resendRequests).toHaveLength(2);
	expect((await messagesTo(email)).filter(isConfirmation)).toHaveLength(2);
});
