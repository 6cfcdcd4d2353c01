import { useMemo } from 'preact/hooks';

import type { UiStringKey } from '../../content/i18n-schema.ts';
import type { Delivery } from '../../signup/contract.ts';
import { deliveryMessageKeys, describeDelivery } from '../lib/delivery-message.ts';
import { fillParts, type Translate } from '../lib/strings.ts';
import { formatClockTime } from '../lib/time.ts';
import { SupportContacts, supportContactsKeys, type Support } from './SupportContacts.tsx';

/** The strings the delivery status shows. */
export const deliveryStatusKeys = [...deliveryMessageKeys, ...supportContactsKeys, 'widgets.change.registerAgain'] as const satisfies readonly UiStringKey[];

interface DeliveryStatusProps {
	/** The latest email's timeline, from the status answer; none yet, or none on this backend. */
	delivery: Delivery | undefined;
	lang: string;
	senderAddress?: string | undefined;
	support: Support;
	/** The checker offers “That's not my address” itself; otherwise a wrong address means registering again. */
	canCorrect: boolean;
	signUpUrl: string;
	t: Translate;
	/** The reader's time zone unless a test names one. */
	timeZone?: string | undefined;
}

/**
 * What happened to the latest email, in one plain sentence — sent and accepted by the recipient's
 * server, asked to retry, refused and why, not sent — with what the reader can do about it. The
 * sentence sits in a polite live region that is always in the page: it is announced when it
 * changes, and a poll that brings the same state changes nothing, so nothing is read again.
 * Addresses, domains and the sender are isolated (`<bdi>`) so right-to-left text keeps them whole.
 */
export function DeliveryStatus({ delivery, lang, senderAddress, support, canCorrect, signUpUrl, t, timeZone }: DeliveryStatusProps) {
	const message = useMemo(() => (delivery ? describeDelivery(delivery, { hasSender: Boolean(senderAddress) }) : undefined), [delivery, senderAddress]);
	const isolated = (text: string | undefined, className?: string) => (
		<bdi dir="ltr" class={className}>
			{text}
		</bdi>
	);
	return (
		<>
			<div id="delivery-status" aria-live="polite" class={message?.problem ? 'widget-delivery widget-delivery--problem' : 'widget-delivery'} data-state={message?.key.split('.').at(-1)}>
				{message && (
					<p>
						{fillParts(t(message.key), {
							time: message.time ? <time dateTime={message.time}>{formatClockTime(message.time, lang, timeZone ? { timeZone } : {})}</time> : '',
							domain: isolated(message.domain),
							sender: isolated(senderAddress, 'widget-address'),
						})}
					</p>
				)}
			</div>
			{message?.offers.correct && !canCorrect && (
				<p>
					<a href={signUpUrl}>{t('widgets.change.registerAgain')}</a>
				</p>
			)}
			{message?.offers.contacts && <SupportContacts support={support} t={t} />}
		</>
	);
}
