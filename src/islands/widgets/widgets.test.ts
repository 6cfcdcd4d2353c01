// @vitest-environment happy-dom
/**
 * The widgets in a DOM without a browser: what they show for the backend's features, what they
 * tell after a registration, and how they follow the server's live settings.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { h } from 'preact';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';

import english from '../../content/i18n/en.json';
import type { Settings } from '../../signup/contract.ts';
import { navixyPasswordPolicy, nistPasswordPolicy } from '../../signup/password-policy.ts';
import { callApi } from '../lib/api.ts';
import { forgetLiveSettings } from '../lib/live-settings.ts';
import { pickKeys, translator } from '../lib/strings.ts';
import { ConfirmEmailWidget, confirmEmailKeys } from './ConfirmEmailWidget.tsx';
import { ConfirmationStatusWidget, confirmationStatusKeys } from './ConfirmationStatusWidget.tsx';
import { RegistrationWidget, registrationKeys } from './RegistrationWidget.tsx';

vi.mock('../lib/api.ts', () => ({ callApi: vi.fn(), preloadApi: vi.fn(async () => ({})) }));
const api = vi.mocked(callApi);

const t = translator(english);
const support = { email: 'help@example.com', phone: '+1 555 0100' };
const allOn: Settings['features'] = { confirmationCode: true, registrationStatus: true, passwordReset: true, passwordResetRequest: true, confirmPage: true, existsNotice: true, deliveryTimeline: true, addressChange: true };

/** The server's settings answer, as the built-in backend gives it, with `changes`. */
function settings(changes: Partial<Settings> = {}): Settings {
	return {
		providerName: null,
		selfRegistration: true,
		passwordPolicy: nistPasswordPolicy,
		resendCooldownSeconds: 300,
		confirmationTtlSeconds: 86_400,
		codeLength: 6,
		loginUrl: 'https://login.example.com/',
		senderAddress: 'no-reply@example.com',
		support,
		features: allOn,
		...changes,
	};
}

/** Answers each endpoint by name; an endpoint without an answer fails the test. */
function serve(answers: Partial<Record<string, unknown>>) {
	api.mockImplementation((async (name: string) => {
		if (!(name in answers)) throw new Error(`unexpected call ${name}`);
		return { ok: true, data: answers[name] };
	}) as never);
}

const calls = (name: string) => api.mock.calls.filter(([called]) => called === name);

beforeEach(() => {
	localStorage.clear();
	forgetLiveSettings();
	api.mockReset();
});
afterEach(cleanup);

/** No raw key on screen: every string the widget showed was among those it declared. */
function expectNoRawKeys(container: Element) {
	expect(container.textContent).not.toMatch(/widgets\.\w|contacts\.\w/);
}

function renderRegistration(features = { confirmationCode: true, addressChange: false }) {
	return render(
		h(RegistrationWidget, {
			strings: pickKeys(english, registrationKeys),
			lang: 'en',
			policy: nistPasswordPolicy,
			support,
			statusUrl: '/confirm-email/#confirmation-status',
			signUpUrl: '/sign-up/',
			features,
		}),
	);
}

const goodPassword = 'violet tractor umbrella sings 42';

async function register(email: string) {
	const emailField = await screen.findByLabelText(t('widgets.email.label'));
	await waitFor(() => expect((emailField as HTMLInputElement).disabled).toBe(false));
	fireEvent.focusIn(emailField);
	fireEvent.input(emailField, { target: { value: email } });
	fireEvent.input(screen.getByLabelText(t('widgets.password.label')), { target: { value: goodPassword } });
	fireEvent.click(screen.getByRole('button', { name: t('widgets.register.submit') }));
}

test('after registering, the success screen names the address and leads back to correct it', async () => {
	serve({ settings: settings(), register: { receipt: 'r'.repeat(40), status: 'pending', resendAfterSeconds: 300 } });
	const { container } = renderRegistration();
	await register('anna@gmail.com');
	const heading = await screen.findByRole('heading', { name: t('widgets.register.successTitle') });
	const done = heading.parentElement!;
	expect(done.textContent).toContain(t('widgets.register.successBody', { email: 'anna@gmail.com' }));
	expect(done.textContent).toContain(t('widgets.register.successNext'));
	expectNoRawKeys(container);

	fireEvent.click(within(done).getByRole('button', { name: t('widgets.register.correct') }));
	const emailField = await screen.findByLabelText(t('widgets.email.label'));
	expect((emailField as HTMLInputElement).value).toBe('anna@gmail.com');
	await waitFor(() => expect(document.activeElement).toBe(emailField));
	expect(calls('register')).toHaveLength(1);
});

test('without codes on the backend, the success screen speaks of the link only', async () => {
	serve({ settings: settings(), register: { receipt: 'r'.repeat(40), status: 'pending', resendAfterSeconds: 300 } });
	const { container } = renderRegistration({ confirmationCode: false, addressChange: false });
	await register('anna@example.com');
	await screen.findByRole('heading', { name: t('widgets.register.successTitle') });
	expect(container.textContent).toContain(t('widgets.register.successNextLink'));
	expect(container.textContent).not.toMatch(/code/i);
});

test('registration turned off since the build: the first use says so with the contacts, and nothing is sent', async () => {
	serve({ settings: settings({ selfRegistration: false }) });
	const { container } = renderRegistration();
	const emailField = await screen.findByLabelText(t('widgets.email.label'));
	await waitFor(() => expect((emailField as HTMLInputElement).disabled).toBe(false));
	fireEvent.focusIn(emailField);
	const notice = await screen.findByText(t('widgets.register.closed'));
	const status = notice.closest('[role="status"]')!;
	expect(within(status as HTMLElement).getByRole('link', { name: support.email }).getAttribute('href')).toBe(`mailto:${support.email}`);
	expect(screen.queryByRole('button', { name: t('widgets.register.submit') })).toBeNull();
	expect(calls('settings')).toHaveLength(1);
	expect(calls('register')).toHaveLength(0);
	expectNoRawKeys(container);
});

test('a policy changed since the build: the checklist follows the server’s', async () => {
	serve({ settings: settings({ passwordPolicy: navixyPasswordPolicy }) });
	const { container } = renderRegistration();
	const rules = () => [...container.querySelectorAll('.widget-rule')].map((rule) => rule.getAttribute('data-rule'));
	expect(container.textContent).toContain(t('widgets.password.rule.min_length', { count: nistPasswordPolicy.minLength }));
	const emailField = await screen.findByLabelText(t('widgets.email.label'));
	await waitFor(() => expect((emailField as HTMLInputElement).disabled).toBe(false));
	fireEvent.focusIn(emailField);
	await waitFor(() => expect(container.textContent).toContain(t('widgets.password.rule.min_length', { count: navixyPasswordPolicy.minLength })));
	expect(container.textContent).toContain(t('widgets.password.rule.max_length', { count: navixyPasswordPolicy.maxLength }));
	expect(rules()).toContain('uppercase');
	// The old policy's long passphrase is over the new maximum: refused before anything is sent.
	fireEvent.input(emailField, { target: { value: 'anna@example.com' } });
	fireEvent.input(screen.getByLabelText(t('widgets.password.label')), { target: { value: goodPassword } });
	fireEvent.click(screen.getByRole('button', { name: t('widgets.register.submit') }));
	await screen.findByRole('link', { name: t('widgets.form.passwordWeak') });
	expect(calls('register')).toHaveLength(0);
});

test('the common-password rule says it is checked on submit, and is never ticked in the browser', async () => {
	serve({ settings: settings() });
	const { container } = renderRegistration();
	const password = await screen.findByLabelText(t('widgets.password.label'));
	fireEvent.input(password, { target: { value: 'correct horse battery staple 42' } });
	const common = container.querySelector('[data-rule="common"]')!;
	expect(common.textContent).toContain(t('widgets.password.rule.common'));
	// Shown, not only said: sighted readers learn it too.
	expect(common.querySelector('.widget-rule__when')!.textContent).toContain(t('widgets.password.ruleOnSubmit'));
	expect(common.textContent).not.toContain('✓');
	expect(container.querySelector('[data-rule="min_length"]')!.textContent).toContain('✓');
});

function renderChecker(features = { confirmationCode: true, registrationStatus: true, deliveryTimeline: false, addressChange: false }) {
	return render(
		h(ConfirmationStatusWidget, {
			strings: pickKeys(english, confirmationStatusKeys),
			lang: 'en',
			loginUrl: 'https://login.example.com/',
			senderAddress: 'no-reply@example.com',
			support,
			features,
			signUpUrl: '/sign-up/',
		}),
	);
}

test('the code form appears only where the backend has codes', async () => {
	serve({});
	const withCodes = renderChecker();
	await waitFor(() => expect((screen.getByLabelText(t('widgets.email.label')) as HTMLInputElement).disabled).toBe(false));
	expect(screen.queryByLabelText(t('widgets.code.label'))).not.toBeNull();
	expectNoRawKeys(withCodes.container);
	cleanup();

	const without = renderChecker({ confirmationCode: false, registrationStatus: true, deliveryTimeline: false, addressChange: false });
	await waitFor(() => expect((screen.getByLabelText(t('widgets.email.label')) as HTMLInputElement).disabled).toBe(false));
	expect(screen.queryByLabelText(t('widgets.code.label'))).toBeNull();
	expect(screen.queryByText(t('widgets.code.title'))).toBeNull();
	expect(without.container.textContent).not.toMatch(/code/i);
});

test('“Send the email again” right after registering counts down from that email and sends nothing', async () => {
	serve({ settings: settings(), register: { receipt: 'r'.repeat(40), status: 'pending', resendAfterSeconds: 300 }, registrationStatus: { status: 'pending' } });
	renderRegistration();
	await register('anna@example.com');
	await screen.findByRole('heading', { name: t('widgets.register.successTitle') });
	cleanup();

	renderChecker();
	const emailField = (await screen.findByLabelText(t('widgets.email.label'))) as HTMLInputElement;
	await waitFor(() => expect(emailField.value).toBe('anna@example.com'));
	const resend = screen.getByRole('button', { name: t('widgets.resend.submit') });
	await waitFor(() => expect(resend.getAttribute('aria-disabled')).toBe('true'));
	const note = document.getElementById('status-resend-note')!;
	expect(note.textContent).toMatch(/You can ask again in (4 minutes, \d+ seconds?|5 minutes)\./);
	fireEvent.click(resend);
	await new Promise((done) => setTimeout(done, 50));
	expect(calls('resend')).toHaveLength(0);
	expect(note.textContent).not.toContain(t('widgets.resend.done'));

	// Another address is not held back by this one's email.
	fireEvent.input(emailField, { target: { value: 'ivan@example.com' } });
	await waitFor(() => expect(resend.getAttribute('aria-disabled')).toBe('false'));
});

test('the spam help lists the reader’s own service first, and “other services” last while the address tells nothing', async () => {
	serve({});
	const { container } = renderChecker();
	const items = () => [...container.querySelectorAll('.widget-spam li')].map((item) => item.textContent);
	await waitFor(() => expect((screen.getByLabelText(t('widgets.email.label')) as HTMLInputElement).disabled).toBe(false));
	expect(items().at(-1)).toBe(t('widgets.spam.other'));
	fireEvent.input(screen.getByLabelText(t('widgets.email.label')), { target: { value: 'anna@gmail.com' } });
	expect(items()[0]).toBe(t('widgets.spam.gmail'));
	expect(items().at(-1)).toBe(t('widgets.spam.other'));
	// An address of another market's service: its advice first, by that service's own labels.
	fireEvent.input(screen.getByLabelText(t('widgets.email.label')), { target: { value: 'hans@t-online.de' } });
	expect(items()[0]).toBe(t('widgets.spam.tonline'));
	expect(container.querySelector('.widget-spam__own')!.textContent).toBe(t('widgets.spam.tonline'));
	// How to search: by sender or provider, never by a word whole-word search misses.
	expect(container.querySelector('.widget-spam')!.textContent).toContain(t('widgets.spam.search'));
	// The sender address is one isolated piece.
	const sender = container.querySelector('.widget-spam bdi.widget-address')!;
	expect(sender.textContent).toBe('no-reply@example.com');
	expect(sender.getAttribute('dir')).toBe('ltr');
});

test('the spam help names the services of the page’s market in its language, and warns a PEC address', async () => {
	serve({});
	const french = (await import('../../content/i18n/fr.json')).default as Record<string, string>;
	const { container } = render(
		h(ConfirmationStatusWidget, {
			strings: pickKeys(french, confirmationStatusKeys),
			lang: 'fr',
			loginUrl: 'https://login.example.com/',
			signUpUrl: '/sign-up/',
			support,
			features: { confirmationCode: true, registrationStatus: true, deliveryTimeline: false, addressChange: false },
		}),
	);
	const items = () => [...container.querySelectorAll('.widget-spam li')].map((item) => item.textContent);
	await waitFor(() => expect(items()).toContain(french['widgets.spam.orange']));
	expect(items().slice(0, 4)).toEqual(['orange', 'sfr', 'free', 'laposte'].map((name) => french[`widgets.spam.${name}`]));
	expect(items()).not.toContain(french['widgets.spam.yandex']);
	expect(items().at(-1)).toBe(french['widgets.spam.other']);
	fireEvent.input(screen.getByLabelText(french['widgets.email.label']!), { target: { value: 'studio@pec.it' } });
	expect(items()[0]).toBe(french['widgets.spam.pec']);
});

test('the confirm page without a token: no mention of a code where there is none', async () => {
	const view = (confirmationCode: boolean) =>
		render(
			h(ConfirmEmailWidget, {
				strings: pickKeys(english, confirmEmailKeys),
				lang: 'en',
				loginUrl: 'https://login.example.com/',
				statusUrl: '/confirm-email/#confirmation-status',
				support,
				features: { confirmationCode },
			}),
		);
	const withCodes = view(true);
	await screen.findByText(t('widgets.confirm.missingToken'));
	cleanup();
	const without = view(false);
	await screen.findByText(t('widgets.confirm.missingTokenLink'));
	expect(without.container.textContent).not.toMatch(/code/i);
	expect(withCodes).toBeTruthy();
});
