/**
 * The path of a help-center page in the current page's language: `/fr/confirm-email/` on a French
 * page, `/confirm-email/` on an English one. `locale` is Starlight's `starlightRoute.locale`.
 */
export function localePath(locale: string | undefined, slug: string, hash = ''): string {
	return `${locale ? `/${locale}` : ''}/${slug}/${hash ? `#${hash}` : ''}`;
}
