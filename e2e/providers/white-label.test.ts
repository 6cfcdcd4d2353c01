import { expect, test, type Page } from '@playwright/test';

import fleetwise from '../../src/providers/fleetwise/profile.ts';
import geotrack from '../../src/providers/geotrack/profile.ts';
import rimal from '../../src/providers/rimal/profile.ts';
import sendero from '../../src/providers/sendero/profile.ts';
import { expectNoAxeViolations } from '../axe.ts';
import { search } from '../search-box.ts';
import { providerUrl } from './ports.ts';
import ar from '../../src/content/i18n/ar.json' with { type: 'json' };
import en from '../../src/content/i18n/en.json' with { type: 'json' };
import es from '../../src/content/i18n/es.json' with { type: 'json' };
import fr from '../../src/content/i18n/fr.json' with { type: 'json' };

/**
 * Where the help center takes the reset request, /password-recovery/ leads with its own form: no
 * link or step names the login page's “forgot password” link, step 1 names the form's button, and
 * the page has that one button.
 */
async function expectResetRequestHere(page: Page, url: string, submit: string, forgot: string): Promise<void> {
	await page.goto(url);
	const main = page.locator('main');
	await expect(main.getByRole('link', { name: forgot })).toHaveCount(0);
	const steps = main.locator('.sl-steps > li');
	await expect(steps.first()).toContainText(submit);
	for (const step of await steps.all()) await expect(step).not.toContainText(forgot);
	await expect(main.getByRole('button', { name: submit })).toHaveCount(1);
}

/** The values of the language picker's options: the same page in each offered language. */
async function pickerPaths(page: Page): Promise<string[]> {
	return page.locator('starlight-lang-select select').first().locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
}

/**
 * The text of the page's prose: the main column without its widgets, which read the same features
 * at run time and are tested on their own.
 */
async function proseText(page: Page): Promise<string> {
	return page.locator('main').evaluate((main) => {
		const copy = main.cloneNode(true) as HTMLElement;
		for (const widget of copy.querySelectorAll('[data-widget], astro-island, noscript')) widget.remove();
		return (copy.textContent ?? '').replace(/\s+/g, ' ');
	});
}

test.describe('GeoTrack Pro: every language, self-registration on', () => {
	test('its name, logo, colours and contacts appear where required', async ({ page }) => {
		await page.goto(providerUrl('geotrack', '/service-provider/'));
		await expect(page).toHaveTitle(/GeoTrack Pro help center/);
		await expect(page.locator('.site-title img').first()).toHaveAttribute('src', /logo/);
		// The brand colour is Starlight's accent: links take it in the light theme.
		await page.emulateMedia({ colorScheme: 'light' });
		await page.reload();
		const accent = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--sl-color-accent').trim());
		expect(accent).toBe(geotrack.colors.light);
		const contacts = page.locator('.provider-contacts').first();
		await expect(contacts).toContainText('GeoTrack Pro support');
		await expect(contacts.getByRole('link', { name: geotrack.support.email })).toHaveAttribute('href', `mailto:${geotrack.support.email}`);
		await expect(contacts).toContainText(geotrack.support.hours.en);
		await page.goto(providerUrl('geotrack', '/fr/service-provider/'));
		await expect(page.locator('.provider-contacts').first()).toContainText(geotrack.support.hours.fr);
		await expect(page.locator('link[rel~="icon"]')).toHaveAttribute('href', '/favicon.svg');
	});

	test('offers every language and the registration form, which calls its own API', async ({ page }) => {
		await page.goto(providerUrl('geotrack', '/sign-up/'));
		expect(await pickerPaths(page)).toHaveLength(8);
		await expect(page.locator('[data-widget="registration-form"]')).toBeVisible();
		await expect(page.locator('meta[name="signup-api"]')).toHaveAttribute('content', geotrack.apiBaseUrl);
		await expect(page.getByRole('link', { name: 'Terms of service' })).toHaveAttribute('href', geotrack.termsUrl);
		// The phrase that FleetWise's search must not find is there when self-registration is on.
		expect(await search(page, '"Sign up on the login page"')).toContain('/sign-up/');
	});

	test('its canonical links and sitemap use its own address', async ({ page }) => {
		await page.goto(providerUrl('geotrack', '/faq/'));
		await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', `${geotrack.siteUrl}faq/`);
		const sitemap = await (await page.request.get(providerUrl('geotrack', '/sitemap-0.xml'))).text();
		expect(sitemap).toContain(`<loc>${geotrack.siteUrl}fr/faq/</loc>`);
	});

	for (const colorScheme of ['light', 'dark'] as const) {
		test(`has no accessibility violations in its ${colorScheme} colours`, async ({ page }) => {
			await page.emulateMedia({ colorScheme });
			for (const path of ['/', '/sign-up/', '/ar/confirm-email/']) {
				await page.goto(providerUrl('geotrack', path));
				await expectNoAxeViolations(page);
			}
		});
	}
});

test.describe('FleetWise: three languages, accounts created by the provider', () => {
	test('offers only its languages: no pages, no picker entries and no search index for the others', async ({ page }) => {
		await page.goto(providerUrl('fleetwise', '/de/faq/'));
		expect(await pickerPaths(page)).toEqual(['/faq/', '/fr/faq/', '/de/faq/']);
		for (const path of ['/ar/', '/es/faq/', '/ru/sign-up/']) expect((await page.request.get(providerUrl('fleetwise', path))).status()).toBe(404);
		const entry = (await (await page.request.get(providerUrl('fleetwise', '/pagefind/pagefind-entry.json'))).json()) as { languages: Record<string, unknown> };
		expect(Object.keys(entry.languages).sort()).toEqual(['de', 'en', 'fr']);
	});

	test('the sign-up page explains how to get an account, with no form and no trace of self-registration', async ({ page }) => {
		await page.goto(providerUrl('fleetwise', '/sign-up/'));
		await expect(page.locator('[data-widget="registration-form"]')).toHaveCount(0);
		await expect(page.locator('[data-widget="registration-disabled"]')).toContainText('creates accounts for its customers');
		await expect(page.locator('[data-widget="registration-disabled"] .provider-contacts')).toContainText(fleetwise.support.email);
		await expect(page.getByRole('heading', { name: 'Sign up on the login page' })).toHaveCount(0);
		await expect(page.getByRole('heading', { name: 'Register here' })).toHaveCount(0);
		// Nor in the table of contents or the search index.
		await expect(page.locator('starlight-toc a[href="#register-here"]')).toHaveCount(0);
		expect(await search(page, '"Sign up on the login page"')).not.toContain('/sign-up/');
		await page.goto(providerUrl('fleetwise', '/de/sign-up/'));
		await expect(page.locator('[data-widget="registration-disabled"]')).toBeVisible();
		await expect(page.locator('[data-widget="registration-form"]')).toHaveCount(0);
	});

	test('the home page, the sign-up page and the confirm-email page read right without self-registration', async ({ page }) => {
		await page.goto(providerUrl('fleetwise', '/'));
		await expect(page.getByRole('link', { name: /Get an account/ })).toHaveAttribute('href', '/sign-up/');
		await expect(page.getByText('Sign up step by step')).toHaveCount(0);
		await expect(page.locator('.hero')).toContainText('Get your account from your service provider');
		await expect(page.locator('.hero')).not.toContainText('Create your account');
		await page.goto(providerUrl('fleetwise', '/sign-up/'));
		const main = page.locator('main');
		await expect(main).not.toContainText('follow the steps below');
		await expect(main).not.toContainText('one step at a time');
		// The page does not repeat the widget's sentence about who creates the accounts.
		expect((await main.innerText()).match(/creates? (the )?accounts (of|for) its customers/g)).toHaveLength(1);
		await page.goto(providerUrl('fleetwise', '/confirm-email/'));
		await expect(page.locator('[data-widget="confirmation-status"]')).toHaveCount(0);
		await expect(page.getByRole('heading', { name: 'Check your confirmation' })).toHaveCount(0);
		await expect(page.locator('main')).toContainText('Ask your service provider to send the email again');
	});

	test('its own page shows in its sidebar, and the languages without it fall back honestly', async ({ page }) => {
		await page.goto(providerUrl('fleetwise', '/driver-accounts/'));
		await expect(page.locator('h1')).toHaveText('Accounts for your drivers');
		expect(await page.locator('link[rel="alternate"][hreflang]').evaluateAll((links) => links.map((l) => l.getAttribute('hreflang')))).toEqual(['en', 'x-default']);

		await page.goto(providerUrl('fleetwise', '/de/driver-accounts/'));
		await expect(page.locator('html')).toHaveAttribute('lang', 'de');
		await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
		// The English text says it is English; the notice says the page is not translated yet.
		await expect(page.locator('main[lang="en"]')).toContainText('Drivers do not create their own accounts');
		await expect(page.locator('h1')).toHaveText('Accounts for your drivers');
		await expect(page.locator('main [data-pagefind-body]')).toHaveCount(0);
		await expect(page.getByRole('navigation').getByRole('link', { name: 'Accounts for your drivers' }).first()).toBeVisible();

		const sitemap = await (await page.request.get(providerUrl('fleetwise', '/sitemap-0.xml'))).text();
		expect(sitemap).toContain('/driver-accounts/</loc>');
		expect(sitemap).not.toContain('/de/driver-accounts/');
		expect(sitemap).not.toContain('/fr/driver-accounts/');
		expect(await search(page, 'Fahrer')).not.toContain('/de/driver-accounts/');
	});

	test('has no accessibility violations on its own and its fallback pages', async ({ page }) => {
		for (const path of ['/sign-up/', '/de/sign-up/', '/de/driver-accounts/']) {
			await page.goto(providerUrl('fleetwise', path));
			await expectNoAxeViolations(page);
		}
	});
});

test.describe('Rimal Track: Arabic first, on a Navixy platform', () => {
	test('Arabic sits at the root, English under /en/, and links stay in their language', async ({ page }) => {
		await page.goto(providerUrl('rimal', '/'));
		await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		await expect(page).toHaveTitle(/Rimal Track/);
		expect(await pickerPaths(page)).toEqual(['/', '/en/', '/fr/']);
		await page.goto(providerUrl('rimal', '/en/faq/'));
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		const hrefs = await page.locator('main a[href^="/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
		expect(hrefs.length).toBeGreaterThan(3);
		for (const href of hrefs) expect(href).toMatch(/^\/en\//);
		// Starlight's asides speak the page's language, not the root's.
		await page.goto(providerUrl('rimal', '/en/sign-up/'));
		await expect(page.locator('aside.starlight-aside--tip')).toHaveAttribute('aria-label', 'Tip');
	});

	test('the registration form checks the platform policy', async ({ page }) => {
		await page.goto(providerUrl('rimal', '/en/sign-up/'));
		const rules = page.locator('.widget-rules');
		await expect(rules).toContainText(`Characters: at least ${rimal.passwordPolicy === 'navixy' ? 12 : 0}`);
		await expect(rules).toContainText('Characters: at most 20');
		await expect(rules).toContainText('Uppercase letters: at least 1');
		await expect(rules).toContainText('!@#$%^&*');
	});

	// Rimal's accounts live on its Navixy platform: the platform's own activation email has no code,
	// its link activates the account directly and the platform states no lifetime; passwords are
	// reset on the platform's own page.
	const platformLacks: Record<string, { path: string; lacks: string[]; forgot: RegExp }> = {
		ar: { path: '/', lacks: ['6 أرقام', '24 ساعة'], forgot: /هل نسيت كلمة المرور/ },
		en: { path: '/en/', lacks: ['6-digit code', '24 hours', 'press the button', 'Why is there a button'], forgot: /Forgot password\?/ },
		fr: { path: '/fr/', lacks: ['code à 6 chiffres', '24 heures', 'Pourquoi ce bouton'], forgot: /Mot de passe oublié/ },
	};
	for (const [lang, { path, lacks, forgot }] of Object.entries(platformLacks)) {
		test(`in ${lang}, the pages speak only of what the platform does`, async ({ page }) => {
			for (const slug of ['confirm-email/', 'confirm/', 'faq/', 'sign-up/']) {
				await page.goto(providerUrl('rimal', `${path}${slug}`));
				const prose = await proseText(page);
				for (const phrase of lacks) expect(prose, `${path}${slug}`).not.toContain(phrase);
			}
			await page.goto(providerUrl('rimal', `${path}password-recovery/`));
			// The prose and the widget both send readers there.
			const links = page.getByRole('link', { name: forgot });
			expect(await links.count()).toBeGreaterThan(0);
			for (const link of await links.all()) await expect(link).toHaveAttribute('href', 'https://track.rimal.example/login/?partition=password_remind');
		});
	}

	// The widgets too: no code field where the platform has no code, and no reset request where the
	// help center cannot send one — a link to the platform's own page instead.
	const widgetStrings = { ar: { path: '/', strings: ar }, en: { path: '/en/', strings: en }, fr: { path: '/fr/', strings: fr } };
	for (const [lang, { path, strings }] of Object.entries(widgetStrings)) {
		test(`in ${lang}, the widgets offer only what the platform does`, async ({ page }) => {
			await page.goto(providerUrl('rimal', `${path}confirm-email/`));
			await expect(page.getByLabel(strings['widgets.code.label'])).toHaveCount(0);
			await page.goto(providerUrl('rimal', `${path}password-recovery/`));
			await expect(page.getByRole('button', { name: strings['widgets.resetRequest.submit'] })).toHaveCount(0);
			const elsewhere = page.locator('[data-widget="password-reset-elsewhere"]');
			await expect(elsewhere.getByRole('link', { name: strings['widgets.resetRequest.elsewhereLink'] })).toHaveAttribute('href', 'https://track.rimal.example/login/?partition=password_remind');
		});
	}

	test('the local build’s widgets still offer the code and the reset request', async ({ page }) => {
		await page.goto(providerUrl('geotrack', '/confirm-email/'));
		await expect(page.getByLabel(en['widgets.code.label']).first()).toBeAttached();
		await page.goto(providerUrl('geotrack', '/password-recovery/'));
		await expect(page.getByRole('button', { name: en['widgets.resetRequest.submit'] })).toBeAttached();
	});

	test('the password-recovery page starts at its own reset form, not at the login page’s “Forgot password?”', async ({ page }) => {
		await expectResetRequestHere(page, providerUrl('geotrack', '/password-recovery/'), en['widgets.resetRequest.submit'], 'Forgot password?');
	});

	test('the local build still offers the code, the confirm page and its lifetime', async ({ page }) => {
		await page.goto(providerUrl('geotrack', '/confirm-email/'));
		const prose = await proseText(page);
		for (const phrase of ['6-digit code', '24 hours', 'press the button']) expect(prose).toContain(phrase);
		await page.goto(providerUrl('geotrack', '/fr/confirm-email/'));
		expect(await proseText(page)).toMatch(/24\s+heures/);
	});

	test('search stays within each language', async ({ page }) => {
		await page.goto(providerUrl('rimal', '/en/'));
		const english = await search(page, 'password');
		expect(english.length).toBeGreaterThan(0);
		for (const path of english) expect(path).toMatch(/^\/en\//);
	});

	test('has no accessibility violations', async ({ page }) => {
		for (const path of ['/', '/sign-up/', '/en/sign-up/']) {
			await page.goto(providerUrl('rimal', path));
			await expectNoAxeViolations(page);
		}
	});
});

// Sendero's accounts live on its Traccar server; the help center confirms and resets (its journey in
// the browser, against the real server and Traccar test server, is in traccar-journey.test.ts).
test.describe('Sendero GPS: Spanish first, on a Traccar server', () => {
	test('Spanish sits at the root, English under /en/, Arabic under /ar/', async ({ page }) => {
		await page.goto(providerUrl('sendero', '/'));
		await expect(page.locator('html')).toHaveAttribute('lang', 'es');
		await expect(page).toHaveTitle(/Sendero GPS/);
		expect(await pickerPaths(page)).toEqual(['/', '/en/', '/ar/']);
		await page.goto(providerUrl('sendero', '/ar/sign-up/'));
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		for (const path of ['/fr/', '/de/faq/']) expect((await page.request.get(providerUrl('sendero', path))).status()).toBe(404);
	});

	test('the help center confirms and resets: the code, the confirm page, its lifetime and the reset request', async ({ page }) => {
		await page.goto(providerUrl('sendero', '/confirm-email/'));
		await expect(page.getByLabel(es['widgets.code.label']).first()).toBeAttached();
		expect(await proseText(page)).toMatch(/24\s+horas/);
		await page.goto(providerUrl('sendero', '/password-recovery/'));
		await expect(page.getByRole('button', { name: es['widgets.resetRequest.submit'] })).toBeAttached();
		await expect(page.locator('[data-widget="password-reset-elsewhere"]')).toHaveCount(0);
		await page.goto(providerUrl('sendero', '/sign-up/'));
		await expect(page.getByRole('link', { name: es['widgets.register.terms'] }).first()).toHaveAttribute('href', sendero.termsUrl);
	});

	test('the password-recovery page starts at its own reset form, not at the login page’s “¿Olvidó su contraseña?”', async ({ page }) => {
		await expectResetRequestHere(page, providerUrl('sendero', '/password-recovery/'), es['widgets.resetRequest.submit'], '¿Olvidó su contraseña?');
	});

	for (const colorScheme of ['light', 'dark'] as const) {
		test(`has no accessibility violations in its ${colorScheme} colours`, async ({ page }) => {
			await page.emulateMedia({ colorScheme });
			// Its brand on the home page; its widget pages are checked against its own server in
			// traccar-journey.test.ts.
			await page.goto(providerUrl('sendero', '/'));
			await expectNoAxeViolations(page);
		});
	}
});
