import { expect, test, vi } from 'vitest';

vi.mock('../../providers/index.ts', () => ({
	provider: {
		loginUrl: 'https://login.example.com/',
		features: { confirmationCode: false, registrationStatus: true, passwordReset: false, passwordResetRequest: false, confirmPage: true, existsNotice: false },
	},
}));

const { allFeatures, featuresOf, forgotPasswordUrl, widgetFeatures } = await import('./widget-features.ts');

test('a provider without features yet means every feature on', () => {
	expect(featuresOf({})).toEqual({ features: allFeatures, forgotPasswordUrl: undefined });
	expect(Object.values(allFeatures).every(Boolean)).toBe(true);
});

test('the resolved provider’s features and forgot-password page are the widgets’', () => {
	expect(featuresOf({ features: { confirmationCode: false }, forgotPasswordUrl: 'https://p.example.com/forgot' })).toEqual({
		features: { ...allFeatures, confirmationCode: false },
		forgotPasswordUrl: 'https://p.example.com/forgot',
	});
	expect(widgetFeatures.confirmationCode).toBe(false);
	expect(widgetFeatures.passwordResetRequest).toBe(false);
	// No platform page named: the login page, which offers the reset.
	expect(forgotPasswordUrl).toBe('https://login.example.com/');
});
