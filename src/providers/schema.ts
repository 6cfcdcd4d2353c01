import { z } from 'zod';

/**
 * A service provider's profile: the data that brands a build of the help center.
 * Profiles are data only; nothing in a profile imports application code.
 */
export const ProviderProfileSchema = z.strictObject({
	/** Stable id, used in `PROVIDER=<id>`, asset paths and test names. */
	id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'Use lowercase letters, digits and hyphens, starting with a letter.'),
	/**
	 * The provider's brand name. Leave it out for a neutral build: the site then speaks of
	 * “your service provider” in each reader's language.
	 */
	name: z.string().min(1).optional(),
	/** The address of the provider's login page, where readers sign in and register. */
	loginUrl: z.url({ protocol: /^https?$/ }),
	/** How readers reach the provider's support. At least one channel is needed. */
	support: z
		.strictObject({
			/** Support email address. */
			email: z.email().optional(),
			/** Support phone number, as dialled from abroad (`+33 1 23 45 67 89`). */
			phone: z.string().regex(/^\+?[0-9 ().-]{6,}$/, 'Write the number with digits, spaces and an optional leading +.').optional(),
			/** A support or contact web page. */
			url: z.url({ protocol: /^https?$/ }).optional(),
		})
		.refine((s) => Boolean(s.email ?? s.phone ?? s.url), 'Give at least one support channel: email, phone or url.'),
});

/** A profile as written in `src/providers/<id>/profile.ts`. */
export type ProviderProfileInput = z.input<typeof ProviderProfileSchema>;
/** A validated profile, with defaults applied. */
export type ProviderProfile = z.output<typeof ProviderProfileSchema>;
