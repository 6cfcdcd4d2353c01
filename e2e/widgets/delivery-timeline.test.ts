/**
 * What the person waiting sees of their email, in a real browser against the real server and the
 * test SMTP server, in English, French and Arabic: accepted (when, by which domain, what to search
 * for), asked to retry (the next attempt, then accepted), no such mailbox, mailbox full, refused as
 * spam, and not sent because of an earlier hard bounce — each in the checker's polite live region,
 * updated in place, with no accessibility violations.
 */
import { expectNoAxeViolations } from '../axe.ts';
import { openChecker } from '../harness/follow.ts';
import { dirOf, pattern, translator, type Lang } from '../harness/i18n.ts';
import { mainResendCooldownSeconds } from '../harness/instances.ts';
import { expect, liveRegion, registerViaApi, test } from '../harness/fixtures.ts';
import { replyTo, tagged } from '../harness/mail.ts';

const sender = 'no-reply@example.com';

for (const lang of ['en', 'fr', 'ar'] as const satisfies Lang[]) {
	test.describe(`in ${lang}`, () => {
		const t = translator(lang);

		test('accepted by the recipient’s server: when, which domain, where to look and what to search for', async ({ page, request, newAddress }) => {
			// axe on a whole page takes its time on a busy machine.
			test.setTimeout(60_000);
			const email = newAddress();
			const receipt = await registerViaApi(request, { email, locale: lang });
			const { timeline } = await openChecker(page, { receipt, email, lang });
			await expect(timeline).toHaveText(pattern(lang, 'widgets.delivery.sent'));
			await expect(timeline).toHaveAttribute('aria-live', 'polite');
			// The time in Western digits with its zone named, the machine-readable moment beside it.
			const time = timeline.locator('time');
			await expect(time).toHaveText(/\d{1,2}:\d{2}/);
			expect(Date.parse((await time.getAttribute('datetime'))!)).toBeGreaterThan(Date.now() - 60_000);
			// Domain and sender stay whole, left to right, even inside Arabic.
			await expect(timeline.locator('bdi[dir="ltr"]')).toHaveText(['example.com', sender]);
			await expect(page.locator('html')).toHaveAttribute('dir', dirOf(lang));
			await expectNoAxeViolations(page, 'showing an accepted email');
		});

		test('asked to retry: the next attempt’s time, then accepted, in the same live region', async ({ page, request, newAddress }) => {
			test.setTimeout(60_000);
			const email = newAddress();
			// Four refusals in a row (0.5 + 1 + 2 + 4 s of waits), long enough to be seen, then accepted.
			await replyTo(email, Array.from({ length: 4 }, () => ({ code: 451, text: '4.3.0 Try again later' })));
			const receipt = await registerViaApi(request, { email, locale: lang });
			const { timeline } = await openChecker(page, { receipt, email, lang });
			const announced = await liveRegion(timeline);
			await announced.says(pattern(lang, 'widgets.delivery.deferred'));
			await expect(timeline.locator('time')).toHaveText(/\d{1,2}:\d{2}/);
			await expectNoAxeViolations(page, 'showing a deferred email');
			await expect(timeline).toHaveText(pattern(lang, 'widgets.delivery.sent'), { timeout: 30_000 });
			await announced.says(pattern(lang, 'widgets.delivery.sent'));
		});

		test('no such mailbox (5.1.1): said plainly, and the correction leads', async ({ page, request, newAddress }) => {
			test.setTimeout(60_000);
			const email = tagged(newAddress(), 550);
			const receipt = await registerViaApi(request, { email, locale: lang });
			const { checker, timeline } = await openChecker(page, { receipt, email, lang });
			await expect(timeline).toHaveText(t('widgets.delivery.noMailbox'));
			const correct = checker.getByRole('button', { name: t('widgets.change.open') });
			await expect(correct).toBeVisible();
			await expect(correct).not.toHaveClass(/widget-button--secondary/);
			await expectNoAxeViolations(page, 'showing an address that does not exist');
		});

		test('mailbox full (5.2.2)', async ({ page, request, newAddress }) => {
			const email = tagged(newAddress(), 552);
			const receipt = await registerViaApi(request, { email, locale: lang });
			const { timeline } = await openChecker(page, { receipt, email, lang });
			await expect(timeline).toHaveText(t('widgets.delivery.mailboxFull'));
		});

		test('refused as spam (5.7.1): add the sender to the contacts, then send again', async ({ page, request, newAddress }) => {
			const email = tagged(newAddress(), 554);
			const receipt = await registerViaApi(request, { email, locale: lang });
			const { timeline } = await openChecker(page, { receipt, email, lang });
			await expect(timeline).toHaveText(t('widgets.delivery.rejected', { sender }));
			await expect(timeline.locator('bdi.widget-address')).toHaveText(sender);
		});

		test('not sent after an earlier hard bounce: why, the correction, and the provider’s contacts', async ({ page, request, newAddress }) => {
			test.setTimeout(60_000 + mainResendCooldownSeconds * 1000);
			const email = tagged(newAddress(), 550);
			const first = await registerViaApi(request, { email, locale: lang });
			const bounced = await openChecker(page, { receipt: first, email, lang });
			await expect(bounced.timeline).toHaveText(t('widgets.delivery.noMailbox'));
			// Once the address's cooldown is over, registering again makes an email that is not sent.
			await page.waitForTimeout((mainResendCooldownSeconds + 1) * 1000);
			const again = await registerViaApi(request, { email, locale: lang });
			await page.evaluate(([value]) => localStorage.setItem('signup.receipt', value!), [JSON.stringify({ receipt: again, email, at: Date.now() })]);
			await page.reload();
			const { checker, timeline } = { checker: page.locator('#confirmation-status'), timeline: page.locator('#delivery-status') };
			await expect(timeline).toHaveText(t('widgets.delivery.suppressedNoMailbox'));
			await expect(checker.locator('.widget-contacts')).toBeVisible();
			await expect(checker.getByRole('button', { name: t('widgets.change.open') })).toBeVisible();
			await expectNoAxeViolations(page, 'showing a suppressed address');
		});
	});
}

test.describe('dark theme', () => {
	test.use({ colorScheme: 'dark' });

	test('a refused address, the contacts and the correction form have no accessibility violations', async ({ page, request, newAddress }) => {
		test.setTimeout(90_000);
		const t = translator('en');
		const email = tagged(newAddress(), 550);
		const receipt = await registerViaApi(request, { email });
		const { checker, timeline } = await openChecker(page, { receipt, email, lang: 'en' });
		await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
		await expect(timeline).toHaveText(t('widgets.delivery.noMailbox'));
		await expectNoAxeViolations(page, 'showing an address that does not exist, dark');
		await checker.getByRole('button', { name: t('widgets.change.open') }).click();
		await checker.getByRole('button', { name: t('widgets.change.submit') }).click();
		await expect(checker.getByRole('heading', { name: t('widgets.form.errorTitle') })).toBeVisible();
		await expectNoAxeViolations(page, 'with the correction form’s error, dark');
	});
});
