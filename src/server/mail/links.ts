/**
 * Links from the emails into the help center. English lives at the site root, every other language
 * under its lower-cased tag (`/fr/`, `/pt-br/`), as `config/locales.ts` lays the site out. Tokens
 * travel in the URL fragment, which browsers never send to a server, so they stay out of logs and
 * `Referer` headers; the page posts the token when the reader presses its button.
 */
import type { Locale } from '../../signup/contract.ts';

/** The site path prefix of a locale: `''` for English, `'/fr'`, `'/pt-br'`… */
export function localePathPrefix(locale: Locale): string {
	return locale === 'en' ? '' : `/${locale.toLowerCase()}`;
}

/** The help center's confirmation page, carrying the token. */
export function confirmLink(siteUrl: string, locale: Locale, token: string): string {
	return `${siteUrl}${localePathPrefix(locale)}/confirm/#token=${token}`;
}

/** The help center's new-password page, carrying the token. */
export function resetLink(siteUrl: string, locale: Locale, token: string): string {
	return `${siteUrl}${localePathPrefix(locale)}/reset-password/#token=${token}`;
}

/** The help center's password-recovery page, where a reader asks for a reset link. */
export function recoveryLink(siteUrl: string, locale: Locale): string {
	return `${siteUrl}${localePathPrefix(locale)}/password-recovery/`;
}
