import { expect, test, vi } from 'vitest';

vi.mock('../../providers/index.ts', () => ({
	provider: {
		loginUrl: 'https://login.example.com/',
		forgotPasswordUrl: 'https://track.example.com/login/?partition=password_remind',
		features: { confirmationCode: false, registrationStatus: true, passwordReset: false, passwordResetRequest: false, confirmPage: false, existsNotice: false, deliveryTimeline: true, addressChange: false },
	},
}));

const { forgotPasswordPage, forgotPasswordUrl, widgetFeatures } = await import('./widget-features.ts');

test('the widgets get the resolved provider’s features and its platform’s forgot-password page', () => {
	expect(widgetFeatures.confirmationCode).toBe(false);
	expect(widgetFeatures.passwordResetRequest).toBe(false);
	expect(forgotPasswordUrl).toBe('https://track.example.com/login/?partition=password_remind');
});

test('without a platform page, the login page, which offers the reset', () => {
	expect(forgotPasswordPage({ loginUrl: 'https://login.example.com/', forgotPasswordUrl: null })).toBe('https://login.example.com/');
});
