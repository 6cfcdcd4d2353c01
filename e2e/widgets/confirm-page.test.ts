/**
 * The page a confirmation email links to does nothing on load (mail scanners open links too):
 * only pressing its button confirms.
 */
import type { Request } from '@playwright/test';

import { translator } from '../harness/i18n.ts';
import { expect, hydrated, registerViaApi, statusViaApi, test } from '../harness/fixtures.ts';
import { isConfirmation, pathOf, waitForMessage } from '../harness/mail.ts';

const t = translator('en');

test('opening /confirm/#token=… confirms nothing; pressing the button does', async ({ page, request, newAddress }) => {
	const email = newAddress();
	const receipt = await registerViaApi(request, { email });
	const mail = await waitForMessage(email, { match: isConfirmation });
	const confirmations: Request[] = [];
	page.on('request', (sent) => {
		if (sent.url().includes('/api/v1/registrations/confirm')) confirmations.push(sent);
	});

	await page.goto(pathOf(mail.link!));
	const widget = page.locator('[data-widget="confirm-email"]');
	const button = widget.getByRole('button', { name: t('widgets.confirm.submit') });
	await hydrated(button);
	await page.waitForLoadState('networkidle');
	expect(confirmations).toHaveLength(0);
	expect(await statusViaApi(request, receipt)).toBe('pending');
	await expect(widget.getByRole('status')).toHaveText(t('widgets.confirm.intro'));

	// A reload (a scanner's second visit) changes nothing either.
	await page.reload();
	await hydrated(button);
	await page.waitForLoadState('networkidle');
	expect(confirmations).toHaveLength(0);
	expect(await statusViaApi(request, receipt)).toBe('pending');

	await button.click();
	await expect(widget.getByRole('status')).toContainText(t('widgets.status.confirmed'));
	// The login link looks like the other buttons: no underline.
	const login = widget.getByRole('link', { name: t('widgets.login') });
	await expect(login).toHaveCSS('text-decoration-line', 'none');
	await login.hover();
	await expect(login).toHaveCSS('text-decoration-line', 'none');
	expect(confirmations).toHaveLength(1);
	expect(await statusViaApi(request, receipt)).toBe('confirmed');
});
