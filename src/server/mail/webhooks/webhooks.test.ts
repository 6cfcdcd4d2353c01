import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, test } from 'vitest';

import { header, startSmtpSink, type ReceivedMail, type SmtpSink } from '../../../../test-support/server/smtp-sink.ts';
import { goodPassword, request, startTestServer, type TestServer } from '../../../../test-support/server/test-server.ts';
import { postmarkBounce, postmarkSpamComplaint, resendEmailBounced } from '../../../../test-support/server/webhooks/vendor-examples.ts';

const postmark = { user: 'postmark-hook', password: 'a long test password for postmark' };
// A test key in the format Resend shows (whsec_ + base64 of the key bytes).
const resendSecret = `whsec_${Buffer.from('a test signing key for resend webhooks').toString('base64')}`;

let server: TestServer;
let sink: SmtpSink | undefined;
let logged: string[] = [];
afterEach(async () => {
	await server.close();
	await sink?.stop();
	sink = undefined;
	logged = [];
});

/** A server with the given webhooks on, sending through a real SMTP server; an email sent to `email`. */
async function mailed(email: string, webhooks: { postmark?: boolean; resend?: boolean } = { postmark: true, resend: true }) {
	const smtp = await startSmtpSink();
	sink = smtp;
	server = await startTestServer({
		smtpUrl: smtp.url,
		realTime: true,
		log: (line) => logged.push(line),
		config: { webhooks: { postmark: webhooks.postmark ? postmark : null, resend: webhooks.resend ? { secret: resendSecret } : null, ses: null } },
	});
	const answer = await server.api('/registrations', { email, password: goodPassword, locale: 'en' });
	await server.deliverMail();
	return { receipt: answer.body.receipt as string, mail: smtp.received.at(-1) as ReceivedMail };
}

/** A second email of the same registration, after the cooldown (a resend); resolves with it as sent. */
async function resent(email: string): Promise<ReceivedMail> {
	server.clock.advance(5 * 60_000 + 1);
	expect((await server.api('/registrations/resend', { email, locale: 'en' })).status).toBe(202);
	await server.deliverMail();
	return sink?.received.at(-1) as ReceivedMail;
}

const timeline = async (receipt: string) => ((await server.api('/registrations/status', { receipt })).body.delivery.events as { kind: string; reason?: string; reply?: string }[]);
/** The kinds of every event of every message, by outbox id, from the database. */
const eventsByMessage = async () =>
	(await server.db.all<{ outbox_id: number; kinds: string }>('SELECT outbox_id, group_concat(kind) AS kinds FROM delivery_events GROUP BY outbox_id ORDER BY outbox_id')).map((row) => [row.outbox_id, row.kinds]);
const suppressions = () => server.db.all('SELECT email, cause, reason, outbox_id FROM suppressions');

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const postPostmark = (body: unknown, authorization: string | null = basic(postmark.user, postmark.password)) =>
	request(`${server.url}/webhooks/postmark`, body, { headers: authorization ? { Authorization: authorization } : {} });

/** Postmark's documented example about the message `mail`, its metadata as the message carried it over SMTP. */
function postmarkEvent(example: string, mail: ReceivedMail, changes: Record<string, unknown> = {}) {
	const event = JSON.parse(example) as Record<string, unknown>;
	const ref = header(mail.raw, 'X-PM-Metadata-signup-ref');
	return { ...event, Email: mail.to[0], Metadata: { ...(event['Metadata'] as object), 'signup-ref': ref }, ...changes };
}

/** Resend's documented example about the message `mail`: its recipient and the Message-ID it went out with. */
function resendEvent(mail: ReceivedMail, data: Record<string, unknown> = {}) {
	const event = JSON.parse(resendEmailBounced) as { data: Record<string, unknown> & { bounce?: unknown } };
	return { ...event, data: { ...event.data, to: mail.to, message_id: mail.messageId, ...data } };
}

/** A Resend delivery signed as Svix signs it, at the server's time unless told. */
function signedResend(body: unknown, options: { id?: string; at?: Date; secret?: string } = {}) {
	const payload = JSON.stringify(body);
	const id = options.id ?? `msg_${Math.random().toString(36).slice(2)}`;
	const at = options.at ?? new Date(server.clock.now());
	const signature = new Webhook(options.secret ?? resendSecret).sign(id, at, payload);
	return { payload, headers: { 'svix-id': id, 'svix-timestamp': String(Math.floor(at.getTime() / 1000)), 'svix-signature': signature } };
}
const postResend = ({ payload, headers }: { payload: string; headers: Record<string, string> }) => request(`${server.url}/webhooks/resend`, payload, { headers });

describe('Postmark’s webhook (basic authentication; the message named by our metadata)', () => {
	test('each email carries its signed reference as a Postmark metadata header, only when Postmark’s webhook is on', async () => {
		const { mail } = await mailed('ann@example.com');
		expect(header(mail.raw, 'X-PM-Metadata-signup-ref')).toMatch(/^1\.\d+\.[0-9a-f]{16}$/);
		await server.close();
		await sink?.stop();
		const { mail: other } = await mailed('ann@example.com', { resend: true });
		expect(other.raw).not.toMatch(/X-PM-/i);
	});

	test('its documented bounce example about our email: bounced (no_mailbox) on that timeline, the address suppressed', async () => {
		const { receipt, mail } = await mailed('john@example.com');
		const answer = await postPostmark(postmarkEvent(postmarkBounce, mail));
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({ status: 'recorded' });
		expect((await timeline(receipt)).at(-1)).toMatchObject({ kind: 'bounced', reason: 'no_mailbox', reply: 'Test bounce details' });
		expect(await suppressions()).toEqual([{ email: 'john@example.com', cause: 'bounced', reason: 'no_mailbox', outbox_id: 1 }]);
	});

	test('a late bounce of an older email lands on that email only; the newest email’s timeline is untouched', async () => {
		const { receipt, mail: first } = await mailed('ann@example.com');
		const second = await resent('ann@example.com');
		expect((await postPostmark(postmarkEvent(postmarkBounce, first))).body).toEqual({ status: 'recorded' });
		expect(await eventsByMessage()).toEqual([
			[1, 'queued,sent,bounced'],
			[2, 'queued,sent'],
		]);
		// The reader follows the newest email: what they see is still true of it.
		expect((await timeline(receipt)).map((event) => event.kind)).toEqual(['queued', 'sent']);
		expect(header(second.raw, 'X-PM-Metadata-signup-ref')).toMatch(/^2\./);
	});

	test('an event naming none of our messages is logged for the operator and shown to nobody', async () => {
		const { receipt, mail } = await mailed('john@example.com');
		const ref = header(mail.raw, 'X-PM-Metadata-signup-ref');
		const [id, createdAt] = ref.split('.');
		const strangers = [
			JSON.parse(postmarkBounce), // the documented example as published: its metadata is not ours
			postmarkEvent(postmarkBounce, mail, { ID: 43, Metadata: { 'signup-ref': `${id}.${createdAt}.0123456789abcdef` } }), // a forged tag
			postmarkEvent(postmarkBounce, mail, { ID: 44, Metadata: { 'signup-ref': `${id}.${Number(createdAt) + 1}.${ref.split('.')[2]}` } }), // another time
			postmarkEvent(postmarkBounce, mail, { ID: 45, Email: 'someone.else@example.com' }), // our reference, another recipient
		];
		for (const event of strangers) {
			const answer = await postPostmark(event);
			expect(answer.status).toBe(200);
			expect(answer.body).toEqual({ status: 'ignored' });
		}
		expect(logged.filter((line) => /not tied to one of our messages/.test(line))).toHaveLength(4);
		expect(logged.find((line) => line.includes('MessageID 883953f4-6105-42a2-a16a-77a8eac79483'))).toMatch(/carries no reference of ours/);
		expect(await eventsByMessage()).toEqual([[1, 'queued,sent']]);
		expect((await timeline(receipt)).map((event) => event.kind)).toEqual(['queued', 'sent']);
		expect(await suppressions()).toEqual([]);
	});

	test('unsigned, forged and replayed events are refused and change nothing', async () => {
		const { receipt, mail } = await mailed('john@example.com');
		const event = postmarkEvent(postmarkBounce, mail);
		expect((await postPostmark(event, null)).status).toBe(401);
		expect((await postPostmark(event, basic(postmark.user, 'guessed password'))).status).toBe(401);
		expect((await postPostmark(event, basic('someone', postmark.password))).status).toBe(401);
		expect((await timeline(receipt)).map((entry) => entry.kind)).toEqual(['queued', 'sent']);
		expect((await postPostmark(event)).status).toBe(200);
		expect((await postPostmark(event)).status).toBe(400);
		expect((await timeline(receipt)).filter((entry) => entry.kind === 'bounced')).toHaveLength(1);
		expect((await postPostmark('not json')).status).toBe(400);
	});

	test('its documented spam-complaint example about our email: complained, the address suppressed', async () => {
		const { receipt, mail } = await mailed('john@example.com');
		expect((await postPostmark(postmarkEvent(postmarkSpamComplaint, mail))).body).toEqual({ status: 'recorded' });
		expect((await timeline(receipt)).at(-1)?.kind).toBe('complained');
		expect(await server.db.get("SELECT cause FROM suppressions WHERE email = 'john@example.com'")).toEqual({ cause: 'complained' });
	});
});

describe('Resend’s webhook (Svix signatures, Standard Webhooks; the message named by our Message-ID)', () => {
	test('its documented bounce example about our email: bounced on that timeline with Resend’s words', async () => {
		const { receipt, mail } = await mailed('ann@example.com');
		expect(mail.messageId).toMatch(/^<signup-1-\d+@acme\.test>$/);
		const answer = await postResend(signedResend(resendEvent(mail)));
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({ status: 'recorded' });
		expect((await timeline(receipt)).at(-1)).toMatchObject({ kind: 'bounced', reason: 'no_mailbox', reply: expect.stringContaining('suppression list') });
	});

	test('a late bounce of an older email lands on that email only; the newest email’s timeline is untouched', async () => {
		const { receipt, mail: first } = await mailed('ann@example.com');
		await resent('ann@example.com');
		expect((await postResend(signedResend(resendEvent(first)))).body).toEqual({ status: 'recorded' });
		expect(await eventsByMessage()).toEqual([
			[1, 'queued,sent,bounced'],
			[2, 'queued,sent'],
		]);
		expect((await timeline(receipt)).map((event) => event.kind)).toEqual(['queued', 'sent']);
	});

	test('an event whose Message-ID is not one of ours is logged and shown to nobody', async () => {
		const { receipt, mail } = await mailed('ann@example.com');
		const strangers = [
			{ ...JSON.parse(resendEmailBounced), data: { ...JSON.parse(resendEmailBounced).data, to: mail.to } }, // the documented <111-222-333@email.example.com>
			resendEvent(mail, { message_id: mail.messageId.replace(/-(\d+)@/, (_, at: string) => `-${Number(at) + 1}@`) }), // our form, another time
			resendEvent(mail, { message_id: undefined }),
			resendEvent(mail, { to: ['someone.else@example.com'] }),
		];
		for (const event of strangers) expect((await postResend(signedResend(event))).body).toEqual({ status: 'ignored' });
		expect(logged.filter((line) => /^resend: .*not tied to one of our messages/.test(line))).toHaveLength(4);
		expect(logged.join('\n')).toContain('email_id 56761188-7520-42d8-8898-ff6fc54ce618');
		expect(await eventsByMessage()).toEqual([[1, 'queued,sent']]);
		expect((await timeline(receipt)).map((event) => event.kind)).toEqual(['queued', 'sent']);
		expect(await suppressions()).toEqual([]);
	});

	test('forged, unsigned, stale and replayed deliveries are refused and change nothing', async () => {
		const { receipt, mail } = await mailed('ann@example.com');
		const event = resendEvent(mail);
		const forged = signedResend(event, { secret: `whsec_${Buffer.from('somebody else’s key, not ours').toString('base64')}` });
		expect((await postResend(forged)).status).toBe(401);
		const tampered = signedResend(event);
		expect((await postResend({ ...tampered, payload: tampered.payload.replace('Suppressed', 'General') })).status).toBe(401);
		expect((await request(`${server.url}/webhooks/resend`, JSON.stringify(event))).status).toBe(401);
		expect((await postResend(signedResend(event, { at: new Date(server.clock.now() - 10 * 60_000) }))).status).toBe(400);
		expect((await timeline(receipt)).map((entry) => entry.kind)).toEqual(['queued', 'sent']);
		const once = signedResend(event, { id: 'msg_replayed' });
		expect((await postResend(once)).status).toBe(200);
		expect((await postResend(once)).status).toBe(400);
		expect((await timeline(receipt)).filter((entry) => entry.kind === 'bounced')).toHaveLength(1);
	});

	test('a complaint suppresses; other event types are taken and ignored', async () => {
		const { receipt, mail } = await mailed('ann@example.com');
		const { bounce: _bounce, ...data } = resendEvent(mail).data;
		const at = new Date(server.clock.now()).toISOString();
		expect((await postResend(signedResend({ type: 'email.delivered', created_at: at, data }))).body).toEqual({ status: 'ignored' });
		expect((await postResend(signedResend({ type: 'email.complained', created_at: at, data }))).body).toEqual({ status: 'recorded' });
		expect((await timeline(receipt)).map((event) => event.kind)).toEqual(['queued', 'sent', 'complained']);
		expect(await server.db.get("SELECT cause FROM suppressions WHERE email = 'ann@example.com'")).toEqual({ cause: 'complained' });
	});
});

test('without credentials configured, the webhook routes do not exist', async () => {
	server = await startTestServer();
	expect((await request(`${server.url}/webhooks/postmark`, JSON.parse(postmarkBounce))).status).toBe(404);
	expect((await request(`${server.url}/webhooks/resend`, '{}')).status).toBe(404);
});
