import type { UiStringKey } from '../../content/i18n-schema.ts';
import type { Delivery, DeliveryEvent } from '../../signup/contract.ts';

/** What the reader can do about the latest email, beside its sentence. */
export interface DeliveryOffers {
	/** The address looks wrong: offer to correct it. */
	correct: boolean;
	/** Only the provider can help: show its contacts. */
	contacts: boolean;
}

/** The latest email's state in words: one sentence and what to offer with it. */
export interface DeliveryMessage {
	/** The sentence; its `{{time}}`, `{{domain}}` and `{{sender}}` are filled by the part that shows it. */
	key: UiStringKey;
	/** The moment the sentence speaks of (ISO 8601): when it was sent, or when the next attempt is due. */
	time?: string | undefined;
	/** The receiving domain, for sentences that name it. */
	domain?: string | undefined;
	/** Something went wrong: the reader has to act. */
	problem: boolean;
	offers: DeliveryOffers;
}

/** Every sentence {@link describeDelivery} may choose. */
export const deliveryMessageKeys = [
	'widgets.delivery.queued',
	'widgets.delivery.sent',
	'widgets.delivery.sentNoSender',
	'widgets.delivery.deferred',
	'widgets.delivery.deferredSoon',
	'widgets.delivery.noMailbox',
	'widgets.delivery.noMailServer',
	'widgets.delivery.mailboxFull',
	'widgets.delivery.rejected',
	'widgets.delivery.rejectedNoSender',
	'widgets.delivery.refused',
	'widgets.delivery.complained',
	'widgets.delivery.suppressedNoMailbox',
	'widgets.delivery.suppressedBounced',
	'widgets.delivery.suppressedSpam',
	'widgets.delivery.handedOff',
	'widgets.delivery.platformFailed',
	'widgets.delivery.replaced',
] as const satisfies readonly UiStringKey[];

const none: DeliveryOffers = { correct: false, contacts: false };
const correct: DeliveryOffers = { correct: true, contacts: false };
const contacts: DeliveryOffers = { correct: false, contacts: true };
const both: DeliveryOffers = { correct: true, contacts: true };

/**
 * What the timeline of the latest email says now, in one sentence: its newest event decides
 * (a bounce after “sent” is what the reader needs to know). `undefined` while nothing happened yet.
 * `hasSender`: the provider names its sender address, so the sentences can tell what to search for.
 */
export function describeDelivery(delivery: Delivery, { hasSender }: { hasSender: boolean }): DeliveryMessage | undefined {
	const latest = delivery.events.at(-1);
	if (!latest) return undefined;
	const domain = latest.domain ?? delivery.email.split('@').at(-1);
	switch (latest.kind) {
		case 'queued':
			return { key: 'widgets.delivery.queued', time: latest.at, problem: false, offers: none };
		case 'sent':
			return { key: hasSender ? 'widgets.delivery.sent' : 'widgets.delivery.sentNoSender', time: latest.at, domain, problem: false, offers: none };
		case 'deferred':
			return latest.nextAttemptAt
				? { key: 'widgets.delivery.deferred', time: latest.nextAttemptAt, problem: false, offers: none }
				: { key: 'widgets.delivery.deferredSoon', problem: false, offers: none };
		case 'failed':
		case 'bounced':
			return refusal(latest, domain, hasSender);
		case 'complained':
			return { key: 'widgets.delivery.complained', problem: true, offers: contacts };
		case 'suppressed':
			return suppression(latest);
		case 'handed_off':
			return { key: 'widgets.delivery.handedOff', time: latest.at, problem: false, offers: none };
		case 'platform_failed':
			return { key: 'widgets.delivery.platformFailed', problem: true, offers: contacts };
		case 'replaced':
			// Not the reader's doing to fix: the newest email is the one that counts.
			return { key: 'widgets.delivery.replaced', problem: false, offers: none };
	}
}

/** A receiving server that said no, at send time or later: why decides what the reader can do. */
function refusal(event: DeliveryEvent, domain: string | undefined, hasSender: boolean): DeliveryMessage {
	switch (event.reason) {
		case 'no_mailbox':
			return { key: 'widgets.delivery.noMailbox', problem: true, offers: correct };
		case 'no_mail_server':
			return { key: 'widgets.delivery.noMailServer', domain, problem: true, offers: correct };
		case 'mailbox_full':
			return { key: 'widgets.delivery.mailboxFull', problem: true, offers: none };
		case 'rejected':
			return hasSender
				? { key: 'widgets.delivery.rejected', problem: true, offers: none }
				: { key: 'widgets.delivery.rejectedNoSender', problem: true, offers: contacts };
		case 'other':
		case undefined:
			return { key: 'widgets.delivery.refused', problem: true, offers: both };
	}
}

/** Not sent at all, because of what happened to earlier emails to the address. */
function suppression(event: DeliveryEvent): DeliveryMessage {
	switch (event.reason) {
		case 'no_mailbox':
		case 'no_mail_server':
			return { key: 'widgets.delivery.suppressedNoMailbox', problem: true, offers: both };
		case 'rejected':
			return { key: 'widgets.delivery.suppressedSpam', problem: true, offers: both };
		case 'mailbox_full':
		case 'other':
		case undefined:
			return { key: 'widgets.delivery.suppressedBounced', problem: true, offers: both };
	}
}
