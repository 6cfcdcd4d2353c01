import type { UiStringKey } from '../../content/i18n-schema.ts';
import { mailServiceNames, mailServiceOf } from '../lib/email-suggestion.ts';
import { fillParts, type Translate } from '../lib/strings.ts';

/** The strings the spam help shows. */
export const spamHelpKeys = [
	'widgets.spam.title',
	...mailServiceNames.map((name) => `widgets.spam.${name}` as const),
	'widgets.sender',
] as const satisfies readonly UiStringKey[];

/**
 * Where the confirmation email may hide, for each common mail service — the reader's own first,
 * judged from the address they typed; “other services” last while the address tells nothing —
 * and the sender to add to their contacts.
 */
export function SpamHelp({ email, senderAddress, t }: { email: string; senderAddress?: string | undefined; t: Translate }) {
	const own = mailServiceOf(email);
	const ordered = own === 'other' ? mailServiceNames : [own, ...mailServiceNames.filter((name) => name !== own)];
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
