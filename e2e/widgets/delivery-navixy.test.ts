/**
 * The timeline on a Navixy build (the example provider `rimal`: Arabic at the root, English and
 * French beside it), whose platform sends its own mail: the checker says when the platform took
 * the email, or that it could not send it, with the provider's contacts — and offers no address
 * correction, which the platform does not have.
 *
 * The provider's site is served here without an API (e2e/providers/serve.ts) and the Navixy
 * platform cannot run here, so the status answers come from the contract itself: each one is
 * parsed by `RegistrationStatusAnswerSchema` before the page gets it, in the shape the Navixy
 * backend gives (`handed_off` at the platform's acceptance, `platform_failed` for its code 209).
 */
import type { Page } from '@playwright/test';

import rimal from '../../src/providers/rimal/profile.ts';
import { RegistrationStatusAnswerSchema, type RegistrationStatusAnswer } from '../../src/signup/contract.ts';
import { expectNoAxeViolations } from '../axe.ts';
import { translator, type Lang } from '../harness/i18n.ts';
import { expect, test } from '../harness/fixtures.ts';
import { providerUrl } from '../providers/ports.ts';

const paths = { ar: '/', en: '/en/', fr: '/fr/' } as const satisfies Partial<Record<Lang, string>>;
const email = 'anna@example.com';
const receipt = 'n'.repeat(43);

/** Opens rimal's checker with a receipt in storage, its status answered with `answer` (checked against the contract). */
async function openRimalChecker(page: Page, lang: keyof typeof paths, answer: RegistrationStatusAnswer) {
	const body = JSON.stringify(RegistrationStatusAnswerSchema.parse(answer));
	await page.route('**/api/v1/registrations/status', (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
	await page.addInitScript(([value]) => localStorage.setItem('signup.receipt', value!), [JSON.stringify({ receipt, email, at: Date.now() })]);
	await page.goto(providerUrl('rimal', `${paths[lang]}confirm-email/`));
	const checker = page.locator('#confirmation-status');
	await checker.scrollIntoViewIfNeeded();
	return { checker, timeline: checker.locator('#delivery-status') };
}

for (const lang of Object.keys(paths) as (keyof typeof paths)[]) {
	test.describe(`rimal (Navixy), in ${lang}`, () => {
		const t = translator(lang);

		test('the platform took the email: when, and no address correction', async ({ page }) => {
			const at = new Date().toISOString();
			const { checker, timeline } = await openRimalChecker(page, lang, { status: 'pending', delivery: { email, events: [{ kind: 'handed_off', at }] } });
			await expect(timeline).toHaveText(new RegExp(t('widgets.delivery.handedOff').split(/\{\{time\}\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+')));
			await expect(timeline.locator('time')).toHaveAttribute('datetime', at);
			await expect(checker.getByRole('button', { name: t('widgets.change.open') })).toHaveCount(0);
			await expect(checker.getByRole('button', { name: t('widgets.register.correct') })).toHaveCount(0);
		});

		test('the platform could not send it (code 209): a clear message with the provider’s contacts', async ({ page }) => {
			test.setTimeout(60_000);
			const { checker, timeline } = await openRimalChecker(page, lang, { status: 'pending', delivery: { email, events: [{ kind: 'platform_failed', at: new Date().toISOString() }] } });
			await expect(timeline).toHaveText(t('widgets.delivery.platformFailed'));
			const contacts = checker.locator('.widget-contacts');
			if (rimal.support.email) await expect(contacts.getByRole('link', { name: rimal.support.email })).toHaveAttribute('href', `mailto:${rimal.support.email}`);
			if (rimal.support.phone) await expect(contacts).toContainText(rimal.support.phone);
			await expect(checker.getByRole('button', { name: t('widgets.change.open') })).toHaveCount(0);
			await expectNoAxeViolations(page, 'showing the platform’s failure');
		});
	});
}
