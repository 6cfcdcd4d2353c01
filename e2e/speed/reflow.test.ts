/**
 * Starlight's chrome on a phone (390 px) and at 200 % zoom (195 CSS px, WCAG 1.4.10 reflow), in
 * English, French, German and Arabic wherever a site publishes them (and in each provider's root
 * language), on the neutral build and on every example provider: nothing sticks out sideways, a
 * language picker is reachable (the home page has no mobile menu), and the provider's name in the
 * header is whole.
 */
import type { Server } from 'node:http';
import { resolve } from 'node:path';

import { expect, test, type Page } from '@playwright/test';

import { serveStatic } from '../../bench/serve-static.ts';
import { loadResolvedProvider } from '../../src/providers/load.ts';
import { instanceUrl } from '../harness/instances.ts';

/** The example providers, each built by `npm run build:providers`. */
const providers = ['geotrack', 'fleetwise', 'rimal', 'sendero'] as const;
type Site = 'neutral' | (typeof providers)[number];

/** Checked wherever a site publishes them: English, two languages of long words (French, German) and a right-to-left one. */
const checked = ['en', 'fr', 'de', 'ar'];

/** A language of a site and its URL prefix (`''` at the root). */
interface SiteLocale {
	lang: string;
	prefix: string;
}

/** The languages checked on each site, its root language first: the neutral build's, and each profile's own. */
const siteLocales: Record<Site, SiteLocale[]> = { neutral: checked.map((lang, index) => ({ lang, prefix: index === 0 ? '' : `/${lang}` })) } as Record<Site, SiteLocale[]>;
for (const id of providers) {
	const { layout } = await loadResolvedProvider(process.cwd(), id);
	siteLocales[id] = layout.locales.filter((locale, index) => index === 0 || checked.includes(locale.lang)).map(({ lang, prefix }) => ({ lang, prefix }));
}

/** Each provider's built site (`npm run build:providers`), on a port of its own for this file. */
const providerOrigins = new Map<Site, string>();
const servers: Server[] = [];
test.beforeAll(async () => {
	for (const site of providers) {
		const served = await serveStatic(resolve(process.env['PROVIDERS_OUT'] || 'dist', site));
		servers.push(served.server);
		providerOrigins.set(site, served.origin);
	}
});
test.afterAll(() => servers.forEach((server) => server.close()));

function url(site: Site, locale: SiteLocale, slug: string): string {
	return `${site === 'neutral' ? instanceUrl('main') : providerOrigins.get(site)}${locale.prefix}/${slug}`;
}

/** Elements of the header and the mobile table of contents that stick out of the viewport. */
function overflowing(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		const found: string[] = [];
		if (document.documentElement.scrollWidth > width) found.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
		for (const element of document.querySelectorAll('header.header *, mobile-starlight-toc *')) {
			const box = element.getBoundingClientRect();
			if (box.width === 0 || box.height === 0 || getComputedStyle(element).visibility === 'hidden') continue;
			if (box.right > width + 1 || box.left < -1) found.push(`${element.tagName.toLowerCase()}.${element.className}: ${Math.round(box.left)}–${Math.round(box.right)} of ${width}`);
		}
		return found;
	});
}

/** What of the site title (its name and logo) is cut off by the header. */
function clippedBrand(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const wrapper = document.querySelector('header.header .title-wrapper')!.getBoundingClientRect();
		const width = document.documentElement.clientWidth;
		const found: string[] = [];
		for (const part of document.querySelectorAll<HTMLElement>('.site-title > span:not(.sr-only), .site-title > img')) {
			const box = part.getBoundingClientRect();
			if (box.width === 0) continue;
			const label = part.tagName === 'IMG' ? 'the logo' : `“${part.textContent?.trim()}”`;
			if (box.right > Math.min(wrapper.right, width) + 1 || box.left < Math.max(wrapper.left, 0) - 1) found.push(`${label} is cut at the header's edge`);
			if (part.scrollWidth > part.clientWidth + 1) found.push(`${label} is wider than its box (${part.scrollWidth} > ${part.clientWidth})`);
		}
		return found;
	});
}

/** Finds the language picker as a reader would: on the page, or in the menu when there is one. Resolves with it. */
async function reachLanguagePicker(page: Page) {
	const visible = page.locator('starlight-lang-select select:visible');
	if ((await visible.count()) === 0) {
		const menu = page.locator('button[popovertarget="starlight__sidebar"]');
		if (await menu.isVisible()) await menu.click();
	}
	await expect(visible.first(), 'no language picker can be reached').toBeVisible();
	return visible.first();
}

const views = [
	{ name: 'a 390 px phone', viewport: { width: 390, height: 844 }, deviceScaleFactor: 3 },
	{ name: 'a 390 px phone at 200 % zoom', viewport: { width: 195, height: 422 }, deviceScaleFactor: 2 },
];

for (const view of views) {
	test.describe(view.name, () => {
		test.use({ viewport: view.viewport, deviceScaleFactor: view.deviceScaleFactor, isMobile: true, hasTouch: true });
		for (const site of Object.keys(siteLocales) as Site[]) {
			for (const locale of siteLocales[site]) {
				test(`${site}, ${locale.lang}: the chrome reflows, the brand is whole and the language picker is reachable`, async ({ page }) => {
					for (const slug of ['', 'faq/', 'service-provider/']) {
						await page.goto(url(site, locale, slug));
						expect(await overflowing(page), `${slug || 'home'}: sticks out`).toEqual([]);
						expect(await clippedBrand(page), `${slug || 'home'}: brand`).toEqual([]);
					}
					// On the home page (no sidebar, so no menu), the picker works: it leads to another language.
					await page.goto(url(site, locale, ''));
					const picker = await reachLanguagePicker(page);
					const other = siteLocales[site].find((l) => l !== locale)!;
					await picker.selectOption(new URL(url(site, other, '')).pathname);
					await expect(page).toHaveURL(url(site, other, ''));
					// And on a page with a sidebar, through the mobile menu.
					await page.goto(url(site, locale, 'faq/'));
					await reachLanguagePicker(page);
				});
			}
		}
	});
}
