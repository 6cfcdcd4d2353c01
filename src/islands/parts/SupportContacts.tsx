import type { UiStringKey } from '../../content/i18n-schema.ts';
import type { Translate } from '../lib/strings.ts';

/** The strings the contacts list shows. */
export const supportContactsKeys = ['contacts.label', 'contacts.email', 'contacts.phone', 'contacts.web', 'contacts.hours'] as const satisfies readonly UiStringKey[];

/** The provider's support channels, as the widgets receive them. */
export interface Support {
	email?: string | undefined;
	phone?: string | undefined;
	url?: string | undefined;
}

interface SupportContactsProps {
	support: Support;
	t: Translate;
	/** When support answers, in the page's language (or in `lang` when only another one exists). */
	hours?: { text: string; lang?: string | undefined } | undefined;
	/** The list's accessible name; default “Support contacts of your service provider”. */
	label?: string | undefined;
}

/**
 * The provider's support channels, each with its label in the page's language: inside a widget
 * for problems only the provider can solve, and on the pages (`ProviderContacts.astro`).
 */
export function SupportContacts({ support, t, hours, label }: SupportContactsProps) {
	return (
		<ul class="widget-contacts" aria-label={label ?? t('contacts.label')}>
			{support.email && (
				<li>
					<span class="widget-contacts__label">{t('contacts.email')}:</span> <a href={`mailto:${support.email}`}>{support.email}</a>
				</li>
			)}
			{support.phone && (
				<li>
					<span class="widget-contacts__label">{t('contacts.phone')}:</span>{' '}
					<a href={`tel:${support.phone.replace(/[^+0-9]/g, '')}`} dir="ltr">
						{support.phone}
					</a>
				</li>
			)}
			{support.url && (
				<li>
					<span class="widget-contacts__label">{t('contacts.web')}:</span>{' '}
					<a href={support.url} rel="external">
						{support.url}
					</a>
				</li>
			)}
			{hours && (
				<li>
					<span class="widget-contacts__label">{t('contacts.hours')}:</span> <span lang={hours.lang}>{hours.text}</span>
				</li>
			)}
		</ul>
	);
}
