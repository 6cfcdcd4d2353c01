import type { ProviderProfileInput } from '../schema.ts';

/**
 * Example: an Arabic-first provider (Arabic at the site's root) whose accounts live on its Navixy
 * platform: 12–20 character passwords with character classes, the platform's own activation email
 * (no code, no confirm page, no stated link lifetime) and its own “forgot password” page
 * (fictional brand).
 */
export default {
	id: 'rimal',
	name: 'Rimal Track',
	logo: { light: 'logo.svg', dark: 'logo-dark.svg' },
	colors: { light: '#8a4b08', dark: '#f5b971' },
	loginUrl: 'https://track.rimal.example/login/',
	support: { email: 'care@rimal.example', phone: '+971 4 555 0199', url: 'https://rimal.example/help' },
	senderAddress: 'no-reply@rimal.example',
	backend: 'navixy',
	passwordPolicy: 'navixy',
	locales: ['ar', 'en', 'fr'],
	defaultLocale: 'ar',
	termsUrl: 'https://rimal.example/terms',
	privacyUrl: 'https://rimal.example/privacy',
	siteUrl: 'https://help.rimal.example/',
} satisfies ProviderProfileInput;
