/**
 * A Traccar provider whose resets Traccar completes (`TRACCAR_PASSWORD_RESET=traccar`), as a reader
 * meets it: Sendero GPS built for that mode (`dist/sendero-traccar-reset/`) and served by the real
 * server in that mode ("traccarOwnReset"), in front of the Traccar test server. The help center's
 * recovery form takes the request, Traccar's server mails the reset email with its own mail settings
 * (the help center's SMTP gets none), and Traccar's own page takes the new password. The pages say
 * so: no help-center password rules, the email is the platform's, and may have another sender; the
 * help center's new-password page sends the reader to Traccar's instead of offering a form that
 * could not work. The passages are read from the pages' sources, as the build keeps them.
 */
import { readFileSync } from 'node:fs';

import type { APIRequestContext, Page } from '@playwright/test';

import type { LocaleKey } from '../../config/locales.ts';
import { pageFile } from '../../src/content/completeness.ts';
import { traccarForgotPasswordUrl } from '../../src/providers/features.ts';
import senderoProfile from '../../src/providers/sendero/profile.ts';
import { expectNoAxeViolations } from '../axe.ts';
import { confirmByLink, expect, goodPassword, hydrated, otherGoodPassword, registerViaApi, requestResetOnPage, test, traccarSignIn } from '../harness/fixtures.ts';
import { pattern, translator } from '../harness/i18n.ts';
import { controlUrl, instanceUrl, traccarOwnResetBuild, traccarTestUrl, type TraccarResetEmail } from '../harness/instances.ts';
import { isConfirmation, isPasswordReset, messagesTo, waitForMessage } from '../harness/mail.ts';

/** This mode's site and server; the help-center-mode build of the same provider, to compare with. */
const site = instanceUrl('traccarOwnReset');
const helpCenterSite = instanceUrl('traccar');

/** Two of Sendero's languages, where each is published and where its pages' sources are. */
const langs = {
	es: { prefix: '', source: 'es' },
	en: { prefix: '/en', source: 'root' },
} as const satisfies Record<string, { prefix: string; source: LocaleKey }>;
type Lang = keyof typeof langs;

const pageUrl = (base: string, lang: Lang, slug: string) => `${base}${langs[lang].prefix}/${slug}`;

/** Text as compared: Markdown links and emphasis dropped, quotes and white space made plain. */
function plain(text: string): string {
	return text
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/\*\*|__/g, '')
		.replace(/[‘’']/g, "'")
		.replace(/[“”"]/g, '"')
		.replace(/\s+/g, ' ')
		.trim();
}

/**
 * The prose paragraphs of a page's source that show only with a switch on (`feature`) or off
 * (`unless`): those of each `<OnlyIf>` with that switch, up to its first nested one.
 */
function passages(lang: Lang, slug: string, kind: 'feature' | 'unless', name: string): string[] {
	const file = pageFile(process.cwd(), langs[lang].source, slug);
	if (!file) throw new Error(`no source for ${slug} in ${lang}`);
	const source = readFileSync(file, 'utf8');
	const found = [...source.matchAll(new RegExp(`<OnlyIf ${kind}="${name}">([\\s\\S]*?)(?:<OnlyIf |</OnlyIf>)`, 'g'))]
		.flatMap(([, body = '']) => body.split(/\n\s*\n/))
		.map(plain)
		.filter((paragraph) => paragraph !== '' && !paragraph.startsWith('<'));
	if (!found.length) throw new Error(`${file} has no prose in <OnlyIf ${kind}="${name}">`);
	return found;
}

/** The main column's text, made plain. */
async function mainText(page: Page): Promise<string> {
	return plain(await page.getByRole('main').innerText());
}

/** The reset emails Traccar's server sent itself to `email`. */
async function traccarResetEmails(email: string): Promise<TraccarResetEmail[]> {
	const response = await fetch(`${controlUrl}/traccar/reset-emails?to=${encodeURIComponent(email)}`);
	expect(response.ok).toBe(true);
	return (await response.json()) as TraccarResetEmail[];
}

/** Registers through this instance's API and follows the emailed link on the page; Traccar then signs the reader in. */
async function registeredAndConfirmed(page: Page, request: APIRequestContext, lang: Lang, email: string): Promise<void> {
	const t = translator(lang);
	await registerViaApi(request, { email, locale: lang, instance: 'traccarOwnReset' });
	const mail = await waitForMessage(email, { match: isConfirmation });
	expect(mail.link).toMatch(new RegExp(`^${site}${langs[lang].prefix}/confirm/#token=[\\w-]+$`));
	await confirmByLink(page, t, mail.link!);
	expect(await traccarSignIn(request, email, goodPassword)).toBe(200);
}

/** The help center's password rules on a page: the list item stating the minimum length (not the step around it). */
const rulesList = (page: Page, lang: Lang) =>
	page
		.getByRole('main')
		.getByRole('listitem')
		.filter({ hasText: pattern(lang, 'widgets.password.rule.min_length'), hasNot: page.getByRole('listitem') });

test.beforeAll(async () => {
	const health = await fetch(`${site}/api/v1/health`).catch(() => null);
	expect(
		health?.ok,
		`the "traccarOwnReset" instance does not answer on ${site}: build its site with \`PROVIDER=sendero TRACCAR_PASSWORD_RESET=traccar OUT_DIR=dist/${traccarOwnResetBuild} npx astro build\``,
	).toBe(true);
});

test.afterAll(async () => {
	// Every call the backend made, the reset request included, is one Traccar's own API document allows.
	const violations = (await (await fetch(`${controlUrl}/traccar/violations`)).json()) as unknown[];
	expect(violations).toEqual([]);
});

for (const lang of ['es', 'en'] as const) {
	test(`the recovery page describes Traccar's reset, and a request there gets Traccar's email, not the help center's (${lang})`, async ({ page, request, newAddress }) => {
		const t = translator(lang);
		const email = newAddress(`own-reset-${lang}`);
		await registeredAndConfirmed(page, request, lang, email);

		// The help-center-mode build of the same provider lists the rules its reset page checks…
		await page.goto(pageUrl(helpCenterSite, lang, 'password-recovery/'));
		await expect(rulesList(page, lang)).toHaveCount(1);
		const rulesIntro = passages(lang, 'password-recovery', 'feature', 'resetRules')[0]!;
		expect(await mainText(page)).toContain(rulesIntro);

		// …this one does not (Traccar's page checks none), and says whose email and page it is.
		await page.goto(pageUrl(site, lang, 'password-recovery/'));
		await expect(page.locator('html')).toHaveAttribute('lang', lang);
		await expect(page.getByRole('main').getByRole('list').first()).toBeVisible();
		await expect(rulesList(page, lang)).toHaveCount(0);
		const text = await mainText(page);
		expect(text).not.toContain(rulesIntro);
		for (const passage of [...passages(lang, 'password-recovery', 'unless', 'resetRules'), ...passages(lang, 'password-recovery', 'unless', 'passwordReset')]) {
			expect(text).toContain(passage);
		}

		// The request form: the widget says the platform sends the link.
		await requestResetOnPage(page, t, email, t('widgets.resetRequest.donePlatform'));

		// Traccar's server mailed the reset email…
		await expect.poll(async () => (await traccarResetEmails(email)).length, { timeout: 10_000 }).toBe(1);
		// …and the help center's mail got none: a moment later (its outbox polls every 100 ms), only the confirmation.
		await page.waitForTimeout(1500);
		const helpCenterMail = await messagesTo(email);
		expect(helpCenterMail.filter(isPasswordReset)).toEqual([]);
		expect(helpCenterMail.map((mail) => isConfirmation(mail))).toEqual([true]);

		// Traccar's own page takes the new password with the emailed token; Traccar then accepts only it.
		const [{ token }] = (await traccarResetEmails(email)) as [TraccarResetEmail];
		const update = await request.post(`${traccarTestUrl}/api/password/update`, { form: { token, password: otherGoodPassword } });
		expect(update.status()).toBe(200);
		expect(await traccarSignIn(request, email, goodPassword)).toBe(401);
		expect(await traccarSignIn(request, email, otherGoodPassword)).toBe(200);
	});

	test(`the sender pages say the reset email may come from another sender (${lang})`, async ({ page }) => {
		for (const slug of ['confirm-email', 'email-delivery']) {
			await page.goto(pageUrl(site, lang, `${slug}/`));
			const text = await mainText(page);
			for (const passage of passages(lang, slug, 'unless', 'resetSameSender')) expect(text, slug).toContain(passage);
			for (const passage of passages(lang, slug, 'feature', 'resetSameSender')) expect(text, slug).not.toContain(passage);
		}
	});

	test(`the help center's new-password page offers no form, and leads to Traccar's own reset page (${lang})`, async ({ page }) => {
		const t = translator(lang);
		// As a reader would reach it: from an old help-center link, with a token, or typed.
		for (const path of ['reset-password/#token=an-old-help-center-link', 'reset-password/']) {
			await page.goto(pageUrl(site, lang, path));
			expect(page.url()).toContain('/reset-password/');
			await expect(page.getByLabel(t('widgets.password.newLabel'), { exact: true })).toHaveCount(0);
			await expect(page.getByRole('button', { name: t('widgets.reset.submit') })).toHaveCount(0);
			await expect(page.getByText(t('widgets.resetRequest.elsewhere'))).toBeVisible();
			// The link goes where Traccar's reset email leads: its web app's reset page.
			const link = page.getByRole('link', { name: t('widgets.resetRequest.elsewhereLink'), exact: true });
			await expect(link).toHaveAttribute('href', traccarForgotPasswordUrl(senderoProfile.loginUrl));
			const text = await mainText(page);
			for (const passage of passages(lang, 'reset-password', 'unless', 'passwordReset')) expect(text).toContain(passage);
			for (const passage of passages(lang, 'reset-password', 'feature', 'passwordReset')) expect(text).not.toContain(passage);
		}
	});

	test(`the recovery page has no accessibility violations (${lang})`, async ({ page }) => {
		await page.goto(pageUrl(site, lang, 'password-recovery/'));
		await hydrated(page.locator('[data-widget="password-reset-request"]').getByLabel(translator(lang)('widgets.email.label'), { exact: true }));
		await expectNoAxeViolations(page);
	});
}
