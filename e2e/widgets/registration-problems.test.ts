/**
 * The registration form when the server says no or does not answer: self-registration turned off
 * (instance "closed"), too many registrations (instance "strict"), the API down (instance "outage").
 */
import defaultProvider from '../../src/providers/default/profile.ts';
import { formatWait } from '../../src/islands/lib/time.ts';
import { startOutage, stopOutage } from '../harness/control.ts';
import { instanceUrl } from '../harness/instances.ts';
import { pattern, prefixOf, translator, type Lang } from '../harness/i18n.ts';
import { expect, goodPassword, hydrated, liveRegion, registerViaApi, test } from '../harness/fixtures.ts';
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

test('registration turned off at run time: the first use says so, with the provider’s support contacts, and sends nothing', async ({ page }) => {
	const lang = 'fr';
	const t = translator(lang);
	const sent: string[] = [];
	page.on('request', (request) => {
		if (request.url().includes('/api/v1/registrations')) sent.push(request.url());
	});
	// The site was built with self-registration on; the "closed" instance's server has it off.
	await page.goto(`${instanceUrl('closed')}${prefixOf(lang)}/sign-up/`);
	const widget = page.locator('[data-widget="registration-form"]');
	const emailField = widget.getByLabel(t('widgets.email.label'), { exact: true });
	await hydrated(emailField);
	const status = await liveRegion(widget.getByRole('status'));
	const settings = page.waitForResponse((response) => response.url().endsWith('/api/v1/settings'));
	await emailField.click();
	expect((await settings).status()).toBe(200);

	await status.says(t('widgets.register.closed'));
	const contacts = widget.getByRole('list', { name: t('contacts.label') });
	const { email, phone, url } = defaultProvider.support;
	await expect(contacts.getByRole('link', { name: email })).toHaveAttribute('href', `mailto:${email}`);
	await expect(contacts.getByRole('link', { name: phone })).toHaveAttribute('href', `tel:${phone.replace(/[^+0-9]/g, '')}`);
	await expect(contacts.getByRole('link', { name: url })).toHaveAttribute('href', url);
	// Focus moves to the notice; no form is left to fill in, nothing was sent.
	await expect(widget.getByText(t('widgets.register.closed'))).toBeFocused();
	await expect(widget.getByRole('button', { name: t('widgets.register.submit') })).toHaveCount(0);
	await expect(widget.getByLabel(t('widgets.email.label'), { exact: true })).toHaveCount(0);
	expect(sent).toEqual([]);
});

test('a password policy changed on the server after the build: the checklist and the check before sending follow it', async ({ page, newAddress }) => {
	const t = translator('en');
	// The provider's later change, played on the settings answer only: the rest is the real server.
	await page.route('**/api/v1/settings', async (route) => {
		const response = await route.fetch();
		const body = (await response.json()) as { passwordPolicy: Record<string, unknown> };
		body.passwordPolicy = { ...body.passwordPolicy, minLength: 12, maxLength: 20, minUppercase: 1, minDigits: 1, rejectCommon: false };
		await route.fulfill({ response, json: body });
	});
	const registrations: string[] = [];
	page.on('request', (request) => {
		if (request.url().endsWith('/api/v1/registrations')) registrations.push(request.url());
	});
	await page.goto('/sign-up/');
	const form = page.locator('[data-widget="registration-form"]');
	const emailField = form.getByLabel(t('widgets.email.label'), { exact: true });
	const passwordField = form.getByLabel(t('widgets.password.label'), { exact: true });
	await hydrated(emailField);
	const rules = form.locator('.widget-rules');
	await expect(rules).toContainText(t('widgets.password.rule.min_length', { count: 15 }));

	await emailField.fill(newAddress());
	await expect(rules).toContainText(t('widgets.password.rule.min_length', { count: 12 }));
	await expect(rules).toContainText(t('widgets.password.rule.max_length', { count: 20 }));
	await expect(rules).toContainText(t('widgets.password.rule.uppercase', { count: 1 }));
	await expect(rules).not.toContainText(t('widgets.password.ruleOnSubmit'));
	// A passphrase the build's policy liked is over the new maximum: stopped before anything is sent.
	await passwordField.fill(goodPassword);
	await form.getByRole('button', { name: t('widgets.register.submit') }).click();
	await expect(form.getByRole('alert').getByRole('link', { name: t('widgets.form.passwordWeak') })).toBeVisible();
	expect(registrations).toEqual([]);
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
