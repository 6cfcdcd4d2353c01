// @vitest-environment happy-dom
/**
 * What the person waiting sees of their email: each state of the latest email's timeline in the
 * status checker, announced once, and the correction of a mistyped address — from the checker and
 * from the registration's success screen — with every problem answer.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { h } from 'preact';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';

import english from '../../content/i18n/en.json';
import type { Delivery, DeliveryEvent, Settings } from '../../signup/contract.ts';
import { nistPasswordPolicy } from '../../signup/password-policy.ts';
import { callApi } from '../lib/api.ts';
import { forgetLiveSettings } from '../lib/live-settings.ts';
import { readReceipt, saveReceipt } from '../lib/receipt.ts';
import { pickKeys, translator } from '../lib/strings.ts';
import { formatClockTime } from '../lib/time.ts';
import { ConfirmationStatusWidget, confirmationStatusKeys } from './ConfirmationStatusWidget.tsx';
import { RegistrationWidget, registrationKeys } from './RegistrationWidget.tsx';

vi.mock('../lib/api.ts', () => ({ callApi: vi.fn(), preloadApi: vi.fn(async () => ({})) }));
const api = vi.mocked(callApi);

const t = translator(english);
const support = { email: 'help@example.com', phone: '+1 555 0100' };
const sender = 'no-reply@example.com';
const receipt = 'r'.repeat(40);
const features: Settings['features'] = { confirmationCode: true, registrationStatus: true, passwordReset: true, passwordResetRequest: true, confirmPage: true, existsNotice: true, deliveryTimeline: true, addressChange: true };

function settings(changes: Partial<Settings['features']> = {}): Settings {
	return {
		providerName: null,
		selfRegistration: true,
		passwordPolicy: nistPasswordPolicy,
		resendCooldownSeconds: 300,
		confirmationTtlSeconds: 86_400,
		codeLength: 6,
		loginUrl: 'https://login.example.com/',
		senderAddress: sender,
		support,
		features: { ...features, ...changes },
	};
}

type Answer = { ok: true; data: unknown } | { ok: false; problem: { code: string; retryAfter?: number } };

/** The server: each endpoint answers from its list, one per call, the last one repeating. */
function serve(answers: Record<string, Answer[]>) {
	const asked: Record<string, number> = {};
	api.mockImplementation((async (name: string) => {
		const list = answers[name];
		if (!list) throw new Error(`unexpected call ${name}`);
		const n = (asked[name] = (asked[name] ?? 0) + 1);
		return list[Math.min(n, list.length) - 1];
	}) as never);
}
const ok = (data: unknown): Answer => ({ ok: true, data });
const problem = (code: string, more: { retryAfter?: number } = {}): Answer => ({ ok: false, problem: { code, ...more } });
const calls = (name: string) => api.mock.calls.filter(([called]) => called === name);

beforeEach(() => {
	localStorage.clear();
	forgetLiveSettings();
	api.mockReset();
});
afterEach(cleanup);

const at = '2026-12-01T10:04:00.000Z';
const next = '2026-12-01T10:20:00.000Z';
const clock = (iso: string) => formatClockTime(iso, 'en', { timeZone: 'UTC' });

function pending(email: string, events: DeliveryEvent[]): Answer {
	const delivery: Delivery = { email, events };
	return ok({ status: 'pending', delivery });
}

function renderChecker(options: { features?: Partial<Settings['features']>; senderAddress?: string } = {}) {
	return render(
		h(ConfirmationStatusWidget, {
			strings: pickKeys(english, confirmationStatusKeys),
			lang: 'en',
			loginUrl: 'https://login.example.com/',
			senderAddress: 'senderAddress' in options ? options.senderAddress : sender,
			support,
			features: { ...features, ...options.features },
			signUpUrl: '/sign-up/',
			timeZone: 'UTC',
		}),
	);
}

/** A checker following `email`'s registration; resolves once its timeline shows. */
async function follow(email: string, answers: Record<string, Answer[]>, options: Parameters<typeof renderChecker>[0] = {}) {
	saveReceipt({ receipt, email, at: Date.now() });
	serve({ settings: [ok(settings())], ...answers });
	const view = renderChecker(options);
	const region = () => view.container.querySelector('#delivery-status')!;
	await waitFor(() => expect(calls('registrationStatus').length).toBeGreaterThan(0));
	return { ...view, region };
}

/** Makes the checker ask again at once (what another tab confirming does). */
function pollNow() {
	window.dispatchEvent(new StorageEvent('storage', { key: 'signup.confirmed' }));
}

describe('each state of the latest email, in plain words', () => {
	const cases: { name: string; events: DeliveryEvent[]; says: string; problem?: boolean; correct?: boolean; contacts?: boolean; senderAddress?: string }[] = [
		{ name: 'queued', events: [{ kind: 'queued', at }], says: t('widgets.delivery.queued', { time: clock(at) }), problem: false },
		{
			name: 'sent: accepted by the recipient’s server, with where to look and what to search for',
			events: [{ kind: 'queued', at }, { kind: 'sent', at, domain: 'gmail.com', reply: '250 2.0.0 OK' }],
			says: t('widgets.delivery.sent', { time: clock(at), domain: 'gmail.com', sender }), problem: false,
		},
		{
			name: 'sent, where the provider names no sender',
			events: [{ kind: 'sent', at, domain: 'gmail.com' }],
			says: t('widgets.delivery.sentNoSender', { time: clock(at), domain: 'gmail.com' }), problem: false,
			senderAddress: '',
		},
		{
			name: 'deferred, with the next attempt',
			events: [{ kind: 'queued', at }, { kind: 'deferred', at, nextAttemptAt: next, reply: '451 4.3.0 Try again later' }],
			says: t('widgets.delivery.deferred', { time: clock(next) }), problem: false,
		},
		{ name: 'deferred, without a time', events: [{ kind: 'deferred', at }], says: t('widgets.delivery.deferredSoon'), problem: false },
		{ name: 'failed: no such mailbox (5.1.1)', events: [{ kind: 'failed', at, reason: 'no_mailbox', reply: '550 5.1.1 No such user' }], says: t('widgets.delivery.noMailbox'), correct: true },
		{ name: 'bounced later: no such mailbox', events: [{ kind: 'sent', at, domain: 'example.com' }, { kind: 'bounced', at, reason: 'no_mailbox' }], says: t('widgets.delivery.noMailbox'), correct: true },
		{ name: 'failed: no mail server for the domain', events: [{ kind: 'failed', at, reason: 'no_mail_server' }], says: t('widgets.delivery.noMailServer', { domain: 'gmial.com' }), correct: true },
		{ name: 'failed: mailbox full (5.2.2)', events: [{ kind: 'failed', at, reason: 'mailbox_full' }], says: t('widgets.delivery.mailboxFull') },
		{ name: 'failed: refused as spam (5.7.1)', events: [{ kind: 'failed', at, reason: 'rejected' }], says: t('widgets.delivery.rejected', { sender }) },
		{ name: 'failed: refused as spam, no sender to name', events: [{ kind: 'failed', at, reason: 'rejected' }], says: t('widgets.delivery.rejectedNoSender'), contacts: true, senderAddress: '' },
		{ name: 'failed for another reason', events: [{ kind: 'failed', at, reason: 'other' }], says: t('widgets.delivery.refused'), correct: true, contacts: true },
		{ name: 'complained', events: [{ kind: 'sent', at }, { kind: 'complained', at }], says: t('widgets.delivery.complained'), contacts: true },
		{ name: 'suppressed after a hard bounce', events: [{ kind: 'suppressed', at, reason: 'no_mailbox' }], says: t('widgets.delivery.suppressedNoMailbox'), correct: true, contacts: true },
		{ name: 'suppressed after undelivered emails', events: [{ kind: 'suppressed', at, reason: 'mailbox_full' }], says: t('widgets.delivery.suppressedBounced'), correct: true, contacts: true },
		{ name: 'suppressed after a spam complaint', events: [{ kind: 'suppressed', at, reason: 'rejected' }], says: t('widgets.delivery.suppressedSpam'), correct: true, contacts: true },
		{ name: 'handed off to the platform (Navixy)', events: [{ kind: 'handed_off', at }], says: t('widgets.delivery.handedOff', { time: clock(at) }), problem: false },
		{ name: 'the platform could not send (Navixy 209)', events: [{ kind: 'platform_failed', at }], says: t('widgets.delivery.platformFailed'), contacts: true },
		{ name: 'replaced by a newer registration before it went out', events: [{ kind: 'queued', at }, { kind: 'replaced', at }], says: t('widgets.delivery.replaced'), problem: false },
	];

	test.each(cases)('$name', async ({ events, says, problem: isProblem = true, correct = false, contacts = false, senderAddress }) => {
		const view = await follow('anna@gmial.com', { registrationStatus: [pending('anna@gmial.com', events)] }, senderAddress === undefined ? {} : { senderAddress });
		await waitFor(() => expect(view.region().textContent).toBe(says));
		expect(view.region().getAttribute('aria-live')).toBe('polite');
		expect(view.region().classList.contains('widget-delivery--problem')).toBe(isProblem);
		// The correction is offered for every pending registration; the contacts only where the provider must act.
		// …and leads (a primary button) where the address looks wrong.
		expect(screen.getByRole('button', { name: t('widgets.change.open') }).classList.contains('widget-button--secondary')).toBe(!correct);
		const contactList = view.container.querySelector('.widget-contacts');
		expect(Boolean(contactList), 'contacts').toBe(contacts);
		if (contacts) expect(within(contactList as HTMLElement).getByRole('link', { name: support.email }).getAttribute('href')).toBe(`mailto:${support.email}`);
		expect(view.container.textContent).not.toMatch(/widgets\.\w|contacts\.\w/);
	});

	test('times are read in the reader’s language, zone named, and the values isolated as one piece', async () => {
		const view = await follow('anna@gmail.com', { registrationStatus: [pending('anna@gmail.com', [{ kind: 'sent', at, domain: 'gmail.com' }])] });
		await waitFor(() => expect(view.region().querySelector('time')).not.toBeNull());
		const time = view.region().querySelector('time')!;
		expect(time.getAttribute('dateTime')).toBe(at);
		expect(time.textContent).toMatch(/UTC/);
		const isolated = [...view.region().querySelectorAll('bdi')].map((bdi) => [bdi.textContent, bdi.getAttribute('dir')]);
		expect(isolated).toEqual([
			['gmail.com', 'ltr'],
			[sender, 'ltr'],
		]);
		expect(formatClockTime(at, 'ar', { timeZone: 'UTC', now: Date.parse(at) })).toMatch(/^10:04/);
		expect(formatClockTime(at, 'fr', { timeZone: 'Europe/Paris', now: Date.parse(at) })).toBe('11:04 UTC+1');
		expect(formatClockTime(at, 'en', { timeZone: 'UTC', now: Date.parse('2026-12-03T00:00:00Z') })).toMatch(/Dec 1/);
	});

	test('a new state is announced; the same state at the next poll changes nothing', async () => {
		const deferred = pending('anna@gmail.com', [{ kind: 'queued', at }, { kind: 'deferred', at, nextAttemptAt: next }]);
		const sent = pending('anna@gmail.com', [{ kind: 'queued', at }, { kind: 'deferred', at, nextAttemptAt: next }, { kind: 'sent', at: next, domain: 'gmail.com' }]);
		const view = await follow('anna@gmail.com', { registrationStatus: [deferred, deferred, deferred, sent] });
		await waitFor(() => expect(view.region().textContent).toBe(t('widgets.delivery.deferred', { time: clock(next) })));
		const changes: MutationRecord[] = [];
		const observer = new MutationObserver((records) => changes.push(...records));
		observer.observe(view.region(), { subtree: true, childList: true, characterData: true, attributes: true });
		for (const n of [2, 3]) {
			pollNow();
			await waitFor(() => expect(calls('registrationStatus')).toHaveLength(n));
			await new Promise((done) => setTimeout(done, 20));
		}
		expect(changes).toEqual([]);
		pollNow();
		await waitFor(() => expect(view.region().textContent).toBe(t('widgets.delivery.sent', { time: clock(next), domain: 'gmail.com', sender })));
		expect(changes.length).toBeGreaterThan(0);
		observer.disconnect();
	});

	test('once confirmed, the timeline and the correction go away', async () => {
		const view = await follow('anna@gmail.com', { registrationStatus: [ok({ status: 'confirmed', delivery: { email: 'anna@gmail.com', events: [{ kind: 'sent', at }] } })] });
		await screen.findByText(t('widgets.status.confirmed'));
		expect(view.container.querySelector('#delivery-status')).toBeNull();
		expect(screen.queryByRole('button', { name: t('widgets.change.open') })).toBeNull();
	});
});

describe('what the backend offers', () => {
	test('a Navixy build (no address change): the platform’s failure with the contacts, no correction control', async () => {
		const view = await follow('anna@example.com', { registrationStatus: [pending('anna@example.com', [{ kind: 'platform_failed', at }])] }, { features: { addressChange: false, confirmationCode: false } });
		await waitFor(() => expect(view.region().textContent).toBe(t('widgets.delivery.platformFailed')));
		expect(view.container.querySelector('.widget-contacts')).not.toBeNull();
		expect(screen.queryByRole('button', { name: t('widgets.change.open') })).toBeNull();
		expect(view.container.textContent).not.toContain(t('widgets.change.title'));
	});

	test('without the correction, a wrong address leads to registering again', async () => {
		const view = await follow('anna@example.com', { registrationStatus: [pending('anna@example.com', [{ kind: 'failed', at, reason: 'no_mailbox' }])] }, { features: { addressChange: false } });
		await waitFor(() => expect(view.region().textContent).toBe(t('widgets.delivery.noMailbox')));
		expect(screen.getByRole('link', { name: t('widgets.change.registerAgain') }).getAttribute('href')).toBe('/sign-up/');
		expect(screen.queryByRole('button', { name: t('widgets.change.open') })).toBeNull();
	});

	test('the server’s live settings turn the correction off even when the build had it', async () => {
		saveReceipt({ receipt, email: 'anna@example.com', at: Date.now() });
		serve({ settings: [ok(settings({ addressChange: false }))], registrationStatus: [pending('anna@example.com', [{ kind: 'sent', at }])] });
		renderChecker();
		await waitFor(() => expect(calls('settings')).toHaveLength(1));
		await waitFor(() => expect(screen.queryByRole('button', { name: t('widgets.change.open') })).toBeNull());
	});

	test('without the timeline feature nothing of it shows', async () => {
		const view = await follow('anna@example.com', { registrationStatus: [pending('anna@example.com', [{ kind: 'sent', at }])] }, { features: { deliveryTimeline: false } });
		await new Promise((done) => setTimeout(done, 20));
		expect(view.container.querySelector('#delivery-status')).toBeNull();
	});
});

describe('“That’s not my address” in the checker', () => {
	const failed = (email: string) => pending(email, [{ kind: 'failed', at, reason: 'no_mailbox' }]);

	async function openCorrection(answers: Record<string, Answer[]>) {
		const view = await follow('anna@gmial.com', { registrationStatus: [failed('anna@gmial.com')], ...answers });
		const open = await screen.findByRole('button', { name: t('widgets.change.open') });
		fireEvent.click(open);
		const field = (await screen.findByLabelText(t('widgets.change.label'))) as HTMLInputElement;
		return { ...view, field, submit: () => fireEvent.click(screen.getByRole('button', { name: t('widgets.change.submit') })) };
	}

	test('the form: labelled, described, starting from the address used, with the typo suggestion; cancel returns to the button', async () => {
		const { field } = await openCorrection({});
		const form = screen.getByRole('form', { name: t('widgets.change.title') });
		await waitFor(() => expect(document.activeElement).toBe(field));
		expect(field.value).toBe('anna@gmial.com');
		const description = field.getAttribute('aria-describedby')!.split(' ').map((id) => document.getElementById(id)?.textContent).join(' ');
		expect(description).toContain(t('widgets.change.hint', { email: 'anna@gmial.com' }));
		expect(description).toContain(t('widgets.email.suggestion', { suggestion: 'anna@gmail.com' }));
		fireEvent.click(within(form).getByRole('button', { name: t('widgets.email.useSuggestion', { suggestion: 'anna@gmail.com' }) }));
		expect(field.value).toBe('anna@gmail.com');

		fireEvent.click(screen.getByRole('button', { name: t('widgets.change.cancel') }));
		const open = await screen.findByRole('button', { name: t('widgets.change.open') });
		await waitFor(() => expect(document.activeElement).toBe(open));
		expect(calls('changeAddress')).toHaveLength(0);
	});

	test('the same address or none: the error summary takes focus, nothing is sent', async () => {
		const { field, submit } = await openCorrection({});
		submit();
		const summary = await screen.findByRole('heading', { name: t('widgets.form.errorTitle') });
		await waitFor(() => expect(document.activeElement).toBe(summary.closest('[tabindex="-1"]')));
		expect(screen.getByRole('link', { name: t('widgets.change.same') })).toBeTruthy();
		expect(field.getAttribute('aria-invalid')).toBe('true');
		fireEvent.input(field, { target: { value: '' } });
		submit();
		await screen.findByRole('link', { name: t('widgets.form.emailMissing') });
		expect(calls('changeAddress')).toHaveLength(0);
	});

	test('fixed: the checker follows the new address, names it, and the resend countdown starts again', async () => {
		const { container, field, submit } = await openCorrection({
			changeAddress: [ok({ status: 'pending', resendAfterSeconds: 300 })],
			registrationStatus: [failed('anna@gmial.com'), pending('anna@gmail.com', [{ kind: 'sent', at: next, domain: 'gmail.com' }])],
		});
		fireEvent.input(field, { target: { value: ' anna@gmail.com ' } });
		submit();
		await waitFor(() => expect(calls('changeAddress')).toHaveLength(1));
		expect(calls('changeAddress')[0]![1]).toEqual({ receipt, email: 'anna@gmail.com', locale: 'en' });
		const statusLine = await screen.findByText((_, element) => element?.tagName === 'P' && element.textContent === t('widgets.status.pending', { email: 'anna@gmail.com' }));
		await waitFor(() => expect(document.activeElement).toBe(statusLine));
		expect(statusLine.querySelector('bdi')!.textContent).toBe('anna@gmail.com');
		expect(readReceipt()).toMatchObject({ receipt, email: 'anna@gmail.com' });
		// The timeline shown is the new email's, asked for at once.
		await waitFor(() => expect(container.querySelector('#delivery-status')!.textContent).toBe(t('widgets.delivery.sent', { time: clock(next), domain: 'gmail.com', sender })));
		// The resend form now speaks of the new address and waits out the new email's cooldown.
		expect((screen.getByLabelText(t('widgets.email.label')) as HTMLInputElement).value).toBe('anna@gmail.com');
		expect(screen.getByRole('button', { name: t('widgets.resend.submit') }).getAttribute('aria-disabled')).toBe('true');
		expect(document.getElementById('status-resend-note')!.textContent).toMatch(/You can ask again in (5 minutes|4 minutes)/);
		expect(screen.queryByLabelText(t('widgets.change.label'))).toBeNull();
	});

	test('a refused address: its error under the field and in the summary', async () => {
		const { field, submit } = await openCorrection({ changeAddress: [problem('invalid_email')] });
		fireEvent.input(field, { target: { value: 'anna@gmail.com' } });
		submit();
		await screen.findByRole('link', { name: t('widgets.problem.invalid_email') });
		expect(field.getAttribute('aria-invalid')).toBe('true');
		expect(readReceipt()?.email).toBe('anna@gmial.com');
	});

	test('too many attempts: the wait, in words, in the alert region', async () => {
		const { field, submit } = await openCorrection({ changeAddress: [problem('rate_limited', { retryAfter: 300 })] });
		fireEvent.input(field, { target: { value: 'anna@gmail.com' } });
		submit();
		const alert = await screen.findByText(t('widgets.problem.rate_limited', { when: 'in 5 minutes' }));
		expect(alert.closest('[role="alert"]')).not.toBeNull();
		expect(field.value).toBe('anna@gmail.com');
	});

	test.each([
		['too_many_changes', t('widgets.problem.too_many_changes')],
		['invalid_receipt', t('widgets.change.lost')],
	])('%s: the reader is told to register again, with the way there', async (code, message) => {
		const { field, submit } = await openCorrection({ changeAddress: [problem(code)] });
		fireEvent.input(field, { target: { value: 'anna@gmail.com' } });
		submit();
		const alert = (await screen.findByText(message)).closest('[role="alert"]') as HTMLElement;
		expect(within(alert).getByRole('link', { name: t('widgets.change.registerAgain') }).getAttribute('href')).toBe('/sign-up/');
	});
});

describe('the registration’s success screen', () => {
	function renderRegistration(addressChange: boolean) {
		return render(
			h(RegistrationWidget, {
				strings: pickKeys(english, registrationKeys),
				lang: 'en',
				policy: nistPasswordPolicy,
				support,
				statusUrl: '/confirm-email/#confirmation-status',
				signUpUrl: '/sign-up/',
				features: { confirmationCode: true, addressChange },
			}),
		);
	}

	async function register(email: string) {
		const emailField = await screen.findByLabelText(t('widgets.email.label'));
		await waitFor(() => expect((emailField as HTMLInputElement).disabled).toBe(false));
		fireEvent.focusIn(emailField);
		fireEvent.input(emailField, { target: { value: email } });
		fireEvent.input(screen.getByLabelText(t('widgets.password.label')), { target: { value: 'violet tractor umbrella sings 42' } });
		fireEvent.click(screen.getByRole('button', { name: t('widgets.register.submit') }));
		return screen.findByRole('heading', { name: t('widgets.register.successTitle') });
	}

	test('names the address and corrects it in place: the same registration moves to the new address', async () => {
		serve({ settings: [ok(settings())], register: [ok({ receipt, status: 'pending', resendAfterSeconds: 300 })], changeAddress: [ok({ status: 'pending', resendAfterSeconds: 300 })] });
		const { container } = renderRegistration(true);
		const heading = await register('anna@gmial.com');
		const done = heading.parentElement!;
		expect(done.textContent).toContain(t('widgets.register.successBody', { email: 'anna@gmial.com' }));
		fireEvent.click(within(done).getByRole('button', { name: t('widgets.register.correct') }));
		const field = (await screen.findByLabelText(t('widgets.change.label'))) as HTMLInputElement;
		await waitFor(() => expect(document.activeElement).toBe(field));
		// The form sits outside the status region: typing in it is not announced as the registration's status.
		expect(field.closest('[role="status"]')).toBeNull();
		fireEvent.click(screen.getByRole('button', { name: t('widgets.email.useSuggestion', { suggestion: 'anna@gmail.com' }) }));
		fireEvent.click(screen.getByRole('button', { name: t('widgets.change.submit') }));
		await waitFor(() => expect(done.textContent).toContain(t('widgets.register.successBody', { email: 'anna@gmail.com' })));
		expect(calls('changeAddress')[0]![1]).toEqual({ receipt, email: 'anna@gmail.com', locale: 'en' });
		expect(calls('register')).toHaveLength(1);
		expect(readReceipt()).toMatchObject({ receipt, email: 'anna@gmail.com' });
		const body = within(done).getByText((_, element) => element?.tagName === 'P' && element.textContent === t('widgets.register.successBody', { email: 'anna@gmail.com' }));
		await waitFor(() => expect(document.activeElement).toBe(body));
		expect(container.textContent).not.toMatch(/widgets\.\w|contacts\.\w/);
	});

	test('without address changes on the backend, “correct it” goes back to the form', async () => {
		serve({ settings: [ok(settings({ addressChange: false }))], register: [ok({ receipt, status: 'pending', resendAfterSeconds: 300 })] });
		renderRegistration(false);
		const heading = await register('anna@gmial.com');
		fireEvent.click(within(heading.parentElement!).getByRole('button', { name: t('widgets.register.correct') }));
		const emailField = (await screen.findByLabelText(t('widgets.email.label'))) as HTMLInputElement;
		expect(emailField.value).toBe('anna@gmial.com');
		expect(screen.queryByLabelText(t('widgets.change.label'))).toBeNull();
	});
});
