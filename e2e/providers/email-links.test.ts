/**
 * Every link in every kind of email the help center sends opens a page of the provider's built
 * site, in the email's language: for each example provider and each of the eight languages a
 * reader may register in (an email in a language the site does not publish is written in its
 * default language). The emails are rendered by the server's own renderer for the provider as the
 * server resolves it, pointed at the provider's served site.
 */
import { expect, test } from '@playwright/test';

import { loadResolvedProvider } from '../../src/providers/load.ts';
import type { MailContent } from '../../src/server/mail/messages.ts';
import { renderMail } from '../../src/server/mail/render.ts';
import { localeTags } from '../../src/signup/contract.ts';
import { providerPorts, providerUrl } from './ports.ts';

const token = 'T'.repeat(43);
const contents: MailContent[] = [
	{ kind: 'confirm', token, code: '042917', expiresAt: 0 },
	{ kind: 'exists' },
	{ kind: 'reset', token, expiresAt: 0 },
	{ kind: 'password_changed' },
];

for (const id of Object.keys(providerPorts) as (keyof typeof providerPorts)[]) {
	test(`${id}: each link in each email opens a page in the email’s language`, async ({ request }) => {
		const site = providerUrl(id, '').replace(/\/$/, '');
		const provider = await loadResolvedProvider(process.cwd(), id, { siteUrl: site });
		for (const locale of localeTags) {
			for (const content of contents) {
				const mail = renderMail({ ...content, id: 1, to: 'ann@example.com', locale, createdAt: 0 }, provider);
				const lang = /<html lang="([^"]+)"/.exec(mail.html)![1]!;
				const links = [...new Set(mail.text.match(/https?:\/\/\S+/g) ?? [])].filter((href) => href.startsWith(`${site}/`));
				expect(links.length, `${content.kind} in ${locale}`).toBeGreaterThan(0);
				for (const link of links) {
					const answer = await request.get(link.split('#')[0]!);
					expect(answer.status(), `${content.kind} in ${locale}: ${link}`).toBe(200);
					expect(await answer.text(), `${content.kind} in ${locale}: ${link}`).toContain(`<html lang="${lang}"`);
				}
			}
		}
	});
}
