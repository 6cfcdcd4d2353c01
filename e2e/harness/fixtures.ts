/**
 * What the widget tests share: unique addresses, registrations through the API, waiting for an
 * island to hydrate, live regions and error summaries.
 */
import { createHash } from 'node:crypto';

import { expect, test as base, type APIRequestContext, type Locator, type Page } from '@playwright/test';

import { instanceUrl, traccarTestUrl, type InstanceName } from './instances.ts';

/** A password the default (NIST) policy accepts: long, not common, without the address in it. */
export const goodPassword = 'violet tractor umbrella sings 42';

/** Another one, for the reset. */
export const otherGoodPassword = 'quiet lantern orbit 7 pebbles';

let counter = 0;

export const test = base.extend<{
	/**
	 * A fresh address for this test, never used by another test or run:
	 * `e2e-<test>-<tag>-<time>-<worker>-<n>@example.com`, within the 64 bytes a local part may have.
	 */
	newAddress: (tag?: string) => string;
}>({
	// eslint-disable-next-line no-empty-pattern
	newAddress: async ({}, use, testInfo) => {
		const testHash = createHash('sha256').update(testInfo.testId).digest('hex').slice(0, 10);
		await use((tag = 'a') => `e2e-${testHash}-${tag}-${Date.now().toString(36)}-${testInfo.workerIndex}-${++counter}@example.com`.toLowerCase());
	},
});

export { expect };

/** Registers through the API of an instance; resolves with the receipt. */
export async function registerViaApi(
	request: APIRequestContext,
	{ email, locale = 'en', password = goodPassword, instance = 'main' }: { email: string; locale?: string; password?: string; instance?: InstanceName },
): Promise<string> {
	const response = await request.post(`${instanceUrl(instance)}/api/v1/registrations`, { data: { email, password, locale } });
	expect(response.status(), await response.text()).toBe(202);
	return ((await response.json()) as { receipt: string }).receipt;
}

/** Asks for a password-reset email through the API of the main instance. */
export async function requestResetViaApi(request: APIRequestContext, email: string, locale = 'en'): Promise<void> {
	const response = await request.post(`${instanceUrl('main')}/api/v1/password-resets`, { data: { email, locale } });
	expect(response.status(), await response.text()).toBe(202);
}

/** What the API says of a registration receipt: `pending`, `confirmed` or `expired`. */
export async function statusViaApi(request: APIRequestContext, receipt: string): Promise<string> {
	const response = await request.post(`${instanceUrl('main')}/api/v1/registrations/status`, { data: { receipt } });
	expect(response.status(), await response.text()).toBe(200);
	return ((await response.json()) as { status: string }).status;
}

/**
 * Waits until an island has hydrated: its controls stay disabled until then. Islands that load
 * `client:visible` hydrate once on screen, so the control is scrolled into view first.
 */
export async function hydrated(control: Locator): Promise<void> {
	await control.scrollIntoViewIfNeeded();
	await expect(control).toBeEnabled();
}

/**
 * A live region as it is before anything happens. Screen readers only announce changes to a region
 * that was already in the page, so `says` checks that the text appears in this very element.
 */
export async function liveRegion(region: Locator): Promise<{ says: (text: string | RegExp) => Promise<void> }> {
	await expect(region).toHaveCount(1);
	const live = await region.evaluate((el) => ({ role: el.getAttribute('role'), ariaLive: el.getAttribute('aria-live') }));
	expect(['status', 'alert'].includes(live.role ?? '') || ['polite', 'assertive'].includes(live.ariaLive ?? ''), `${JSON.stringify(live)} is not a live region`).toBe(true);
	const before = await region.elementHandle();
	return {
		async says(text) {
			await expect(region).toContainText(text);
			expect(await region.evaluate((el, first) => el === first, before), 'the live region was replaced instead of updated').toBe(true);
		},
	};
}

/**
 * Asks for a reset link with the form of the recovery page already open, as a reader does: the
 * address typed, the button pressed, and the form's live region saying `done`. `t` is the page
 * language's translator.
 */
export async function requestResetOnPage(page: Page, t: (key: string) => string, email: string, done: string): Promise<void> {
	const form = page.locator('[data-widget="password-reset-request"]');
	const emailField = form.getByLabel(t('widgets.email.label'), { exact: true });
	await hydrated(emailField);
	const status = await liveRegion(form.getByRole('status'));
	await emailField.fill(email);
	await form.getByRole('button', { name: t('widgets.resetRequest.submit') }).click();
	await status.says(done);
}

/**
 * Opens an emailed confirmation link and presses its button, as a reader does; resolves once the
 * page says the address is confirmed. `t` is the link's language's translator.
 */
export async function confirmByLink(page: Page, t: (key: string) => string, link: string): Promise<void> {
	// From a blank page: a link that differs from the open page only by its #token would not reload it.
	await page.goto('about:blank');
	await page.goto(link);
	const widget = page.locator('[data-widget="confirm-email"]');
	const button = widget.getByRole('button', { name: t('widgets.confirm.submit') });
	await hydrated(button);
	const status = await liveRegion(widget.getByRole('status'));
	await button.click();
	await status.says(t('widgets.status.confirmed'));
}

/** Traccar's own sign-in on the Traccar test server, `POST /api/session` with the form's email and password: its HTTP status. */
export async function traccarSignIn(request: APIRequestContext, email: string, password: string): Promise<number> {
	const answer = await request.post(`${traccarTestUrl}/api/session`, { form: { email, password } });
	return answer.status();
}

/** One expected error of a form: its message and the label of the field it belongs to. */
export interface ExpectedError {
	message: string;
	field: Locator;
}

/**
 * Checks a form's error summary after a failed submit: it has focus, lists each message as a link,
 * and each field is marked invalid and described by its error. Pressing a link moves focus to its field.
 */
export async function expectErrorSummary(page: Page, scope: Locator, title: string, errors: ExpectedError[]): Promise<void> {
	// The summary is the focusable box around its heading (the heading locator is relative to it).
	const summary = scope.locator('[tabindex="-1"]', { has: page.getByRole('heading', { name: title }) });
	await expect(summary).toBeFocused();
	await expect(summary.getByRole('link')).toHaveText(errors.map((error) => error.message));
	for (const { message, field } of errors) {
		await expect(field).toHaveAttribute('aria-invalid', 'true');
		await expect(field).toHaveAccessibleDescription(new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
		// aria-describedby names an element that holds the message.
		const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
		const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
		expect(texts.some((text) => text?.includes(message)), `aria-describedby=${ids.join(' ')}`).toBe(true);
	}
	for (const { message, field } of errors) {
		await summary.getByRole('link', { name: message }).click();
		await expect(field).toBeFocused();
	}
}

/** An English countdown (“1 minute, 5 seconds”, “20 seconds”) as seconds. */
export function countdownSeconds(text: string | null): number {
	const minutes = /(\d+) minutes?/.exec(text ?? '');
	const seconds = /(\d+) seconds?/.exec(text ?? '');
	if (!minutes && !seconds) throw new Error(`no countdown in “${text}”`);
	return Number(minutes?.[1] ?? 0) * 60 + Number(seconds?.[1] ?? 0);
}
