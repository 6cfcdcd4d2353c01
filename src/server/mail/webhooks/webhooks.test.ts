import { readFileSync } from 'node:fs';

import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, test } from 'vitest';

import { goodPassword, request, startTestServer, type TestServer } from '../../../../test-support/server/test-server.ts';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../../../test-support/server/webhooks/${name}`, import.meta.url), 'utf8')) as Record<string, any>;

const postmark = { user: 'postmark-hook', password: 'a long test password for postmark' };
// A test key in the format Resend shows (whsec_ + base64 of the key bytes).
const resendSecret = `whsec_${Buffer.from('a test signing key for resend webhooks').toString('base64')}`;

let server: TestServer;
afterEach(async () => {
	await server.close();
});

/** A server with both webhooks on, and a confirmation email sent to `email`; resolves with its receipt. */
async function mailed(email: string): Promise<string> {
	server = await startTestServer({ realTime: true, config: { webhooks: { postmark, resend: { secret: resendSecret } } } });
	const answer = await server.api('/registrations', { email, password: goodPassword, locale: 'en' });
	await server.deliverMail();
	return answer.body.receipt as string;
}

const kinds = async (receipt: string) => ((await server.api('/registrations/status', { receipt })).body.delivery.events as { kind: string; reason?: string }[]);
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const postPostmark = (body: unknown, authorization?: string) =>
	request(`${server.url}/webhooks/postmark`, body, { headers: authorization ? { Authorization: authorization } : {} });

/** A Resend delivery signed as Svix signs it. */
function signedResend(body: unknown, options: { id?: string; at?: Date; secret?: string } = {}) {
	const payload = JSON.stringify(body);
	const id = options.id ?? `msg_${Math.random().toString(36).slice(2)}`;
	const at = options.at ?? new Date();
	const signature = new Webhook(options.secret ?? resendSecret).sign(id, at, payload);
	return { payload, headers: { 'svix-id': id, 'svix-timestamp': String(Math.floor(at.getTime() / 1000)), 'svix-signature': signature } };
}
const postResend = ({ payload, headers }: { payload: string; headers: Record<string, string> }) => request(`${server.url}/webhooks/resend`, payload, { headers });

describe('Postmark’s webhook (basic authentication)', () => {
	test('its documented bounce example, authenticated: bounced (no_mailbox) on the timeline, the address suppressed', async () => {
		const receipt = await mailed('john@example.com');
		const answer = await postPostmark(fixture('postmark-bounce.json'), basic(postmark.user, postmark.password));
		expect(answer.status).toBe(200);
		expect((await kinds(receipt)).at(-1)).toMatchObject({ kind: 'bounced', reason: 'no_mailbox' });
		expect((await server.db.get("SELECT cause, reason FROM suppressions WHERE email = 'john@example.com'"))).toEqual({ cause: 'bounced', reason: 'no_mailbox' });
	});

	test('unsigned, forged and replayed events are refused and change nothing', async () => {
		const receipt = await mailed('john@example.com');
		expect((await postPostmark(fixture('postmark-bounce.json'))).status).toBe(401);
		expect((await postPostmark(fixture('postmark-bounce.json'), basic(postmark.user, 'guessed password'))).status).toBe(401);
		expect((await postPostmark(fixture('postmark-bounce.json'), basic('someone', postmark.password))).status).toBe(401);
		expect((await kinds(receipt)).map((event) => event.kind)).toEqual(['queued', 'sent']);
		expect((await postPostmark(fixture('postmark-bounce.json'), basic(postmark.user, postmark.password))).status).toBe(200);
		expect((await postPostmark(fixture('postmark-bounce.json'), basic(postmark.user, postmark.password))).status).toBe(400);
		expect((await kinds(receipt)).filter((event) => event.kind === 'bounced')).toHaveLength(1);
		expect((await postPostmark('not json', basic(postmark.user, postmark.password))).status).toBe(400);
	});

	test('a spam complaint: complained on the timeline, the address suppressed', async () => {
		const receipt = await mailed('john@example.com');
		const complaint = { ...fixture('postmark-bounce.json'), RecordType: 'SpamComplaint', ID: 43, Type: 'SpamComplaint', TypeCode: 512 };
		expect((await postPostmark(complaint, basic(postmark.user, postmark.password))).status).toBe(200);
		expect((await kinds(receipt)).at(-1)?.kind).toBe('complained');
		expect((await server.db.get("SELECT cause FROM suppressions WHERE email = 'john@example.com'"))).toEqual({ cause: 'complained' });
	});
});

describe('Resend’s webhook (Svix signatures, Standard Webhooks)', () => {
	const bounced = (to: string) => {
		const event = fixture('resend-email-bounced.json');
		return { ...event, data: { ...event['data'], to: [to] } };
	};

	test('a signed bounce: bounced on the timeline with Resend’s words', async () => {
		const receipt = await mailed('ann@example.com');
		expect((await postResend(signedResend(bounced('ann@example.com')))).status).toBe(200);
		expect((await kinds(receipt)).at(-1)).toMatchObject({ kind: 'bounced', reason: 'no_mailbox', reply: expect.stringContaining('suppression list') });
	});

	test('forged, unsigned, stale and replayed deliveries are refused and change nothing', async () => {
		const receipt = await mailed('ann@example.com');
		const forged = signedResend(bounced('ann@example.com'), { secret: `whsec_${Buffer.from('somebody else’s key, not ours').toString('base64')}` });
		expect((await postResend(forged)).status).toBe(401);
		const tampered = signedResend(bounced('ann@example.com'));
		expect((await postResend({ ...tampered, payload: tampered.payload.replace('Suppressed', 'General') })).status).toBe(401);
		expect((await request(`${server.url}/webhooks/resend`, JSON.stringify(bounced('ann@example.com')))).status).toBe(401);
		expect((await postResend(signedResend(bounced('ann@example.com'), { at: new Date(Date.now() - 10 * 60_000) }))).status).toBe(400);
		expect((await kinds(receipt)).map((event) => event.kind)).toEqual(['queued', 'sent']);
		const once = signedResend(bounced('ann@example.com'), { id: 'msg_replayed' });
		expect((await postResend(once)).status).toBe(200);
		expect((await postResend(once)).status).toBe(400);
		expect((await kinds(receipt)).filter((event) => event.kind === 'bounced')).toHaveLength(1);
	});

	test('a complaint suppresses; other event types are taken and ignored', async () => {
		const receipt = await mailed('ann@example.com');
		const { bounce: _bounce, ...data } = bounced('ann@example.com')['data'];
		expect((await postResend(signedResend({ type: 'email.delivered', created_at: new Date().toISOString(), data }))).status).toBe(200);
		expect((await postResend(signedResend({ type: 'email.complained', created_at: new Date().toISOString(), data }))).status).toBe(200);
		expect((await kinds(receipt)).map((event) => event.kind)).toEqual(['queued', 'sent', 'complained']);
	});
});

test('without credentials configured, the webhook routes do not exist', async () => {
	server = await startTestServer();
	expect((await request(`${server.url}/webhooks/postmark`, fixture('postmark-bounce.json'))).status).toBe(404);
	expect((await request(`${server.url}/webhooks/resend`, '{}')).status).toBe(404);
});
