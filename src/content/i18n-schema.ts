import { z } from 'astro/zod';

/**
 * The strings this project adds to Starlight's own UI translations, grouped by where they appear.
 * Every locale's `src/content/i18n/<lang>.json` must define every key (checked by `npm test`).
 */
export const UiStringsSchema = z.object({
	// Provider support contacts (`<ProviderContacts />`)
	'contacts.label': z.string(),
	'contacts.email': z.string(),
	'contacts.phone': z.string(),
	'contacts.web': z.string(),

	// Links to the provider's login page (`<LoginLink />`)
	'login.open': z.string(),

	// What a widget's place shows before the widget runs, or without JavaScript
	'widgets.fallback.registration': z.string(),
	'widgets.fallback.status': z.string(),
	'widgets.fallback.passwordReset': z.string(),
});
