import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';

import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../../../../test-support/server/smtp-sink.ts';
import { goodPassword, request, startTestServer, type TestServer } from '../../../../test-support/server/test-server.ts';
import { startTestSns, type TestSns } from '../../../../test-support/server/webhooks/sns-test-ca.ts';
import { sesBounceWithDsn, sesComplaint, snsNotification, snsSubscriptionConfirmation } from '../../../../test-support/server/webhooks/vendor-examples.ts';

// The topic of the documented examples.
const topicArn = 'arn:aws:sns:us-west-2:123456789012:MyTopic';

let sns: TestSns;
beforeAll(async () => {
	sns = await startTestSns();
});
afterAll(async () => {
	await sns.close();
});

let server: TestServer;
let sink: SmtpSink;
let logged: string[] = [];
afterEach(async () => {
	await server.close();
	await sink.stop();
	logged = [];
});

/** A server with the SES webhook on, sending through a real SMTP server; an email sent to `email`. */
async function mailed(email: string, certificates = sns.certificates) {
	sink = await startSmtpSink();
	server = await startTestServer({ smtpUrl: sink.url, realTime: true, log: (line) => logged.push(line), config: { webhooks: { postmark: null, resend: null, ses: { topicArn, certificates } } } });
	const answer = await server.api('/registrations', { email, password: goodPassword, locale: 'en' });
	await server.deliverMail();
	return { receipt: answer.body.receipt as string, mail: sink.received.at(-1) as ReceivedMail };
}

/** SES's documented notification about the email `mail`: its recipient, and its Message-ID among the original headers. */
function sesEvent(example: string, mail: ReceivedMail): Record<string, any> {
	const event = JSON.parse(example);
	const recipients = event.bounce?.bouncedRecipients ?? event.complaint.complainedRecipients;
	recipients[0].emailAddress = mail.to[0];
	event.mail.destination = mail.to;
	event.mail.commonHeaders.messageId = mail.messageId;
	for (const header of event.mail.headers) if (header.name === 'Message-ID') header.value = mail.messageId;
	return event;
}

let published = 0;
/** SNS's documented notification carrying `event`, with a message id of its own, signed as SNS signs. */
function notification(event: unknown, options: { version?: '1' | '2'; key?: string; changes?: Record<string, unknown> } = {}) {
	const { Signature: _example, ...envelope } = JSON.parse(snsNotification);
	const message = { ...envelope, MessageId: `22b80b92-fdea-4c2c-8f9d-${String(++published).padStart(12, '0')}`, Message: JSON.stringify(event) };
	return { ...sns.sign(message, options), ...options.changes };
}
const post = (body: unknown) => request(`${server.url}/webhooks/ses`, JSON.stringify(body), { headers: { 'Content-Type': 'text/plain; charset=UTF-8', 'x-amz-sns-message-type': 'Notification' } });
const timeline = async (receipt: string) => ((await server.api('/registrations/status', { receipt })).body.delivery.events as { kind: string; reason?: string; reply?: string }[]);
const eventsByMessage = async () =>
	(await server.db.all<{ outbox_id: number; kinds: string }>('SELECT outbox_id, group_concat(kind) AS kinds FROM delivery_events GROUP BY outbox_id ORDER BY outbox_id')).map((row) => [row.outbox_id, row.kinds]);

describe('Amazon SES through SNS (signature checked with the signing certificate; the message named by our Message-ID)', () => {
	test('SES’s documented bounce about our email, in SNS’s documented notification: bounced (no_mailbox) on that timeline, suppressed', async () => {
		const { receipt, mail } = await mailed('jane@example.com');
		const answer = await post(notification(sesEvent(sesBounceWithDsn, mail)));
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({ status: 'recorded' });
		expect((await timeline(receipt)).at(-1)).toMatchObject({ kind: 'bounced', reason: 'no_mailbox', reply: 'smtp; 550 5.1.1 <jane@example.com>... User' });
		expect(await server.db.all('SELECT email, cause, reason FROM suppressions')).toEqual([{ email: 'jane@example.com', cause: 'bounced', reason: 'no_mailbox' }]);
		// The certificate was fetched from the documented URL, over TLS to the (local) SNS host.
		expect(sns.requests).toContain('/SimpleNotificationService-f3ecfb7224c7233fe7bb5f59f96de52f.pem');
	});

	test('a late bounce of an older email (signature version 2) lands on that email only', async () => {
		const { receipt, mail: first } = await mailed('jane@example.com');
		server.clock.advance(5 * 60_000 + 1);
		expect((await server.api('/registrations/resend', { email: 'jane@example.com', locale: 'en' })).status).toBe(202);
		await server.deliverMail();
		expect((await post(notification(sesEvent(sesBounceWithDsn, first), { version: '2' }))).body).toEqual({ status: 'recorded' });
		expect(await eventsByMessage()).toEqual([
			[1, 'queued,sent,bounced'],
			[2, 'queued,sent'],
		]);
		expect((await timeline(receipt)).map((event) => event.kind)).toEqual(['queued', 'sent']);
	});

	test('a notification naming none of our messages (or without the original headers) is logged and shown to nobody', async () => {
		const { receipt, mail } = await mailed('jane@example.com');
		const withoutHeaders = sesEvent(sesBounceWithDsn, mail);
		delete withoutHeaders['mail'].headers;
		delete withoutHeaders['mail'].commonHeaders;
		for (const event of [JSON.parse(sesBounceWithDsn), withoutHeaders]) expect((await post(notification(event))).body).toEqual({ status: 'ignored' });
		expect(logged.filter((line) => /^ses: .*not tied to one of our messages/.test(line))).toHaveLength(2);
		expect(logged.join('\n')).toContain('messageId 00000138111222aa-33322211-cccc-cccc-cccc-ddddaaaa0680-000000');
		expect(await eventsByMessage()).toEqual([[1, 'queued,sent']]);
		expect((await timeline(receipt)).map((event) => event.kind)).toEqual(['queued', 'sent']);
		expect(await server.db.get('SELECT count(*) AS n FROM suppressions')).toEqual({ n: 0 });
	});

	test('unsigned, forged, tampered, foreign, untrusted, expired and replayed messages are refused and change nothing', async () => {
		const { receipt, mail } = await mailed('jane@example.com');
		const event = sesEvent(sesBounceWithDsn, mail);
		const { Signature: _signature, ...unsigned } = notification(event);
		expect((await post(unsigned)).status).toBe(401);
		expect((await post(notification(event, { key: sns.stranger.key }))).status).toBe(401);
		const signed = notification(event);
		expect((await post({ ...signed, Message: String(signed['Message']).replace('"Permanent"', '"Transient"') })).status).toBe(401);
		expect((await post(notification(event, { changes: { SignatureVersion: '3' } }))).status).toBe(401);
		// A forger's own certificate URL is never fetched.
		expect((await post(notification(event, { key: sns.stranger.key, changes: { SigningCertURL: 'https://attacker.example/SimpleNotificationService-1.pem' } }))).status).toBe(401);
		expect(sns.requests.some((path) => path.includes('attacker'))).toBe(false);
		// Signed, but for another topic.
		const { Signature: _s, ...envelope } = JSON.parse(snsNotification);
		expect((await post(sns.sign({ ...envelope, TopicArn: 'arn:aws:sns:us-west-2:123456789012:SomeoneElses', Message: JSON.stringify(event) }))).status).toBe(401);
		expect((await post('not json')).status).toBe(400);
		expect((await timeline(receipt)).map((entry) => entry.kind)).toEqual(['queued', 'sent']);
		// Taken once, refused the second time.
		const once = notification(event);
		expect((await post(once)).status).toBe(200);
		expect((await post(once)).status).toBe(400);
		expect((await timeline(receipt)).filter((entry) => entry.kind === 'bounced')).toHaveLength(1);
		// The signing certificate has expired (valid two days).
		server.clock.advance(3 * 86_400_000);
		expect((await post(notification(event))).status).toBe(401);
	});

	test('a certificate the source cannot get over trusted TLS is no certificate: 503, SNS retries, nothing changes', async () => {
		const { receipt, mail } = await mailed('jane@example.com', sns.untrusting);
		const answer = await post(notification(sesEvent(sesBounceWithDsn, mail)));
		expect(answer.status).toBe(503);
		expect(logged.join('\n')).toMatch(/could not get the signing certificate/);
		expect((await timeline(receipt)).map((event) => event.kind)).toEqual(['queued', 'sent']);
	});

	test('SES’s documented complaint about our email: complained, the address suppressed', async () => {
		const { receipt, mail } = await mailed('richard@example.com');
		expect((await post(notification(sesEvent(sesComplaint, mail)))).body).toEqual({ status: 'recorded' });
		expect((await timeline(receipt)).at(-1)?.kind).toBe('complained');
		expect(await server.db.get('SELECT cause FROM suppressions')).toEqual({ cause: 'complained' });
	});

	test('a subscription confirmation is verified and logged for the operator to confirm; the server fetches nothing it names', async () => {
		await mailed('jane@example.com');
		const { Signature: _example, ...confirmation } = JSON.parse(snsSubscriptionConfirmation);
		expect((await post(confirmation)).status).toBe(401);
		const before = sns.requests.length;
		expect((await post(sns.sign(confirmation))).body).toEqual({ status: 'ignored' });
		expect(logged.join('\n')).toContain(`the operator visits ${confirmation.SubscribeURL}`);
		expect(sns.requests.slice(before).every((path) => path.endsWith('.pem'))).toBe(true);
	});
});

test('without SES_SNS_TOPIC_ARN, the route does not exist', async () => {
	sink = await startSmtpSink();
	server = await startTestServer();
	expect((await request(`${server.url}/webhooks/ses`, snsNotification)).status).toBe(404);
});
