import type { UiStringKey } from '../../content/i18n-schema.ts';
import type { Locale } from '../../signup/contract.ts';
import { mailServiceNames, mailServiceOf, spamHelpServices } from '../lib/mail-services.ts';
import { fillParts, type Translate } from '../lib/strings.ts';

/** The strings the spam help shows. */
export const spamHelpKeys = [
	'widgets.spam.title',
	...mailServiceNames.map((name) => `widgets.spam.${name}` as const),
	'widgets.spam.search',
	'widgets.sender',
] as const satisfies readonly UiStringKey[];

/**
 * Where the confirmation email may hide, by the folder and button names of the mail services the
 * page's market uses — the reader's own first, judged from the address they typed; “other
 * services” last — how to search for it, and the sender to add to their contacts.
 */
export function SpamHelp({ email, lang, senderAddress, t }: { email: string; lang: Locale; senderAddress?: string | undefined; t: Translate }) {
	const own = mailServiceOf(email);
	const ordered = spamHelpServices(email, lang);
	return (
		<section class="widget-spam" aria-labelledby="spam-help-title">
			<h3 id="spam-help-title">{t('widgets.spam.title')}</h3>
			<ul>
				{ordered.map((name) => (
					<li key={name} class={name === own && own !== 'other' ? 'widget-spam__own' : undefined}>
						{t(`widgets.spam.${name}`)}
					</li>
				))}
			</ul>
			<p>{t('widgets.spam.search')}</p>
			{senderAddress && (
				<p>
					{fillParts(t('widgets.sender'), {
						// One piece: an address broken at its hyphen (“no-” / “reply@…”) reads as two.
						sender: (
							<bdi dir="ltr" class="widget-address">
								{senderAddress}
							</bdi>
						),
					})}
				</p>
			)}
		</section>
	);
}
