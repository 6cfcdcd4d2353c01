/**
 * The settings answer of the Navixy backend: the provider's UI settings from the platform, the help
 * center's own provider settings (support channels, sender) for what the platform does not publish,
 * and the features this backend offers.
 */
import { backendFeatures, navixyResendCooldownSeconds } from '../../../providers/features.ts';
import { codeLength, type Settings } from '../../../signup/contract.ts';
import type { ProviderSettings, SignupRules } from '../../settings.ts';
import { navixyLoginPage, type NavixyConfig } from './config.ts';
import type { UiSettings } from './ui-settings.ts';

/**
 * The contract's settings plus links the platform publishes and the contract has no field for yet.
 * Answers are not strict objects, so they travel to the page; the current client ignores them.
 */
export interface NavixySettings extends Settings {
	/** The provider's own “forgot password” page (this backend cannot reset passwords). */
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

/** Assembles the settings answer. */
export function navixySettings(
	ui: UiSettings,
	provider: ProviderSettings,
	config: Pick<NavixyConfig, 'uiDomain' | 'loginUrl'>,
	rules: Pick<SignupRules, 'confirmationTtlSeconds'>,
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
		senderAddress: provider.senderAddress ?? '',
		support: { email: provider.support.email, phone: provider.support.phone, url: provider.support.url },
		features: backendFeatures.navixy,
		passwordRecoveryUrl: navixyLoginPage(config.uiDomain, 'password_remind'),
		privacyPolicyUrl: ui.privacyPolicyUrl,
		termsUrl: ui.termsUrl,
		logoUrl: ui.logoUrl,
	};
}
