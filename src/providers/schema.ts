import { z } from 'zod';

import { PasswordPolicySchema } from '../signup/contract.ts';
import { navixyPasswordPolicy, nistPasswordPolicy } from '../signup/password-policy.ts';

/** Named password policies a profile can pick instead of spelling one out. */
export const namedPasswordPolicies = { nist: nistPasswordPolicy, navixy: navixyPasswordPolicy } as const;

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
	/** The address the emails come from, so readers know what to look for and can allow it. */
	senderAddress: z.email().optional(),
	/** Whether readers may create accounts themselves. When off, the site explains how to get one from the provider. @default true */
	selfRegistration: z.boolean().default(true),
	/**
	 * The password policy new passwords must meet: `nist` (at least 15 characters, no composition
	 * rules; the default), `navixy` (12–20 characters with character classes), or a policy of its own.
	 * @default 'nist'
	 */
	passwordPolicy: z
		.union([z.enum(['nist', 'navixy']), PasswordPolicySchema])
		.default('nist')
		.transform((policy) => (typeof policy === 'string' ? namedPasswordPolicies[policy] : policy)),
	/** The provider's terms of service, linked from the registration form. */
	termsUrl: z.url({ protocol: /^https?$/ }).optional(),
	/** The provider's privacy policy, linked from the registration form. */
	privacyUrl: z.url({ protocol: /^https?$/ }).optional(),
});

/** A profile as written in `src/providers/<id>/profile.ts`. */
export type ProviderProfileInput = z.input<typeof ProviderProfileSchema>;
/** A validated profile, with defaults applied. */
export type ProviderProfile = z.output<typeof ProviderProfileSchema>;
