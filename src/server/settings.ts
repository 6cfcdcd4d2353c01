/**
 * The provider's settings and the sign-up rules, as one object each. They come from the
 * environment (`env.ts`), with the provider's profile filling in what it leaves unset
 * (`provider-profile.ts`); nothing else reads them from anywhere, they are passed in.
 */
import type { PasswordPolicy } from '../signup/contract.ts';

/** Who the emails and pages speak for. */
export interface ProviderSettings {
	/** Brand name; `null` for a neutral build (the emails then say “your service provider” in each language). */
	name: string | null;
	/** The provider's login page. */
	loginUrl: string;
	/** Support channels; at least one is set. */
	support: { email?: string; phone?: string; url?: string };
	/** The `From` of every email. */
	sender: { address: string; name: string | null };
	/** Brand colours for the emails, as `#rrggbb`. */
	colors: { accent: string; accentText: string };
	/** Whether readers may create accounts themselves. */
	selfRegistration: boolean;
	/** The policy new passwords must meet. */
	passwordPolicy: PasswordPolicy;
	/** The help center's origin (and base path), without a trailing slash: the emails link into it. */
	siteUrl: string;
}

/** Timings and limits of the sign-up flows. */
export interface SignupRules {
	/** Seconds between two emails of one kind to the same address. */
	resendCooldownSeconds: number;
	/** Lifetime of a confirmation link and code, in seconds. */
	confirmationTtlSeconds: number;
	/** Lifetime of a password-reset link, in seconds. */
	resetTtlSeconds: number;
	/** Wrong codes allowed per address before only a new code helps. */
	maxCodeAttempts: number;
}

/** The defaults of {@link SignupRules}. */
export const defaultSignupRules: SignupRules = {
	resendCooldownSeconds: 300,
	confirmationTtlSeconds: 24 * 3600,
	resetTtlSeconds: 3600,
	maxCodeAttempts: 5,
};
