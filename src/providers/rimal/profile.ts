import type { ProviderProfileInput } from '../schema.ts';

/**
 * Example: an Arabic-first provider (Arabic at the site's root) on a platform whose password
 * policy is 12–20 characters with character classes (fictional brand).
 */
export default {
	id: 'rimal',
	name: 'Rimal Track',
	logo: { light: 'logo.svg', dark: 'logo-dark.svg' },
	colors: { light: '#8a4b08', dark: '#f5b971' },
	loginUrl: 'https://track.rimal.example/login/',
	support: { email: 'care@rimal.example', phone: '+971 4 555 0199', url: 'https://rimal.example/help' },
	senderAddress: 'no-reply@rimal.example',
	passwordPolicy: 'navixy',
	locales: ['ar', 'en', 'fr'],
	defaultLocale: 'ar',
	termsUrl: 'https://rimal.example/terms',
	privacyUrl: 'https://rimal.example/privacy',
	siteUrl: 'https://help.rimal.example/',
} satisfies ProviderProfileInput;
