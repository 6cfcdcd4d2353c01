/**
 * Amazon SES bounce and complaint notifications, delivered by Amazon SNS to `POST /webhooks/ses`
 * (https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html). The SNS message is
 * verified first (`sns.ts`); its `MessageId` is taken once (a replay is refused). The message an
 * event is about is the one our own `Message-ID` names: SES rewrites the headers when it sends, and
 * gives the original ones back in `mail.commonHeaders.messageId` and `mail.headers` — when the
 * identity's notifications include the original headers (“Include original email headers”);
 * without them an event names no message of ours, and is logged and shown to nobody.
 */
import type { DeliveryReason } from '../../../signup/contract.ts';
import { enhancedStatus, failureReason } from '../delivery-status.ts';
import { ignored, recordReport, takeOnce, WebhookRefusal, type WebhookContext, type WebhookOutcome } from './events.ts';
import { parseOwnMessageId } from './message-ref.ts';
import type { SnsMessage } from './sns.ts';

/** Bounce sub-types (`bounce.bounceSubType`) and their reasons, when the recipient's status says nothing. */
const subTypeReasons: Record<string, DeliveryReason> = {
	NoEmail: 'no_mailbox',
	Suppressed: 'no_mailbox',
	OnAccountSuppressionList: 'no_mailbox',
	MailboxFull: 'mailbox_full',
	ContentRejected: 'rejected',
	AttachmentRejected: 'rejected',
};

type Json = Record<string, unknown>;
const object = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.map(object) : []);

/** The original Message-ID of the email a notification is about, when SES gave the original headers back. */
function originalMessageId(mail: Json): unknown {
	const common = object(mail['commonHeaders'])['messageId'];
	if (common !== undefined) return common;
	return list(mail['headers']).find((header) => String(header['name']).toLowerCase() === 'message-id')?.['value'];
}

/** Handles one verified SNS message of the SES topic. */
export async function handleSesMessage(context: WebhookContext, message: SnsMessage): Promise<WebhookOutcome> {
	if (message.Type !== 'Notification') {
		// Confirming is the operator's step: the server makes no request to a URL it was sent.
		return ignored(`ses: SNS ${message.Type} for ${message.TopicArn}; to confirm, the operator visits ${message.SubscribeURL ?? '(no SubscribeURL)'}`);
	}
	let notification: Json;
	try {
		notification = object(JSON.parse(message.Message));
	} catch {
		throw new WebhookRefusal(400, 'the SNS Message is not an SES notification (not JSON)');
	}
	// Event publishing names the field `eventType`; identity notifications `notificationType`.
	const type = notification['notificationType'] ?? notification['eventType'];
	if (type !== 'Bounce' && type !== 'Complaint') return ignored(`ses: a ${String(type)} notification, not about delivery failures, ignored`);
	await takeOnce(context.db, 'ses', message.MessageId, context.clock.now());
	const mail = object(notification['mail']);
	const target = { message: parseOwnMessageId(originalMessageId(mail)), serviceId: `messageId ${String(mail['messageId'] ?? 'none')}` };
	if (type === 'Complaint') {
		const complaint = object(notification['complaint']);
		const at = Date.parse(String(complaint['timestamp'] ?? '')) || context.clock.now();
		return combined(await eachInTurn(list(complaint['complainedRecipients']), (recipient) => recordReport(context, { ...target, recipient: String(recipient['emailAddress']) }, { kind: 'complained', at, source: 'ses' })));
	}
	const bounce = object(notification['bounce']);
	const at = Date.parse(String(bounce['timestamp'] ?? '')) || context.clock.now();
	return combined(
		await eachInTurn(list(bounce['bouncedRecipients']), (recipient) => {
			const diagnostic = typeof recipient['diagnosticCode'] === 'string' ? recipient['diagnosticCode'] : null;
			const status = enhancedStatus(String(recipient['status'] ?? '')) ?? (diagnostic ? enhancedStatus(diagnostic) : null);
			const reason = status ? failureReason(status) : (subTypeReasons[String(bounce['bounceSubType'])] ?? 'other');
			return recordReport(context, { ...target, recipient: String(recipient['emailAddress']) }, { kind: 'bounced', reason, reply: diagnostic, at, source: 'ses' });
		}),
	);
}

/** Records each recipient's report in turn (one transaction after the other). */
async function eachInTurn<T>(items: T[], record: (item: T) => Promise<WebhookOutcome>): Promise<WebhookOutcome[]> {
	const outcomes: WebhookOutcome[] = [];
	for (const item of items) outcomes.push(await record(item));
	return outcomes;
}

/** One outcome for a notification about several recipients: recorded if any landed, every line logged. */
function combined(outcomes: WebhookOutcome[]): WebhookOutcome {
	if (outcomes.length === 0) return ignored('ses: a notification naming no recipient, ignored');
	return { status: outcomes.some((outcome) => outcome.status === 'recorded') ? 'recorded' : 'ignored', log: outcomes.map((outcome) => outcome.log).join('\n') };
}
