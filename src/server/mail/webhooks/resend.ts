/**
 * Resend's webhooks, signed by Svix in the Standard Webhooks scheme: headers `svix-id`,
 * `svix-timestamp`, `svix-signature` (`v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">` under
 * the endpoint's `whsec_…` secret). Verified with the `standardwebhooks` package. A timestamp more
 * than five minutes away is stale (400), a wrong or missing signature 401, an id seen before a replay (400).
 */
import { Webhook } from 'standardwebhooks';

import type { DeliveryReason } from '../../../signup/contract.ts';
import { enhancedStatus, failureReason } from '../delivery-status.ts';
import { ignored, recordReport, takeOnce, WebhookRefusal, webhookToleranceMs, type WebhookContext, type WebhookOutcome } from './events.ts';
import { parseOwnMessageId } from './message-ref.ts';

/** Bounce sub-types (Resend's `data.bounce.subType`, from the underlying service) and their reasons. */
const subTypeReasons: Record<string, DeliveryReason> = {
	NoEmail: 'no_mailbox',
	General: 'other',
	Suppressed: 'no_mailbox',
	OnAccountSuppressionList: 'no_mailbox',
	MailboxFull: 'mailbox_full',
	MessageTooLarge: 'other',
	ContentRejected: 'rejected',
	AttachmentRejected: 'rejected',
};

/** Verifies a Resend delivery; returns the parsed event. */
export function verifyResend(secret: string, body: string, headers: (name: string) => string | undefined, now: number): Record<string, unknown> {
	const id = headers('svix-id');
	const timestamp = headers('svix-timestamp');
	const signature = headers('svix-signature');
	if (!id || !timestamp || !signature) throw new WebhookRefusal(401, 'no svix-id, svix-timestamp or svix-signature header');
	const sentAt = Number(timestamp) * 1000;
	if (!Number.isFinite(sentAt) || Math.abs(now - sentAt) > webhookToleranceMs) throw new WebhookRefusal(400, `stale or malformed timestamp ${timestamp}`);
	try {
		return new Webhook(secret).verify(body, { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature }) as Record<string, unknown>;
	} catch {
		throw new WebhookRefusal(401, 'the signature does not match');
	}
}

/**
 * Handles one verified Resend event. The message is the one our own `Message-ID` names: Resend
 * reports it in every email event as `data.message_id`, “RFC Message-ID header value for the email”
 * (https://resend.com/docs/webhooks/emails/bounced; https://resend.com/changelog/message-id-for-sent-emails).
 * Resend's `data.email_id` is its own id, which its SMTP documentation does not return to the
 * sender (https://resend.com/docs/send-with-smtp), and tags cannot be set over SMTP; an event whose
 * `message_id` is not one of ours is logged and shown to nobody.
 */
export async function handleResendEvent(context: WebhookContext, eventId: string, event: Record<string, unknown>): Promise<WebhookOutcome> {
	const type = event['type'];
	const data = (event['data'] ?? {}) as Record<string, unknown>;
	const to = Array.isArray(data['to']) ? data['to'][0] : data['to'];
	if (typeof type !== 'string' || typeof to !== 'string') throw new WebhookRefusal(400, 'not a Resend email event (type, data.to)');
	if (type !== 'email.bounced' && type !== 'email.complained') return ignored(`resend: a ${type} event, not about delivery failures, ignored`);
	await takeOnce(context.db, 'resend', eventId, context.clock.now());
	const at = Date.parse(String(event['created_at'] ?? '')) || context.clock.now();
	const target = { message: parseOwnMessageId(data['message_id']), recipient: to, serviceId: `email_id ${String(data['email_id'] ?? 'none')}` };
	if (type === 'email.complained') return recordReport(context, target, { kind: 'complained', at, source: 'resend' });
	const bounce = (data['bounce'] ?? {}) as Record<string, unknown>;
	const message = typeof bounce['message'] === 'string' ? bounce['message'] : null;
	const status = message ? enhancedStatus(message) : null;
	const reason = status ? failureReason(status) : (subTypeReasons[String(bounce['subType'] ?? '')] ?? 'other');
	return recordReport(context, target, { kind: 'bounced', reason, reply: message, at, source: 'resend' });
}
