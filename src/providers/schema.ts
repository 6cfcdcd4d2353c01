import { z } from 'zod';

import { localeTags } from '../signup/contract.ts';
import { PasswordPolicySchema } from '../signup/contract.ts';
import { navixyPasswordPolicy, nistPasswordPolicy } from '../signup/password-policy.ts';
import { contrastRatio } from './contrast.ts';
import { backgrounds, darkShades, lightShades } from './theme.ts';

/** Named password policies a profile can pick instead of spelling one out. */
export const namedPasswordPolicies = { nist: nistPasswordPolicy, navixy: navixyPasswordPolicy } as const;

/** WCAG AA's minimum contrast for normal text. */
const minContrast = 4.5;

const httpUrl = z.url({ protocol: /^https?$/, error: 'Use a full http(s) address, like https://example.com/.' });
const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #1f5fbf.');
const LocaleTagSchema = z.enum(localeTags, { error: `Use one of ${localeTags.join(', ')}.` });

/** The brand colours, checked for WCAG AA contrast where Starlight uses them as text. */
const ColorsSchema = z
	.strictObject({
		/** The accent in the light theme: links and buttons on white. Needs 4.5:1 against white. */
		light: hexColor,
		/** The accent in the dark theme: links on the dark background. Needs 4.5:1 against it. */
		dark: hexColor,
	})
	.superRefine((colors, ctx) => {
		const checks: [keyof typeof colors, string, string, string][] = [
			['light', colors.light, backgrounds.light, 'the light background (white)'],
			['light', colors.light, '#eef0f4', 'the light sidebar (#eef0f4)'],
			['dark', colors.dark, backgrounds.dark, `the dark background (${backgrounds.dark})`],
			['dark', colors.dark, '#23262e', 'the dark sidebar (#23262e)'],
			['dark', colors.dark, darkShades(colors.dark).low, 'the text of dark-theme buttons'],
			['light', lightShades(colors.light).accent, '#ffffff', 'the white text of light-theme buttons'],
		];
		for (const [field, foreground, background, where] of checks) {
			const ratio = contrastRatio(foreground, background);
			if (ratio < minContrast) {
				ctx.addIssue({
					code: 'custom',
					path: [field],
					message: `${foreground} has a contrast of ${ratio.toFixed(2)}:1 with ${where}; WCAG AA needs ${minContrast}:1. Use a ${field === 'light' ? 'darker' : 'lighter'} colour.`,
				});
			}
		}
	});

/** Localized text: one string for every language, or one per language tag (English required). */
const LocalizedTextSchema = z.union([z.string().min(1), z.partialRecord(LocaleTagSchema, z.string().min(1)).refine((r) => 'en' in r, 'Give at least the English text (en).')], {
	error: 'Give a text, or an object of texts by language tag with at least en: { en: "…", fr: "…" }.',
});

/**
 * A service provider's profile: the data that brands a build of the help center. Profiles are
 * data only; nothing in a profile imports application code.
 */
export const ProviderProfileSchema = z
	.strictObject({
		/** Stable id, used in `PROVIDER=<id>`, asset paths, `dist/<id>/` and test names. */
		id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'Use lowercase letters, digits and hyphens, starting with a letter.'),
		/**
		 * The provider's brand name, shown in the site title, the contacts and the emails. Leave it
		 * out for a neutral build that speaks of “your service provider”.
		 */
		name: z.string().min(1).optional(),
		/** The logo, as files in the provider's folder (`logo.svg`); `dark` is for the dark theme. */
		logo: z
			.strictObject({
				light: z.string().regex(/^[\w.-]+\.(svg|png|webp)$/, 'Name a file in the provider folder, like logo.svg.'),
				dark: z.string().regex(/^[\w.-]+\.(svg|png|webp)$/, 'Name a file in the provider folder, like logo-dark.svg.').optional(),
				/** Whether the logo already shows the name (then the title text is hidden, not removed). */
				replacesTitle: z.boolean().default(false),
			})
			.optional(),
		/** The brand colours; checked for contrast. Leave out for Starlight's own blue. */
		colors: ColorsSchema.optional(),
		/**
		 * Where the accounts live: `local`, the help center's built-in backend; `navixy`, the
		 * provider's Navixy platform; `traccar`, the provider's Traccar server (the help center
		 * confirms, Traccar holds the account); `platform`, the provider's own platform behind the signed
		 * platform contract (`src/platform-contract/`). It decides what the pages and widgets offer. @default 'local'
		 */
		backend: z.enum(['local', 'navixy', 'traccar', 'platform'], { error: 'Use local, navixy, traccar or platform.' }).default('local'),
		/** The address of the provider's login page, where readers sign in and register. */
		loginUrl: httpUrl,
		/** Where the sign-up API answers; leave out when it is served with the site (same origin). */
		apiBaseUrl: httpUrl.optional(),
		/** How readers reach the provider's support. At least one channel is needed. */
		support: z
			.strictObject({
				/** Support email address. */
				email: z.email('Use an email address like support@example.com.').optional(),
				/** Support phone number, as dialled from abroad (`+33 1 23 45 67 89`). */
				phone: z.string().regex(/^\+?[0-9 ().-]{6,}$/, 'Write the number with digits, spaces and an optional leading +.').optional(),
				/** A support or contact web page. */
				url: httpUrl.optional(),
				/** When support answers, e.g. “Monday to Friday, 9:00–18:00 CET”, per language. */
				hours: LocalizedTextSchema.optional(),
			})
			.refine((s) => Boolean(s.email ?? s.phone ?? s.url), 'Give at least one support channel: email, phone or url.'),
		/** The address the emails come from, so readers know what to look for and can allow it. */
		senderAddress: z.email('Use an email address like no-reply@example.com.').optional(),
		/** Whether readers may create accounts themselves. When off, the site explains how to get one from the provider. @default true */
		selfRegistration: z.boolean().default(true),
		/**
		 * The password policy new passwords must meet: `nist` (at least 15 characters, no composition
		 * rules; the default), `navixy` (12–20 characters with character classes), or one of its own.
		 * @default 'nist'
		 */
		passwordPolicy: z
			.union([z.enum(['nist', 'navixy']), PasswordPolicySchema])
			.default('nist')
			.transform((policy) => (typeof policy === 'string' ? namedPasswordPolicies[policy] : policy)),
		/** The languages the provider offers, as BCP-47 tags. @default every language of the help center */
		locales: z.array(LocaleTagSchema).min(1, 'Offer at least one language.').default([...localeTags]),
		/** The language at the site's root; one of `locales`. @default 'en' */
		defaultLocale: LocaleTagSchema.default('en'),
		/**
		 * How long a confirmation link (and code) stays valid, in seconds. Leave out for the built-in
		 * backend's 24 hours; with `navixy` the platform does not document it, so the pages state none
		 * unless it is given here.
		 */
		confirmationTtlSeconds: z.int().min(60).max(30 * 86_400).optional(),
		/** Seconds a reader waits before a second email of one kind. @default 300 */
		resendCooldownSeconds: z.int().min(0).max(86_400).optional(),
		/**
		 * The platform's own “forgot password” page, linked where the help center cannot reset a
		 * password. With `navixy` it defaults to the login domain's `?partition=password_remind` page.
		 */
		forgotPasswordUrl: httpUrl.optional(),
		/** The provider's terms of service, linked from the registration form. */
		termsUrl: httpUrl.optional(),
		/** The provider's privacy policy, linked from the registration form. */
		privacyUrl: httpUrl.optional(),
		/** Where the help center is published: canonical links and the sitemap use it. */
		siteUrl: httpUrl,
	})
	.superRefine((profile, ctx) => {
		if (!profile.locales.includes(profile.defaultLocale)) {
			ctx.addIssue({ code: 'custom', path: ['defaultLocale'], message: `${profile.defaultLocale} is not one of the offered locales (${profile.locales.join(', ')}). Add it to locales or choose another.` });
		}
		if (new Set(profile.locales).size !== profile.locales.length) {
			ctx.addIssue({ code: 'custom', path: ['locales'], message: 'A language is listed twice.' });
		}
	});

/** A profile as written in `src/providers/<id>/profile.ts`. */
export type ProviderProfileInput = z.input<typeof ProviderProfileSchema>;
/** A validated profile, with defaults applied. */
export type ProviderProfile = z.output<typeof ProviderProfileSchema>;
