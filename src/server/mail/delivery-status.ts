/**
 * What a receiving server's reply means for an email: its SMTP code and enhanced status code
 * (RFC 3463), and the reason the timeline gives for a failure. Used for replies at send time
 * (nodemailer's errors) and for delivery status notifications and email services' events later.
 */
import type { DeliveryReason } from '../../signup/contract.ts';

/** The longest reply a timeline keeps. */
export const maxReplyLength = 200;

/** A reply as the timeline keeps it: one line, at most {@link maxReplyLength} characters. */
export function cleanReply(text: string): string {
	return text.replace(/\s+/g, ' ').trim().slice(0, maxReplyLength);
}

/** The enhanced status code in a reply or a DSN's `Status:` field (`5.1.1`), if any. */
export function enhancedStatus(text: string): string | null {
	return /(?:^|[\s(;])([245]\.\d{1,3}\.\d{1,3})(?=$|[\s);,.])/.exec(text)?.[1] ?? null;
}

/**
 * The reason for a failure, from its enhanced status code (RFC 3463): 5.1.1 (bad destination
 * mailbox) → `no_mailbox`; x.2.2 (mailbox full) → `mailbox_full`; 5.7.x (security or policy) →
 * `rejected`; 5.1.2 (bad destination system) and 5.4.4 (unable to route: no MX / A) →
 * `no_mail_server`; anything else → `other`.
 */
export function failureReason(status: string | null): DeliveryReason {
	if (!status) return 'other';
	const [, subject, detail] = status.split('.');
	if (status === '5.1.1' || status === '5.1.10') return 'no_mailbox';
	if (subject === '2' && detail === '2') return 'mailbox_full';
	if (status.startsWith('5.7.')) return 'rejected';
	if (status === '5.1.2' || status === '5.4.4') return 'no_mail_server';
	return 'other';
}

/** Whether a reason makes an address not worth mailing again for a while (a hard bounce). */
export function isHardBounce(reason: DeliveryReason): boolean {
	return reason === 'no_mailbox';
}

/** What a transport's error says about the receiving side: the SMTP code and the reply, when there was one. */
export interface SmtpReply {
	/** The reply code (`550`), or `null`: no reply (a connection failure, a timeout). */
	code: number | null;
	/** The reply, cleaned (see {@link cleanReply}); `null` without one. */
	text: string | null;
}

/** The reply carried by a nodemailer error (`responseCode`, `response`). */
export function replyOfError(error: unknown): SmtpReply {
	const { responseCode, response } = (error ?? {}) as { responseCode?: unknown; response?: unknown };
	const code = typeof responseCode === 'number' && responseCode >= 200 && responseCode < 600 ? responseCode : null;
	const text = typeof response === 'string' && response.trim() !== '' ? cleanReply(response) : null;
	return { code, text };
}
