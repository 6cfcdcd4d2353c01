/**
 * A help center built for a Navixy-backed provider never tells its readers about what the platform
 * lacks: no confirmation code, no button page, no 24-hour lifetime, no reset form of its own, no
 * passphrase longer than the policy allows. Checked on the built pages (`npm run build:providers`
 * writes `dist/<id>/`), in every language the provider publishes, against the passages the sources
 * reserve for those features and against a few phrases a reader would recognise.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, test } from 'vitest';

import { featureSwitches } from '../plugins/features.ts';
import { readBuildManifest } from './build-manifest.ts';
import { loadResolvedProvider, providerIds } from './load.ts';

const root = process.cwd();

/** Text for comparison: no Markdown or HTML, no quotes or apostrophes (typography changes them), one space. */
function normalize(value: string): string {
	return value
		.replace(/<[^>]+>/g, ' ')
		.replace(/&nbsp;|&#160;|\u00a0|\u202f/g, ' ')
		.replace(/&[a-z]+;|&#\d+;/g, '')
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/\*\*|`/g, '')
		.replace(/["'“”‘’«»„]/g, '')
		.replace(/\s+/g, ' ')
		.trim();
}

/** The sentences of the passages a page keeps for a feature that is off (`<OnlyIf feature="x">`). */
function reservedPassages(source: string, off: string[]): string[] {
	const block = /<OnlyIf feature="([^"]+)">([\s\S]*?)<\/OnlyIf>/g;
	const blocks = [...source.matchAll(block)].filter(([, feature]) => off.includes(feature!));
	// A sentence that the page also says outside those passages (“That's it.”) is no feature's.
	const kept = normalize(source.replace(block, (whole, feature: string) => (off.includes(feature) ? '' : whole)));
	return blocks
		.flatMap(([, , body]) => body!.split('\n'))
		.map((line) => normalize(line.replace(/^\s*(?:[-*]|\d+\.|#+)\s+/, '').replace(/<[A-Z][^>]*\/>/g, '')))
		.filter((line) => line.length >= 25 && !kept.includes(line));
}

/** Phrases no page of a Navixy build may contain, by language. */
const forbidden: Record<string, string[]> = {
	en: ['6-digit code', '24 hours', 'press the button', 'Why a button', 'four or five random words'],
	fr: ['code à 6 chiffres', '24 heures', 'Pourquoi ce bouton', 'quatre ou cinq mots'],
	ar: ['6 أرقام', '24 ساعة', 'أربع أو خمس كلمات'],
};

/** Every built page of a site folder: its path, language and main text. */
function builtPages(dir: string): { path: string; lang: string; text: string }[] {
	return readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.filter((file) => file.endsWith('index.html') && !file.startsWith('_'))
		.map((file) => {
			const html = readFileSync(join(dir, file), 'utf8');
			// The page's own text: the widgets (islands) follow the same features at run time, and are
			// checked in a browser where they are built.
			const main = (/<main[\s\S]*<\/main>/.exec(html)?.[0] ?? html).replace(/<astro-island[\s\S]*?<\/astro-island>|<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>|<noscript>[\s\S]*?<\/noscript>/g, ' ');
			return { path: `/${file.replace(/index\.html$/, '')}`, lang: /<html lang="([^"]+)"/.exec(html)?.[1] ?? '', text: normalize(main) };
		});
}

const navixyBuilds = providerIds(root)
	.map((id) => ({ id, dir: join(root, 'dist', id) }))
	.filter(({ dir }) => readBuildManifest(dir)?.backend === 'navixy');

describe('a Navixy-backed build', () => {
	if (navixyBuilds.length === 0) {
		test('(no Navixy-backed build in dist/<id>/: run npm run build:providers rimal to check it)', () => {
			console.info('No Navixy-backed provider build in dist/<id>/: its pages were not checked.');
		});
	}

	test.each(navixyBuilds.map((b) => [b.id, b] as const))('%s: no page speaks of a feature the platform lacks', async (_, { id, dir }) => {
		const provider = await loadResolvedProvider(root, id);
		const off = Object.entries(featureSwitches(provider))
			.filter(([, on]) => !on)
			.map(([name]) => name);
		expect(off).toEqual(expect.arrayContaining(['confirmationCode', 'confirmPage', 'linkLifetime', 'passwordReset', 'passwordResetRequest']));
		const pages = builtPages(dir);
		expect(pages.length).toBeGreaterThan(10);
		for (const published of provider.layout.locales) {
			const folder = join(root, 'src/content/docs', published.sourceKey === 'root' ? '' : published.sourceKey);
			const reserved = readdirSync(folder)
				.filter((file) => file.endsWith('.mdx'))
				.flatMap((file) => reservedPassages(readFileSync(join(folder, file), 'utf8'), off));
			expect(reserved.length, `${published.lang}: the sources reserve passages for these features`).toBeGreaterThan(5);
			const phrases = [...reserved, ...(forbidden[published.lang] ?? [])];
			for (const page of pages.filter((p) => p.lang === published.lang)) {
				for (const phrase of phrases) expect(page.text, `${id} ${page.path} says “${phrase}”`).not.toContain(normalize(phrase));
			}
		}
	});

	test.each(navixyBuilds.map((b) => [b.id, b] as const))('%s: the reset section links to the platform’s own “forgot password” page', async (_, { id, dir }) => {
		const provider = await loadResolvedProvider(root, id);
		for (const { prefix } of provider.layout.locales) {
			const file = join(dir, prefix, 'password-recovery', 'index.html');
			expect(existsSync(file), file).toBe(true);
			expect(readFileSync(file, 'utf8')).toContain(`href="${provider.forgotPasswordUrl!.replace('&', '&amp;')}"`);
		}
	});
});
