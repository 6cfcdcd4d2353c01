import type { ProviderProfileInput } from '../schema.ts';

/**
 * Example: a Spanish-first provider (Spanish at the site's root, English and Arabic beside it) whose
 * accounts live on its own Traccar server: the help center confirms and sends every email, Traccar
 * holds the account (created disabled with the chosen password, enabled on confirmation), and
 * passwords are reset in the help center (fictional brand).
 */
export default {
	id: 'sendero',
	name: 'Sendero GPS',
	logo: { light: 'logo.svg', dark: 'logo-dark.svg' },
	colors: { light: '#1a4f9c', dark: '#8fb8f0' },
	loginUrl: 'https://rastreo.sendero.example/',
	support: { email: 'soporte@sendero.example', phone: '+34 910 555 014', url: 'https://sendero.example/ayuda' },
	senderAddress: 'cuentas@sendero.example',
	backend: 'traccar',
	locales: ['es', 'en', 'ar'],
	defaultLocale: 'es',
	termsUrl: 'https://sendero.example/condiciones',
	privacyUrl: 'https://sendero.example/privacidad',
	siteUrl: 'https://ayuda.sendero.example/',
} satisfies ProviderProfileInput;
