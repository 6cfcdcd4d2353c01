/**
 * What the provider's backend can do, as the widgets and their wrappers need it: the resolved
 * provider's `features` (the table in `src/providers/features.ts`, by the contract's names) and
 * where readers reset a password when the help center cannot.
 */
import { provider } from '../../providers/index.ts';
import type { ResolvedProvider } from '../../providers/resolve.ts';
import type { Strings } from '../../islands/lib/strings.ts';
import type { Settings } from '../../signup/contract.ts';

/** The backend's capabilities (see `SettingsSchema` in the contract). */
export type WidgetFeatures = Settings['features'];

/**
 * Where readers reset their password when the help center cannot: the platform's own page, else
 * the provider's login page (which offers it).
 */
export function forgotPasswordPage(resolved: Pick<ResolvedProvider, 'forgotPasswordUrl' | 'loginUrl'>): string {
	return resolved.forgotPasswordUrl ?? resolved.loginUrl;
}

/** This build's backend capabilities. */
export const widgetFeatures: WidgetFeatures = provider.features;

/** This build's page for a forgotten password. */
export const forgotPasswordUrl: string = forgotPasswordPage(provider);

/**
 * The reset-request form's strings for a backend: where the platform completes the reset (its own
 * email, its own page, its own rules), the form's "done" says so instead of promising the help
 * center's single-use link.
 */
export function resetRequestStrings(strings: Strings, features: Pick<WidgetFeatures, 'passwordReset'>, platformDone: string): Strings {
	return features.passwordReset ? strings : { ...strings, 'widgets.resetRequest.done': platformDone };
}
