/**
 * The notice on a translated page that a translator marked as behind its English source
 * (`npm run i18n:outdated`; the records live in `src/content/translation-state/`): it says so in
 * the page's language and links to the English page.
 */

/** One language's records, as `scripts/i18n/translation-state.ts` writes them (only what the notice needs). */
export type TranslationRecords = Record<string, { outdated?: true }>;

/** The English file a translated page was made from (`src/content/docs/fr/faq.mdx` → `src/content/docs/faq.mdx`), or `null`. */
export function englishSourceOf(filePath: string): string | null {
	const match = /^(.*\/content\/docs)\/[^/]+\/(.+)$/.exec(filePath.split('\\').join('/'));
	return match ? `${match[1]}/${match[2]}` : null;
}

/** Whether the page in `filePath` (relative to the repository) is marked outdated in `records`. */
export function isMarkedOutdated(filePath: string | undefined, records: TranslationRecords | undefined): boolean {
	const source = filePath ? englishSourceOf(filePath) : null;
	return Boolean(source && records?.[source]?.outdated);
}

/** Escapes text for HTML. */
function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The banner's HTML: the localized notice and, when known, a link to the English page. */
export function outdatedBanner(notice: string, linkText: string, englishHref: string | undefined): string {
	const link = englishHref ? ` <a href="${escapeHtml(englishHref)}" hreflang="en">${escapeHtml(linkText)}</a>` : '';
	return `${escapeHtml(notice)}${link}`;
}
