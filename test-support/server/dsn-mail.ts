/**
 * Test support: a delivery status notification as a receiving MTA writes one (RFC 3464 §2, the
 * example layout of its appendix): `multipart/report; report-type=delivery-status` with a
 * human-readable part, the `message/delivery-status` part (per-message fields, then one block per
 * recipient) and the returned message's headers (`text/rfc822-headers`).
 */

/** What the report says. */
export interface DsnOptions {
	/** The returned message, raw (its headers are returned). */
	original: string;
	recipient: string;
	action?: 'failed' | 'delayed' | 'delivered';
	status?: string;
	diagnostic?: string;
	reportingMta?: string;
	/** The envelope recipient of the report: the original's envelope sender. */
	to: string;
}

/** The raw DSN. */
export function deliveryStatusNotification(options: DsnOptions): string {
	const { original, recipient, to } = options;
	const action = options.action ?? 'failed';
	const status = options.status ?? '5.1.1';
	const diagnostic = options.diagnostic ?? `550 ${status} <${recipient}>: Recipient address rejected: User unknown in virtual mailbox table`;
	const mta = options.reportingMta ?? 'mx.example.com';
	const boundary = 'DSN-boundary-4b2e';
	const headers = original.split(/\r?\n\r?\n/, 1)[0] ?? '';
	return [
		`From: Mail Delivery System <MAILER-DAEMON@${mta}>`,
		`To: ${to}`,
		'Subject: Undelivered Mail Returned to Sender',
		`Date: ${new Date().toUTCString()}`,
		`Message-ID: <dsn-${Date.now()}@${mta}>`,
		'Auto-Submitted: auto-replied',
		'MIME-Version: 1.0',
		`Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
		'',
		'This is a MIME-encapsulated message.',
		'',
		`--${boundary}`,
		'Content-Type: text/plain; charset=us-ascii',
		'',
		`This is the mail system at host ${mta}.`,
		'',
		"I'm sorry to have to inform you that your message could not be delivered to one or more recipients.",
		'',
		`<${recipient}>: host ${mta} said: ${diagnostic}`,
		'',
		`--${boundary}`,
		'Content-Type: message/delivery-status',
		'',
		`Reporting-MTA: dns; ${mta}`,
		`Arrival-Date: ${new Date().toUTCString()}`,
		'',
		`Final-Recipient: rfc822; ${recipient}`,
		`Original-Recipient: rfc822;${recipient}`,
		`Action: ${action}`,
		`Status: ${status}`,
		`Remote-MTA: dns; ${mta}`,
		`Diagnostic-Code: smtp; ${diagnostic}`,
		'',
		`--${boundary}`,
		'Content-Type: text/rfc822-headers',
		'',
		headers,
		'',
		`--${boundary}--`,
		'',
	].join('\r\n');
}
