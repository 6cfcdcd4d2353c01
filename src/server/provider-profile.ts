/**
 * The provider profile on the server: the same `src/providers/<id>/profile.ts` that brands the site
 * (`PROVIDER=<id>`) brands the emails and sets the sign-up rules. A `PROVIDER_*` variable (or
 * `SELF_REGISTRATION`, `PASSWORD_POLICY`) that is set wins over the profile, so a deployment can
 * change one value without editing the profile.
 */
import type { ProviderProfile } from '../providers/schema.ts';
import type { ProviderSettings } from './settings.ts';

/** Whether a variable is set to something (an empty value counts as unset, as in `env.ts`). */
function isSet(env: Record<string, string | undefined>, name: string): boolean {
	return env[name] !== undefined && env[name] !== '';
}

/** The provider settings from `settings` (read from the environment) with the profile filling in what the environment leaves unset. */
export function applyProfile(settings: ProviderSettings, profile: ProviderProfile, env: Record<string, string | undefined>): ProviderSettings {
	const has = (name: string) => isSet(env, name);
	const { email, phone, url } = profile.support;
	const profileSupport = Object.fromEntries(Object.entries({ email, phone, url }).filter(([, value]) => value)) as ProviderSettings['support'];
	return {
		...settings,
		name: has('PROVIDER_NAME') ? settings.name : (profile.name ?? null),
		loginUrl: has('PROVIDER_LOGIN_URL') ? settings.loginUrl : profile.loginUrl,
		support: ['PROVIDER_SUPPORT_EMAIL', 'PROVIDER_SUPPORT_PHONE', 'PROVIDER_SUPPORT_URL'].some(has) ? settings.support : profileSupport,
		sender: {
			address: has('PROVIDER_SENDER') || !profile.senderAddress ? settings.sender.address : profile.senderAddress,
			name: has('PROVIDER_SENDER_NAME') ? settings.sender.name : (profile.name ?? settings.sender.name),
		},
		// The light-theme accent carries white text with AA contrast: the profile's schema checks it.
		colors: has('PROVIDER_COLOR') || !profile.colors ? settings.colors : { accent: profile.colors.light, accentText: '#ffffff' },
		selfRegistration: has('SELF_REGISTRATION') ? settings.selfRegistration : profile.selfRegistration,
		passwordPolicy: has('PASSWORD_POLICY') ? settings.passwordPolicy : profile.passwordPolicy,
	};
}
