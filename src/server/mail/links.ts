/**
 * Links from the emails into the help center. They follow the provider's locale layout exactly as
 * the pages' links do (an Arabic-first site has Arabic at `/` and English at `/en/`), so a link
 * always lands on a page that exists, in the email's language. Tokens travel in the URL fragment,
 * which browsers never send to a server, so they stay out of logs and `Referer` headers; the page
 * posts the token when the reader presses its button.
 */
import { pageUrl } from '../../providers/layout.ts';
import type { ResolvedProvider } from '../../providers/resolve.ts';
import type { Locale } from '../../signup/contract.ts';

type Site = Pick<ResolvedProvider, 'siteUrl' | 'layout'>;

/** The help center's confirmation page, carrying the token. */
export function confirmLink(site: Site, locale: Locale, token: string): string {
	return `${pageUrl(site.siteUrl, site.layout, locale, 'confirm')}#token=${token}`;
}

/** The help center's new-password page, carrying the token. */
export function resetLink(site: Site, locale: Locale, token: string): string {
	return `${pageUrl(site.siteUrl, site.layout, locale, 'reset-password')}#token=${token}`;
}

/** The help center's password-recovery page, where a reader asks for a reset link. */
export function recoveryLink(site: Site, locale: Locale): string {
	return pageUrl(site.siteUrl, site.layout, locale, 'password-recovery');
}
