import type { ProviderProfileInput } from '../schema.ts';

/** The neutral profile `npm start` uses: no brand name, example contacts, every language. */
export default {
	id: 'default',
	loginUrl: 'https://login.example.com/',
	support: {
		email: 'support@example.com',
		phone: '+1 555 0100',
		url: 'https://example.com/support',
	},
	senderAddress: 'no-reply@example.com',
	termsUrl: 'https://example.com/terms',
	privacyUrl: 'https://example.com/privacy',
	siteUrl: 'https://help.example.com/',
} satisfies ProviderProfileInput;
