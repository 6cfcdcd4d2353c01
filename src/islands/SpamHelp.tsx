import { mailServiceNames, mailServiceOf } from './lib/email-suggestion.ts';
import type { Translate } from './lib/strings.ts';

/**
 * Where the confirmation email may hide, for each common mail service — the reader's own first,
 * judged from the address they typed — and the sender to add to their contacts.
 */
export function SpamHelp({ email, senderAddress, t }: { email: string; senderAddress?: string | undefined; t: Translate }) {
	const own = mailServiceOf(email);
	const ordered = [own, ...mailServiceNames.filter((name) => name !== own)];
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
			{senderAddress && <p>{t('widgets.sender', { sender: senderAddress })}</p>}
		</section>
	);
}
