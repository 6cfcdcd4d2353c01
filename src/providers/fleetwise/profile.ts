import type { ProviderProfileInput } from '../schema.ts';

/**
 * Example: a provider that creates every account itself (self-registration off), in three
 * languages, with a page of its own written in English only (fictional brand).
 */
export default {
	id: 'fleetwise',
	name: 'FleetWise',
	logo: { light: 'logo.svg' },
	colors: { light: '#a8430a', dark: '#ffae73' },
	loginUrl: 'https://portal.fleetwise.example/',
	support: { email: 'service@fleetwise.example', phone: '+49 30 901820' },
	senderAddress: 'portal@fleetwise.example',
	selfRegistration: false,
	locales: ['en', 'de', 'fr'],
	siteUrl: 'https://support.fleetwise.example/',
} satisfies ProviderProfileInput;
