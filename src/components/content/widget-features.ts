/**
 * What the provider's backend can do, as the widgets and their wrappers need it: the resolved
 * provider's `features` (the contract's `Settings['features']`) and its platform's “forgot
 * password” page. A profile that does not carry them yet means the built-in backend, which does
 * everything.
 */
import { provider } from '../../providers/index.ts';
import type { Settings } from '../../signup/contract.ts';

/** The backend's capabilities (see `SettingsSchema` in the contract). */
export type WidgetFeatures = Settings['features'];

/** Every capability on: the built-in backend. */
export const allFeatures: WidgetFeatures = {
	confirmationCode: true,
	registrationStatus: true,
	passwordReset: true,
	passwordResetRequest: true,
	confirmPage: true,
	existsNotice: true,
};

/** The features and the platform's “forgot password” page of a resolved provider. */
export function featuresOf(resolved: object): { features: WidgetFeatures; forgotPasswordUrl: string | undefined } {
	const { features, forgotPasswordUrl } = resolved as { features?: Partial<WidgetFeatures>; forgotPasswordUrl?: string };
	return { features: { ...allFeatures, ...features }, forgotPasswordUrl };
}

const resolved = featuresOf(provider);

/** This build's backend capabilities. */
export const widgetFeatures: WidgetFeatures = resolved.features;

/**
 * Where readers reset their password when the help center cannot: the platform's own page, else
 * the provider's login page (which offers it).
 */
export const forgotPasswordUrl: string = resolved.forgotPasswordUrl ?? provider.loginUrl;
