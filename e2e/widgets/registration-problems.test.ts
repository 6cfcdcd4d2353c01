/**
 * The registration form when the server says no or does not answer: self-registration turned off
 * (instance "closed"), too many registrations (instance "strict"), the API down (instance "outage").
 */
import defaultProvider from '../../src/providers/default/profile.ts';
import { formatWait } from '../../src/islands/lib/time.ts';
import { startOutage, stopOutage } from '../harness/control.ts';
import { instanceUrl } from '../harness/instances.ts';
import { pattern, prefixOf, translator, type Lang } from '../harness/i18n.ts';
import { expect, goodPassword, hydrated, registerViaApi, test } from '../harness/fixtures.ts';
import { isConfirmation, waitForMessage } from '../harness/mail.ts';
import type { Page } from '@playwright/test';

/** Opens the sign-up page of an instance in a language and fills the form (without sending it). */
async function fillRegistration(page: Page, url: string, lang: Lang, email: string) {
	const t = translator(lang);
	await page.goto(url);
	const form = page.locator('[data-widget="registration-form"]');
	const emailField = form.getByLabel(t('widgets.email.label'), { exact: true });
	const passwordField = form.getByLabel(t('widgets.password.label'), { exact: true });
	await hydrated(emailField);
	await emailField.fill(email);
	await passwordField.fill(goodPassword);
	return { t, form, emailField, passwordField, submit: form.getByRole('button', { name: t('widgets.register.submit') }) };
}

test('registration turned off at run time: the localized answer and the provider’s support contacts', async ({ page, newAddress }) => {
	const lang = 'fr';
	const { t, form, emailField, submit } = await fillRegistration(page, `${instanceUrl('closed')}${prefixOf(lang)}/sign-up/`, lang, newAddress());
	const answer = page.waitForResponse((response) => response.url().endsWith('/api/v1/registrations'));
	await submit.click();
	expect((await answer).status()).toBe(403);

	const alert = form.getByRole('alert');
	await expect(alert).toContainText(t('widgets.problem.registration_disabled'));
	const contacts = alert.getByRole('list', { name: t('contacts.label') });
	const { email, phone, url } = defaultProvider.support;
	await expect(contacts.getByRole('link', { name: email })).toHaveAttribute('href', `mailto:${email}`);
	await expect(contacts.getByRole('link', { name: phone })).toHaveAttribute('href', `tel:${phone.replace(/[^+0-9]/g, '')}`);
	await expect(contacts.getByRole('link', { name: url })).toHaveAttribute('href', url);
	// Nothing to retry: only the provider can help.
	await expect(form.getByRole('button', { name: t('widgets.retry') })).toHaveCount(0);
	await expect(form.getByRole('heading', { name: t('widgets.register.successTitle') })).toHaveCount(0);
	await expect(emailField).toBeVisible();
});

test('the third registration within the limit’s hour is told, in its language, when to try again', async ({ page, request, newAddress }) => {
	const lang = 'de';
	// Two registrations are all the "strict" instance allows an IP per hour.
	await registerViaApi(request, { email: newAddress('one'), instance: 'strict', locale: 'de' });
	await registerViaApi(request, { email: newAddress('two'), instance: 'strict', locale: 'de' });

	const email = newAddress('three');
	const { t, form, emailField, passwordField, submit } = await fillRegistration(page, `${instanceUrl('strict')}${prefixOf(lang)}/sign-up/`, lang, email);
	const answer = page.waitForResponse((response) => response.url().endsWith('/api/v1/registrations'));
	await submit.click();
	const response = await answer;
	expect(response.status()).toBe(429);
	const { retryAfter } = (await response.json()) as { retryAfter: number };
	expect(retryAfter).toBeGreaterThan(3500);

	await expect(form.getByRole('alert')).toHaveText(t('widgets.problem.rate_limited', { when: formatWait(retryAfter, lang) }));
	await expect(form.getByRole('alert')).toContainText(/in 60 Minuten|in 1 Stunde/);
	await expect(emailField).toHaveValue(email);
	await expect(passwordField).toHaveValue(goodPassword);
	await expect(form.getByRole('heading', { name: t('widgets.register.successTitle') })).toHaveCount(0);
});

test('with the API down the form says so and keeps what was typed; “Try again” succeeds once it is back', async ({ page, newAddress }) => {
	const lang = 'en';
	const email = newAddress();
	const { t, form, emailField, passwordField, submit } = await fillRegistration(page, `${instanceUrl('outage')}/sign-up/`, lang, email);
	// The strength meter's code loads on the password field's first focus; let it arrive before the outage.
	await expect(form.getByText(pattern(lang, 'widgets.password.strength'))).toBeVisible();

	await stopOutage();
	try {
		await submit.click();
		const alert = form.getByRole('alert');
		await expect(alert).toContainText(t('widgets.problem.network_error'));
		await expect(emailField).toHaveValue(email);
		await expect(passwordField).toHaveValue(goodPassword);
		await expect(form.getByRole('heading', { name: t('widgets.register.successTitle') })).toHaveCount(0);
	} finally {
		await startOutage();
	}

	await form.getByRole('button', { name: t('widgets.retry') }).click();
	await expect(form.getByRole('heading', { name: t('widgets.register.successTitle') })).toBeFocused();
	const mail = await waitForMessage(email, { match: isConfirmation });
	expect(mail.link).toMatch(new RegExp(`^${instanceUrl('outage')}/confirm/#token=`));
});
