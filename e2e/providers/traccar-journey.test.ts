/**
 * The reader's whole journey on a Traccar provider's help center (Sendero GPS, Spanish at the root,
 * English and Arabic beside it), in a real browser against its own build and the real server on the
 * Traccar backend, with the Traccar test server holding the accounts: register on the page, Traccar
 * refuses the sign-in (`POST /api/session`) until the emailed link is followed, then accepts the
 * chosen password; a reset through the help center's pages changes the password Traccar accepts.
 * The widgets offer only what the Traccar backend does (no address correction in place).
 */
import type { Page } from '@playwright/test';

import { expectNoAxeViolations } from '../axe.ts';
import { confirmByLink, expect, goodPassword, hydrated, liveRegion, otherGoodPassword, requestResetOnPage, test, traccarSignIn } from '../harness/fixtures.ts';
import { translator, type Lang } from '../harness/i18n.ts';
import { controlUrl, instanceUrl, traccarProviderId } from '../harness/instances.ts';
import { isConfirmation, isPasswordReset, waitForMessage } from '../harness/mail.ts';

const site = instanceUrl('traccar');

/** Where each of Sendero's languages is published: Spanish at the root. */
const prefixes = { es: '', en: '/en', ar: '/ar' } as const satisfies Partial<Record<Lang, string>>;
type SenderoLang = keyof typeof prefixes;

const dirs: Record<SenderoLang, 'ltr' | 'rtl'> = { es: 'ltr', en: 'ltr', ar: 'rtl' };

/** A page of Sendero's help center in a language. */
const pageUrl = (lang: SenderoLang, slug: string) => `${site}${prefixes[lang]}/${slug}`;

/** Registers on the sign-up page's form; resolves with the form, its success screen showing. */
async function registerOnPage(page: Page, lang: SenderoLang, email: string, password = goodPassword) {
	const t = translator(lang);
	await page.goto(pageUrl(lang, 'sign-up/'));
	await expect(page.locator('html')).toHaveAttribute('lang', lang);
	await expect(page.locator('html')).toHaveAttribute('dir', dirs[lang]);
	const form = page.locator('[data-widget="registration-form"]');
	const emailField = form.getByLabel(t('widgets.email.label'), { exact: true });
	await hydrated(emailField);
	const status = await liveRegion(form.getByRole('status'));
	await emailField.fill(email);
	await form.getByLabel(t('widgets.password.label'), { exact: true }).fill(password);
	await form.getByRole('button', { name: t('widgets.register.submit') }).click();
	await expect(form.getByRole('heading', { name: t('widgets.register.successTitle') })).toBeFocused();
	await status.says(t('widgets.register.successBody', { email }));
	return form;
}

test.beforeAll(async () => {
	const health = await fetch(`${site}/api/v1/health`).catch(() => null);
	expect(health?.ok, `the "traccar" instance does not answer on ${site}: build its site with \`npm run build:providers ${traccarProviderId}\``).toBe(true);
});

test.afterAll(async () => {
	// Every call the backend made was one Traccar's own API document allows.
	const violations = (await (await fetch(`${controlUrl}/traccar/violations`)).json()) as unknown[];
	expect(violations).toEqual([]);
});

for (const lang of ['es', 'en'] as const) {
	test(`register on the page, and Traccar signs the reader in with the chosen password once the emailed link is followed (${lang})`, async ({ page, request, newAddress }) => {
		const t = translator(lang);
		const email = newAddress(`traccar-${lang}`);
		const form = await registerOnPage(page, lang, email);

		// The account is on Traccar already, disabled: the right password is refused ("User is disabled").
		expect(await traccarSignIn(request, email, goodPassword)).toBe(400);

		// The email, in the reader's language, links to the confirm page of that language on this site.
		const mail = await waitForMessage(email, { match: isConfirmation });
		expect(mail.link).toMatch(new RegExp(`^${site}${prefixes[lang]}/confirm/#token=[\\w-]+$`));

		// The checker follows the registration: pending, with the code form, and no correction of the
		// address in place (Traccar holds the pending user under the address first typed).
		await form.getByRole('link', { name: t('widgets.register.successStatus') }).click();
		const checker = page.locator('#confirmation-status');
		await expect(checker.getByRole('status')).toHaveText(t('widgets.status.pending', { email }));
		await expect(checker.getByLabel(t('widgets.code.label'))).toBeVisible();
		await expect(checker.getByRole('button', { name: t('widgets.change.open') })).toHaveCount(0);
		expect(await traccarSignIn(request, email, goodPassword)).toBe(400);

		await confirmByLink(page, translator(lang), mail.link!);
		expect(await traccarSignIn(request, email, goodPassword)).toBe(200);
		expect(await traccarSignIn(request, email, otherGoodPassword)).toBe(401);
	});
}

for (const lang of ['es', 'ar'] as const) {
	test(`a reset through the help center's pages: Traccar refuses the old password and accepts the new one (${lang})`, async ({ page, request, newAddress }) => {
		const t = translator(lang);
		const email = newAddress(`traccar-reset-${lang}`);
		await registerOnPage(page, lang, email);
		await confirmByLink(page, translator(lang), (await waitForMessage(email, { match: isConfirmation })).link!);
		expect(await traccarSignIn(request, email, goodPassword)).toBe(200);

		// 1. Ask for the link on the recovery page.
		await page.goto(pageUrl(lang, 'password-recovery/'));
		await requestResetOnPage(page, t, email, t('widgets.resetRequest.done'));

		// 2. The email's link opens this site's new-password page, in the reader's language.
		const mail = await waitForMessage(email, { match: isPasswordReset });
		expect(mail.link).toMatch(new RegExp(`^${site}${prefixes[lang]}/reset-password/#token=[\\w-]+$`));
		await page.goto(mail.link!);
		await expect(page.locator('html')).toHaveAttribute('dir', dirs[lang]);
		const resetForm = page.locator('[data-widget="password-reset"]');
		const passwordField = resetForm.getByLabel(t('widgets.password.newLabel'), { exact: true });
		await hydrated(passwordField);
		const resetStatus = await liveRegion(resetForm.getByRole('status'));
		await passwordField.fill(otherGoodPassword);
		await resetForm.getByRole('button', { name: t('widgets.reset.submit') }).click();
		await resetStatus.says(t('widgets.reset.done'));

		// 3. Traccar took it.
		expect(await traccarSignIn(request, email, goodPassword)).toBe(401);
		expect(await traccarSignIn(request, email, otherGoodPassword)).toBe(200);
	});
}

test('“Wrong address?” leads back to the form with the address kept, not to a correction in place (ar)', async ({ page, newAddress }) => {
	const t = translator('ar');
	const email = newAddress('traccar-wrong');
	const form = await registerOnPage(page, 'ar', email);
	await form.getByRole('button', { name: t('widgets.register.correct') }).click();
	const emailField = form.getByLabel(t('widgets.email.label'), { exact: true });
	await expect(emailField).toBeFocused();
	await expect(emailField).toHaveValue(email);
	await expect(form.getByLabel(t('widgets.change.label'))).toHaveCount(0);
	await expect(form.getByRole('button', { name: t('widgets.change.submit') })).toHaveCount(0);
});

for (const lang of ['es', 'ar'] as const) {
	test(`the widget pages have no accessibility violations (${lang})`, async ({ page }) => {
		// Five pages through axe: more than one page's share of the default timeout.
		test.slow();
		for (const slug of ['sign-up/', 'confirm-email/', 'confirm/', 'password-recovery/', 'reset-password/']) {
			await page.goto(pageUrl(lang, slug));
			await expectNoAxeViolations(page);
		}
	});
}
