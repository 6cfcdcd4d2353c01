import type { ProviderProfileInput } from '../schema.ts';

/** Example: a provider with self-registration on and every language (fictional brand). */
export default {
	id: 'geotrack',
	name: 'GeoTrack Pro',
	logo: { light: 'logo.svg', dark: 'logo-dark.svg' },
	colors: { light: '#0b6e4f', dark: '#5fd3a8' },
	loginUrl: 'https://app.geotrack.example/login/',
	apiBaseUrl: 'https://api.geotrack.example',
	support: {
		email: 'help@geotrack.example',
		phone: '+44 20 7946 0958',
		url: 'https://geotrack.example/support',
		hours: { en: 'Monday to Friday, 8:00–18:00 (UK time)', fr: 'Du lundi au vendredi, de 8 h à 18 h (heure de Londres)' },
	},
	senderAddress: 'accounts@geotrack.example',
	termsUrl: 'https://geotrack.example/terms',
	privacyUrl: 'https://geotrack.example/privacy',
	siteUrl: 'https://help.geotrack.example/',
} satisfies ProviderProfileInput;
