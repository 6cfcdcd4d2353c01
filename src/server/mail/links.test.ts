/**
 * Every link in every kind of email lands on a page that exists, in the email's language, for
 * every example provider and every language — the layout of an Arabic-first site included.
 * Checked against the content the build publishes (the same files, ids and layout), and against a
 * built site in `dist/` when one is there.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, test } from 'vitest';

import { pageSlugs } from '../../../config/pages.ts';
import { localeKeys } from '../../../config/locales.ts';
import { readBuildManifest } from '../../providers/build-manifest.ts';
import { loadResolvedProvider, providerIds } from '../../providers/load.ts';
import type { ResolvedProvider } from '../../providers/resolve.ts';
import { providerContent } from '../../providers/site.ts';
import { localeTags, type Locale } from '../../signup/contract.ts';
import type { MailContent, MailMessage } from './messages.ts';
import { renderMail } from './render.ts';

const root = process.cwd();
const token = 'T'.repeat(43);
const contents: MailContent[] = [
	{ kind: 'confirm', token, code: '042917', expiresAt: 0 },
	{ kind: 'exists' },
	{ kind: 'reset', token, expiresAt: 0 },
	{ kind: 'password_changed' },
];

/** The help-center links of an email (its HTML and its text), as paths. */
function siteLinks(provider: ResolvedProvider, locale: Locale, content: MailContent): { lang: string; paths: string[] } {
	const message: MailMessage = { ...content, id: 1, to: 'ann@example.com', locale, createdAt: 0 };
	const mail = renderMail(message, provider);
	const hrefs = [...mail.html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&#61;', '=')).concat(mail.text.match(/https?:\/\/\S+/g) ?? []);
	const paths = hrefs.filter((href) => href.startsWith(`${provider.siteUrl}/`)).map((href) => new URL(href).pathname);
	return { lang: /<html lang="([^"]+)"/.exec(mail.html)![1]!, paths: [...new Set(paths)] };
}

/** The pages the build publishes for a provider: path → the language of its text. */
function publishedPages(provider: ResolvedProvider): Map<string, string> {
	const { generateId } = providerContent(root, provider);
	const pages = new Map<string, string>();
	for (const published of provider.layout.locales) {
		const folder = published.sourceKey === 'root' ? '' : `${published.sourceKey}/`;
		for (const slug of pageSlugs) {
			if (!['.mdx', '.md'].some((ext) => existsSync(join(root, 'src/content/docs', `${folder}${slug}${ext}`)))) continue;
			const id = generateId({ entry: `content/docs/${folder}${slug}.mdx` });
			pages.set(id === 'index' ? '/' : `/${id}/`, published.lang);
		}
	}
	return pages;
}

const providers = await Promise.all(providerIds(root).map((id) => loadResolvedProvider(root, id)));

describe.each(providers.map((p) => [p.id, p] as const))('the emails of %s', (_, provider) => {
	const pages = publishedPages(provider);

	test.each(localeTags)('in %s link to pages that exist, in the email’s language', (locale) => {
		const published = provider.layout.locales.some((l) => l.lang === locale);
		for (const content of contents) {
			const { lang, paths } = siteLinks(provider, locale, content);
			// An email is written in a language the site publishes: the reader's, or the site's default.
			expect(lang, content.kind).toBe(published ? locale : provider.defaultLocale);
			expect(paths.length, content.kind).toBeGreaterThan(0);
			for (const path of paths) {
				expect(pages.has(path), `${content.kind} in ${locale} links to ${path}, which ${provider.id} does not publish`).toBe(true);
				expect(pages.get(path), `${content.kind} in ${locale}: ${path}`).toBe(lang);
			}
		}
	});
});

test('the layout check would catch a link outside the layout', async () => {
	const rimal = await loadResolvedProvider(root, 'rimal');
	const pages = publishedPages(rimal);
	expect(pages.get('/confirm/')).toBe('ar');
	expect(pages.get('/en/confirm/')).toBe('en');
	expect(pages.has('/ar/confirm/')).toBe(false);
	expect(localeKeys).toContain('ar');
});

/** Built sites on disk: `dist/` (any provider) and `dist/<id>/` (`npm run build:providers`). */
const builds = ['dist', ...providerIds(root).map((id) => join('dist', id))]
	.map((dir) => ({ dir, manifest: readBuildManifest(join(root, dir)) }))
	.filter((build) => build.manifest !== null);

describe('in a built site', () => {
	if (builds.length === 0) {
		test('(no built site in dist/: run npm run build or npm run build:providers to check the built pages too)', () => {
			console.info('No built site with a build manifest in dist/ or dist/<id>/: the built pages were not checked.');
		});
	}
	test.each(builds.map((b) => [b.dir, b] as const))('%s: every email link opens a built page in the email’s language', async (_, { dir, manifest }) => {
		const provider = await loadResolvedProvider(root, manifest!.provider);
		for (const locale of localeTags) {
			for (const content of contents) {
				const { lang, paths } = siteLinks(provider, locale, content);
				for (const path of paths) {
					const file = join(root, dir, path, 'index.html');
					expect(existsSync(file), `${content.kind} in ${locale} links to ${path}: no ${file}`).toBe(true);
					expect(readFileSync(file, 'utf8'), file).toContain(`<html lang="${lang}"`);
				}
			}
		}
	});
});
