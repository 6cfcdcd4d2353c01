/**
 * The pages every locale must have, by slug (the file name under `src/content/docs/<locale>/`
 * without its extension; `index` is the home page). The completeness check and the end-to-end
 * tests walk this list, so a page added here is checked in every language.
 */
export const pageSlugs = [
	'index',
	'sign-up',
	'confirm-email',
	'service-provider',
	'password-recovery',
	'email-delivery',
	'devices',
	'faq',
	'confirm',
	'reset-password',
	'404',
] as const;

/**
 * Pages reached only from the links in emails, and the page for an address that does not exist
 * (`404`, served in the reader's language for any unknown address under that language): they
 * stay out of the sidebar (and, through their frontmatter, out of search), yet exist in every
 * language like the others.
 */
export const linkOnlySlugs: readonly PageSlug[] = ['confirm', 'reset-password', '404'];

/** One of the help center's pages. */
export type PageSlug = (typeof pageSlugs)[number];

/** The path of a page in a locale, with a trailing slash: `/fr/sign-up/`, `/` for the English home. */
export function pagePath(prefix: string, slug: PageSlug): string {
	return slug === 'index' ? `${prefix}/` : `${prefix}/${slug}/`;
}
