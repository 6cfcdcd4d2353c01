/**
 * The provider's settings as the platform publishes them for its login page: `dealer/get_ui_config
 * {domain}`. Fetched when first needed, reused for a short time, refreshed in the background after
 * that, and served stale while the platform cannot be reached (readers keep a working form during a
 * short outage). Only when nothing was ever fetched does a caller get `upstream_unavailable`.
 */
import type { PasswordPolicy } from '../../../signup/contract.ts';
import { navixyPasswordPolicy } from '../../../signup/password-policy.ts';
import type { Clock } from '../../clock.ts';
import { ProblemError } from '../../problem-error.ts';
import type { PlatformAnswer, PlatformClient } from './platform-client.ts';
import { PlatformUnavailableError, platformProblem, type Logger } from './platform-errors.ts';

/** What the help center uses of the provider's UI settings. */
export interface UiSettings {
	/** `settings.service_title`; `null` when the platform has none. */
	serviceTitle: string | null;
	/** `settings.allow_registration`; an omitted value counts as off. */
	allowRegistration: boolean;
	/** `settings.password_policy`, mapped; the documented policy when absent. */
	passwordPolicy: PasswordPolicy;
	/**
	 * `settings.privacy_policy_link` and `settings.logo` (relative ones resolved against the UI
	 * domain), and `settings.tos` — terms-of-service *text*, so a link only when the provider wrote
	 * an absolute http(s) URL there: absolute http(s) URLs or `null`.
	 */
	privacyPolicyUrl: string | null;
	termsUrl: string | null;
	logoUrl: string | null;
}

/** The longest password `user/auth` accepts: a policy may not allow longer ones. */
const platformMaxPassword = 40;

/**
 * The platform's documented policy, which applies when the settings carry none, plus two checks of
 * our own (the address inside the password, common passwords). They can only refuse more, never
 * accept a password the platform would refuse.
 */
export const documentedNavixyPolicy: PasswordPolicy = { ...navixyPasswordPolicy, rejectEmail: true, rejectCommon: true };

/**
 * Maps the platform's `password_policy` to the contract's. A field that is absent or not a sensible
 * number takes the documented policy's value (stricter rather than looser); lengths are kept within
 * 1–40 (what `user/auth` accepts), and a policy that no password could meet falls back whole.
 */
export function passwordPolicyFrom(raw: unknown): PasswordPolicy {
	if (typeof raw !== 'object' || raw === null) return documentedNavixyPolicy;
	const fields = raw as Record<string, unknown>;
	const base = documentedNavixyPolicy;
	const count = (name: string, fallback: number) => {
		const value = fields[name];
		return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= platformMaxPassword ? value : fallback;
	};
	const minLength = Math.max(1, count('min_length', base.minLength));
	const maxLength = Math.min(platformMaxPassword, count('max_length', base.maxLength));
	const policy: PasswordPolicy = {
		...base,
		minLength,
		maxLength,
		minLowercase: count('min_lowercase_count', base.minLowercase),
		minUppercase: count('min_uppercase_count', base.minUppercase),
		minDigits: count('min_digits_count', base.minDigits),
		minSpecial: count('min_special_chars_count', base.minSpecial),
		specialCharacters: specialCharacters(fields['special_chars']) ?? base.specialCharacters,
	};
	const required = policy.minLowercase + policy.minUppercase + policy.minDigits + policy.minSpecial;
	return minLength <= maxLength && required <= maxLength ? policy : base;
}

/** `special_chars` as a string of characters (the documentation gives no type; a list is accepted too). */
function specialCharacters(value: unknown): string | null {
	if (typeof value === 'string' && value.length > 0) return value;
	if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string')) return value.join('');
	return null;
}

/** An absolute http(s) URL, relative ones resolved against the UI domain; anything else (`javascript:`…) is dropped. */
function safeUrl(value: unknown, uiDomain: string): string | null {
	if (typeof value !== 'string' || value.trim() === '') return null;
	try {
		const url = new URL(value.trim(), `https://${uiDomain}/`);
		return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
	} catch {
		return null;
	}
}

/** An absolute http(s) URL and nothing else: `tos` is documented as text ("Terms Of Service text"). */
function absoluteUrl(value: unknown): string | null {
	if (typeof value !== 'string' || !/^https?:\/\/\S+$/i.test(value.trim())) return null;
	try {
		return new URL(value.trim()).href;
	} catch {
		return null;
	}
}

/** Reads a `dealer/get_ui_config` answer; throws `malformed` when it has no `settings` object. */
export function parseUiConfig(answer: PlatformAnswer, uiDomain: string): UiSettings {
	const settings = answer['settings'];
	if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
		throw new PlatformUnavailableError('dealer/get_ui_config', 'malformed', 'answered success without a settings object');
	}
	const fields = settings as Record<string, unknown>;
	const title = fields['service_title'];
	return {
		serviceTitle: typeof title === 'string' && title.trim() !== '' ? title.trim() : null,
		allowRegistration: fields['allow_registration'] === true,
		passwordPolicy: passwordPolicyFrom(fields['password_policy']),
		privacyPolicyUrl: safeUrl(fields['privacy_policy_link'], uiDomain),
		termsUrl: absoluteUrl(fields['tos']),
		logoUrl: safeUrl(fields['logo'], uiDomain),
	};
}

/** The cached UI settings. */
export interface UiSettingsSource {
	/** The settings: fresh, or stale while a refresh runs or the platform is away. */
	get(): Promise<UiSettings>;
	/** Fetches them now (the self-check); throws the platform's error as is. */
	fetchNow(): Promise<UiSettings>;
}

/** What the source is built from. */
export interface UiSettingsSourceOptions {
	client: PlatformClient;
	uiDomain: string;
	ttlMs: number;
	clock: Clock;
	log: Logger;
}

/** After a failed refresh, stale settings are served this long before the platform is asked again. */
const retryAfterFailureMs = 5000;

/** A {@link UiSettingsSource}: stale-while-revalidate with one refresh at a time. */
export function uiSettingsSource({ client, uiDomain, ttlMs, clock, log }: UiSettingsSourceOptions): UiSettingsSource {
	let cached: { value: UiSettings; fetchedAt: number } | null = null;
	let refreshing: Promise<UiSettings> | null = null;
	let nextAttemptAt = 0;

	function refresh(): Promise<UiSettings> {
		refreshing ??= client
			.call('dealer/get_ui_config', { domain: uiDomain }, undefined, { retry: true })
			.then((answer) => {
				const value = parseUiConfig(answer, uiDomain);
				cached = { value, fetchedAt: clock.now() };
				return value;
			})
			.catch((error: unknown) => {
				nextAttemptAt = clock.now() + retryAfterFailureMs;
				throw error;
			})
			.finally(() => {
				refreshing = null;
			});
		return refreshing;
	}

	return {
		fetchNow: () => refresh(),
		async get() {
			const now = clock.now();
			if (!cached) {
				try {
					return await refresh();
				} catch (error) {
					throw platformProblem(error, log);
				}
			}
			if (now - cached.fetchedAt >= ttlMs && now >= nextAttemptAt && !refreshing) {
				refresh().catch((error: unknown) => {
					// Logged, and the stale settings keep serving.
					if (!(platformProblem(error, log) instanceof ProblemError)) log(`navixy: refreshing the UI settings failed: ${String(error)}`);
				});
			}
			return cached.value;
		},
	};
}
