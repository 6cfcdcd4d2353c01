/**
 * The provider as the server sees it is the one resolved provider (`src/providers/resolve.ts`):
 * the same profile that brands the site, with the deployment's `PROVIDER_*` variables applied.
 * These names keep the backends' signatures short.
 */
import { defaultConfirmationTtlSeconds, type ResolvedProvider } from '../providers/resolve.ts';

/** Who the emails and pages speak for, and what its backend can do. */
export type ProviderSettings = ResolvedProvider;

/**
 * Timings and limits of the sign-up flows, as the backends use them. The confirmation lifetime is
 * always a number here: where the platform does not say (Navixy), a receipt still ages out after
 * the built-in default, though no page states it.
 */
export type SignupRules = Pick<ResolvedProvider, 'resendCooldownSeconds' | 'resetTtlSeconds' | 'maxCodeAttempts'> & { confirmationTtlSeconds: number };

/** The rules of a resolved provider. */
export function signupRules(provider: ResolvedProvider): SignupRules {
	return {
		resendCooldownSeconds: provider.resendCooldownSeconds,
		resetTtlSeconds: provider.resetTtlSeconds,
		maxCodeAttempts: provider.maxCodeAttempts,
		confirmationTtlSeconds: provider.confirmationTtlSeconds ?? defaultConfirmationTtlSeconds,
	};
}
