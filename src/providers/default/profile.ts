import type { ProviderProfileInput } from '../schema.ts';

/** The neutral profile `npm start` uses: no brand name, example contacts. */
export default {
	id: 'default',
	loginUrl: 'https://login.example.com/',
	support: {
		email: 'support@example.com',
		phone: '+1 555 0100',
		url: 'https://example.com/support',
	},
} satisfies ProviderProfileInput;
