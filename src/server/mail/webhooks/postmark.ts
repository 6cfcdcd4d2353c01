/**
 * Postmark's bounce and spam-complaint webhooks. Postmark secures a webhook with HTTP basic
 * authentication: the credentials are put in the webhook's URL (`https://user:password@host/…`) and
 * sent as `Authorization: Basic …` (postmarkapp.com, “Webhooks overview”, “Protecting your
 * webhook”). A request without them, or with wrong ones, is refused (401); an event whose `ID` was
 * received already is a replay (400).
 */
import { timingSafeEqual } from 'node:crypto';

import type { DeliveryReason } from '../../../signup/contract.ts';
import { enhancedStatus, failureReason } from '../delivery-status.ts';
import { ignored, recordReport, takeOnce, WebhookRefusal, type EventTarget, type WebhookContext, type WebhookOutcome } from './events.ts';
import { parseMessageRef, postmarkRefKey } from './message-ref.ts';

/** The credentials the provider put in the webhook URL. */
export interface PostmarkCredentials {
	user: string;
	password: string;
}

/** Bounce types (Postmark's `Type`) and the reason each means; types not listed are not failures of the message (auto-replies, subscriptions…). */
const bounceReasons: Record<string, DeliveryReason> = {
	HardBounce: 'no_mailbox',
	BadEmailAddress: 'no_mailbox',
	DnsError: 'no_mail_server',
	SpamNotification: 'rejected',
	Blocked: 'rejected',
	DMARCPolicy: 'rejected',
	SoftBounce: 'other',
	Transient: 'other',
	Undeliverable: 'other',
	Unknown: 'other',
	VirusNotification: 'rejected',
};

function same(a: string, b: string): boolean {
	const left = Buffer.from(a);
	const right = Buffer.from(b);
	return left.length === right.length && timingSafeEqual(left, right);
}

/** Checks the basic-auth header against the configured credentials; throws a 401 refusal otherwise. */
export function checkPostmarkAuth(header: string | undefined, credentials: PostmarkCredentials): void {
	const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header ?? '');
	if (!match) throw new WebhookRefusal(401, 'no basic-auth credentials');
	const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	// Both compared, whatever the first says, so that the time tells nothing about which was wrong.
	const userOk = same(decoded.slice(0, Math.max(0, colon)), credentials.user);
	const passwordOk = same(decoded.slice(colon + 1), credentials.password);
	if (colon < 0 || !userOk || !passwordOk) throw new WebhookRefusal(401, 'wrong basic-auth credentials');
}

/**
 * The message a Postmark event is about: our signed reference in its `Metadata` (sent as an
 * `X-PM-Metadata-signup-ref` header, see `message-ref.ts`). Postmark's own `MessageID` is its id
 * for the message, which it does not document in its SMTP reply, so we cannot tie it to a row.
 */
function targetOf(context: WebhookContext, event: Record<string, unknown>, email: string): EventTarget {
	const metadata = event['Metadata'];
	const entries = metadata && typeof metadata === 'object' ? Object.entries(metadata as Record<string, unknown>) : [];
	const ref = entries.find(([name]) => name.toLowerCase() === postmarkRefKey)?.[1];
	return { message: parseMessageRef(context.refKey, ref), recipient: email, serviceId: `MessageID ${String(event['MessageID'] ?? 'none')}` };
}

/** Handles one authenticated Postmark event. */
export async function handlePostmarkEvent(context: WebhookContext, body: unknown): Promise<WebhookOutcome> {
	const event = (body ?? {}) as Record<string, unknown>;
	const recordType = event['RecordType'];
	const id = event['ID'];
	const email = event['Email'];
	if (typeof recordType !== 'string' || (typeof id !== 'number' && typeof id !== 'string') || typeof email !== 'string') {
		throw new WebhookRefusal(400, 'not a Postmark bounce or spam-complaint event (RecordType, ID, Email)');
	}
	const at = Date.parse(String(event['BouncedAt'] ?? '')) || context.clock.now();
	const target = targetOf(context, event, email);
	if (recordType === 'SpamComplaint') {
		await takeOnce(context.db, 'postmark', `${recordType}:${id}`, context.clock.now());
		return await recordReport(context, target, { kind: 'complained', at, source: 'postmark' });
	}
	if (recordType !== 'Bounce') return ignored(`postmark: a ${recordType} event, not about delivery failures, ignored`);
	const type = String(event['Type'] ?? '');
	const typeReason = bounceReasons[type];
	if (!typeReason) return ignored(`postmark: a ${type} bounce (not a failure of the message), ignored`);
	await takeOnce(context.db, 'postmark', `${recordType}:${id}`, context.clock.now());
	const details = typeof event['Details'] === 'string' ? event['Details'] : '';
	const status = enhancedStatus(details);
	return recordReport(context, target, {
		kind: 'bounced',
		reason: status ? failureReason(status) : typeReason,
		reply: details || (typeof event['Description'] === 'string' ? event['Description'] : null),
		at,
		source: 'postmark',
	});
}
