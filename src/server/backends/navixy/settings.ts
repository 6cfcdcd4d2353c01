/**
 * The settings answer of the Navixy backend: the provider's UI settings from the platform, the help
 * center's own provider settings (support channels, sender) for what the platform does not publish,
 * and the features this backend offers.
 */
import { featuresFor, navixyResendCooldownSeconds } from '../../../providers/features.ts';
import { codeLength, type Settings } from '../../../signup/contract.ts';
import type { ProviderSettings, SignupRules } from '../../settings.ts';
import { navixyLoginPage, type NavixyConfig } from './config.ts';
import type { UiSettings } from './ui-settings.ts';

/**
 * The contract's settings plus links the platform publishes and the contract has no field for yet.
 * Answers are not strict objects, so they travel to the page; the current client ignores them.
 */
export interface NavixySettings extends Settings {
	/** The provider's own “forgot password” page (no call requests a restore email). */
	passwordRecoveryUrl: string;
	privacyPolicyUrl: string | null;
	termsUrl: string | null;
	logoUrl: string | null;
}

/**
 * Seconds between two activation emails: the platform refuses a resend for five minutes (code 264,
 * `timeout: "PT5M"`), so the page must not offer one sooner.
 */
export const platformResendCooldownSeconds = navixyResendCooldownSeconds;

/**
 * What this backend offers (the table in `src/providers/features.ts`, which the build uses too),
 * and what each value depends on:
 * - `confirmationCode`: no — the platform's activation email carries a link, no code;
 * - `registrationStatus`: yes — receipts are sealed here, the state is read with `panel/user/list`;
 * - `passwordReset`: `NAVIXY_PASSWORD_RESET` — completing a reset with `user/password/change` works
 *   only when the provider's restore email links to the help center's reset page;
 * - `passwordResetRequest`: no — no call requests a restore email; the help center links to the
 *   login page's `password_remind` form;
 * - `confirmPage`: no — the platform's own activation link activates by itself, so no page may
 *   promise a confirm button (the help center's confirm page still activates with `user/activate`
 *   when a provider points its activation email there);
 * - `existsNotice`: no — the platform sends no "account exists" email (265 for an active account).
 */
export function navixyFeatures(config: Pick<NavixyConfig, 'passwordReset'>): Settings['features'] {
	return featuresFor('navixy', config.passwordReset ? 'help-center' : 'platform');
}

/** Assembles the settings answer. */
export function navixySettings(
	ui: UiSettings,
	provider: ProviderSettings,
	config: Pick<NavixyConfig, 'uiDomain' | 'loginUrl' | 'passwordReset'>,
	rules: Pick<SignupRules, 'confirmationTtlSeconds'>,
	platformSender: string | null = null,
): NavixySettings {
	return {
		providerName: ui.serviceTitle ?? provider.name,
		// The platform decides; SELF_REGISTRATION=false can only turn the help center's form off.
		selfRegistration: ui.allowRegistration && provider.selfRegistration,
		passwordPolicy: ui.passwordPolicy,
		resendCooldownSeconds: platformResendCooldownSeconds,
		// The platform does not document how long an activation link lives: CONFIRMATION_TTL_SECONDS.
		confirmationTtlSeconds: rules.confirmationTtlSeconds,
		codeLength,
		loginUrl: config.loginUrl,
		senderAddress: provider.senderAddress ?? platformSender ?? '',
		support: { email: provider.support.email, phone: provider.support.phone, url: provider.support.url },
		features: navixyFeatures(config),
		passwordRecoveryUrl: navixyLoginPage(config.uiDomain, 'password_remind'),
		privacyPolicyUrl: ui.privacyPolicyUrl,
		termsUrl: ui.termsUrl,
		logoUrl: ui.logoUrl,
	};
}
