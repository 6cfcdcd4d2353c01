/**
 * The one resolved provider: a validated profile (`src/providers/<id>/profile.ts`), its backend's
 * capabilities, and — on the server — the `PROVIDER_*` variables that override single values,
 * resolved once into the object the build (`astro.config.mjs`, the content collections, the
 * widgets through `virtual:help-center/provider`) and the server (`createRuntime`) both use.
 */
import type { Locale, PasswordPolicy } from '../signup/contract.ts';
import { navixyPasswordPolicy, nistPasswordPolicy } from '../signup/password-policy.ts';
import {
	featuresFor,
	navixyForgotPasswordUrl,
	navixyResendCooldownSeconds,
	traccarForgotPasswordUrl,
	type BackendFeatures,
	type BackendKind,
} from './features.ts';
import { passwordResetMode, type PasswordResetMode } from './password-reset.ts';
import { localeLayout, type LocaleLayout } from './layout.ts';
import type { ProviderProfile } from './schema.ts';

/** The built-in backend's confirmation-link lifetime when the profile gives none: 24 hours. */
export const defaultConfirmationTtlSeconds = 24 * 3600;
/** Seconds between two emails of one kind to the same address, when the profile gives none. */
export const defaultResendCooldownSeconds = 300;
/** The lifetime of a password-reset link of the built-in backend. */
export const defaultResetTtlSeconds = 3600;
/** Wrong codes allowed per address before only a new code helps. */
export const maxCodeAttempts = 5;

/**
 * Values a deployment sets without editing the profile (the server's `PROVIDER_*`, `SITE_URL`,
 * `SELF_REGISTRATION`… variables, validated by `src/server/env.ts`). Only what is set is present.
 */
export interface ProviderOverrides {
	backend?: BackendKind;
	name?: string;
	loginUrl?: string;
	/** Replaces the profile's channels as a whole (a deployment names its own desk). */
	support?: { email?: string | undefined; phone?: string | undefined; url?: string | undefined };
	senderAddress?: string;
	senderName?: string;
	mailColors?: { accent?: string | undefined; accentText?: string | undefined };
	selfRegistration?: boolean;
	passwordPolicy?: 'nist' | 'navixy';
	resendCooldownSeconds?: number;
	confirmationTtlSeconds?: number;
	resetTtlSeconds?: number;
	/** Where the emails link to: the origin (and base path) that serves the help center. */
	siteUrl?: string;
	/** The Navixy UI domain the server talks to; it names the platform's “forgot password” page. */
	navixyUiDomain?: string;
	/**
	 * Who completes a reset (`NAVIXY_PASSWORD_RESET`, `TRACCAR_PASSWORD_RESET`, read by
	 * `passwordResetFromEnv`); the backend's default unless set, and ignored by a backend with one mode.
	 */
	passwordReset?: PasswordResetMode;
}

/** The provider, resolved: everything any part of the help center needs to know about it. */
export interface ResolvedProvider {
	id: string;
	backend: BackendKind;
	/** Brand name; `null` for a neutral build (pages and emails say “your service provider”). */
	name: string | null;
	logo: ProviderProfile['logo'];
	/** The brand colours of the site, when the profile has them. */
	colors: ProviderProfile['colors'];
	/** The emails' accent and the text on it (`#rrggbb`). */
	mailColors: { accent: string; accentText: string };
	loginUrl: string;
	apiBaseUrl: string | undefined;
	support: ProviderProfile['support'];
	/** The address the emails come from; `undefined` when the provider has not said. */
	senderAddress: string | undefined;
	/** The name on the emails' `From`. */
	senderName: string | null;
	selfRegistration: boolean;
	passwordPolicy: PasswordPolicy;
	/** Who completes a password reset: the help center's reset page, or the platform's own. */
	passwordReset: PasswordResetMode;
	/** What the backend can do in that reset mode (the contract's `Settings['features']`). */
	features: BackendFeatures;
	/** How long a confirmation link stays valid; `null` when the platform does not say (the pages then state none). */
	confirmationTtlSeconds: number | null;
	/** Seconds a reader waits before the same email again. */
	resendCooldownSeconds: number;
	/** How long a reset link of the built-in backend stays valid. */
	resetTtlSeconds: number;
	maxCodeAttempts: number;
	/**
	 * The platform's own “forgot password” page, where the help center does not take the request or
	 * complete the reset (Navixy's restore form even when its email links to the help center); else `null`.
	 */
	forgotPasswordUrl: string | null;
	locales: Locale[];
	defaultLocale: Locale;
	/** Where each language is published. */
	layout: LocaleLayout;
	termsUrl: string | undefined;
	privacyUrl: string | undefined;
	/** The help center's address without a trailing slash: canonical links, and the emails' links. */
	siteUrl: string;
}

/** Resolves a validated profile and the overrides that are set into the {@link ResolvedProvider}. */
export function resolveProvider(profile: ProviderProfile, overrides: ProviderOverrides = {}): ResolvedProvider {
	const backend = overrides.backend ?? profile.backend;
	const navixy = backend === 'navixy';
	const policy = overrides.passwordPolicy === undefined ? profile.passwordPolicy : overrides.passwordPolicy === 'navixy' ? navixyPasswordPolicy : nistPasswordPolicy;
	const { email, phone, url, hours } = profile.support;
	const support = overrides.support ?? { email, phone, url, hours };
	const uiHost = overrides.navixyUiDomain ?? new URL(overrides.loginUrl ?? profile.loginUrl).hostname;
	const passwordReset = passwordResetMode(backend, overrides.passwordReset);
	const features = featuresFor(backend, passwordReset);
	const platformForgotPage = backend === 'traccar' ? traccarForgotPasswordUrl(overrides.loginUrl ?? profile.loginUrl) : navixyForgotPasswordUrl(uiHost);
	return {
		id: profile.id,
		backend,
		name: overrides.name ?? profile.name ?? null,
		logo: profile.logo,
		colors: profile.colors,
		// The light-theme accent carries white text with AA contrast: the profile's schema checks it.
		mailColors: {
			accent: overrides.mailColors?.accent ?? profile.colors?.light ?? '#1f5fbf',
			accentText: overrides.mailColors?.accentText ?? '#ffffff',
		},
		loginUrl: overrides.loginUrl ?? profile.loginUrl,
		apiBaseUrl: profile.apiBaseUrl,
		support: Object.fromEntries(Object.entries(support).filter(([, value]) => value !== undefined)) as ProviderProfile['support'],
		senderAddress: overrides.senderAddress ?? profile.senderAddress,
		senderName: overrides.senderName ?? overrides.name ?? profile.name ?? null,
		selfRegistration: overrides.selfRegistration ?? profile.selfRegistration,
		passwordPolicy: policy,
		passwordReset,
		features,
		confirmationTtlSeconds: overrides.confirmationTtlSeconds ?? profile.confirmationTtlSeconds ?? (navixy ? null : defaultConfirmationTtlSeconds),
		// The platform refuses a second activation email sooner, whatever is configured.
		resendCooldownSeconds: navixy
			? Math.max(navixyResendCooldownSeconds, overrides.resendCooldownSeconds ?? profile.resendCooldownSeconds ?? 0)
			: (overrides.resendCooldownSeconds ?? profile.resendCooldownSeconds ?? defaultResendCooldownSeconds),
		resetTtlSeconds: overrides.resetTtlSeconds ?? defaultResetTtlSeconds,
		maxCodeAttempts,
		forgotPasswordUrl: features.passwordReset && features.passwordResetRequest ? null : (profile.forgotPasswordUrl ?? platformForgotPage),
		locales: [...profile.locales],
		defaultLocale: profile.defaultLocale,
		layout: localeLayout(profile),
		termsUrl: profile.termsUrl,
		privacyUrl: profile.privacyUrl,
		siteUrl: (overrides.siteUrl ?? profile.siteUrl).replace(/\/+$/, ''),
	};
}
