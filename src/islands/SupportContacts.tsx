import type { Translate } from './lib/strings.ts';

/** The provider's support channels, as the widgets receive them. */
export interface Support {
	email?: string | undefined;
	phone?: string | undefined;
	url?: string | undefined;
}

/** The provider's support contacts inside a widget, for problems only the provider can solve. */
export function SupportContacts({ support, t }: { support: Support; t: Translate }) {
	return (
		<ul class="widget-contacts" aria-label={t('contacts.label')}>
			{support.email && (
				<li>
					{t('contacts.email')}: <a href={`mailto:${support.email}`}>{support.email}</a>
				</li>
			)}
			{support.phone && (
				<li>
					{t('contacts.phone')}:{' '}
					<a href={`tel:${support.phone.replace(/[^+0-9]/g, '')}`} dir="ltr">
						{support.phone}
					</a>
				</li>
			)}
			{support.url && (
				<li>
					{t('contacts.web')}: <a href={support.url}>{support.url}</a>
				</li>
			)}
		</ul>
	);
}
