import { expect, test, vi } from 'vitest';

vi.mock('../../providers/index.ts', () => ({
	provider: {
		loginUrl: 'https://login.example.com/',
		forgotPasswordUrl: 'https://track.example.com/login/?partition=password_remind',
		features: { confirmationCode: false, registrationStatus: true, passwordReset: false, passwordResetRequest: false, confirmPage: false, existsNotice: false, deliveryTimeline: true, addressChange: false },
	},
}));

const { forgotPasswordPage, forgotPasswordUrl, resetRequestStrings, widgetFeatures } = await import('./widget-features.ts');

test('the widgets get the resolved provider’s features and its platform’s forgot-password page', () => {
	expect(widgetFeatures.confirmationCode).toBe(false);
	expect(widgetFeatures.passwordResetRequest).toBe(false);
	expect(forgotPasswordUrl).toBe('https://track.example.com/login/?partition=password_remind');
});

test('without a platform page, the login page, which offers the reset', () => {
	expect(forgotPasswordPage({ loginUrl: 'https://login.example.com/', forgotPasswordUrl: null })).toBe('https://login.example.com/');
});

test('where the platform completes the reset, the request form’s answer speaks of the platform’s email and page', async () => {
	const english = (await import('../../content/i18n/en.json')).default;
	const strings = { 'widgets.resetRequest.done': english['widgets.resetRequest.done'] };
	expect(resetRequestStrings(strings, { passwordReset: true }, english['widgets.resetRequest.donePlatform'])).toEqual(strings);
	const delegated = resetRequestStrings(strings, { passwordReset: false }, english['widgets.resetRequest.donePlatform'])['widgets.resetRequest.done'];
	expect(delegated).toMatch(/platform’s own page/);
	// Traccar's reset link is an ordinary token, valid until it expires: never "it works once".
	expect(delegated).not.toMatch(/once/);
});
