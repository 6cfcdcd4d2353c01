import { afterEach, describe, expect, test } from 'vitest';

import { RegistrationStatusAnswerSchema } from '../../signup/contract.ts';
import { startSmtpSink, type SmtpSink } from '../../../test-support/server/smtp-sink.ts';
import { goodPassword, startTestServer, type TestServer } from '../../../test-support/server/test-server.ts';
import { devMailboxReply } from './transports.ts';

let server: TestServer | undefined;
let sink: SmtpSink | undefined;
afterEach(async () => {
	await server?.close();
	await sink?.stop();
	server = undefined;
	sink = undefined;
});

/** Registers `email` and returns its receipt. */
async function register(email: string): Promise<string> {
	const answer = await server!.api('/registrations', { email, password: goodPassword, locale: 'en' });
	expect(answer.status).toBe(202);
	return answer.body.receipt as string;
}

/** Registers `email` and confirms it with the link of its email: the address has an account. */
async function confirmedOwner(email: string): Promise<void> {
	await register(email);
	await server!.deliverMail();
	const mail = (await server!.mailbox()).find((message) => message.to === email);
	const token = /#token=([\w-]+)/.exec(mail?.text ?? '')?.[1];
	expect((await server!.api('/registrations/confirm', { token })).status).toBe(200);
}

/** The status answer of a receipt, checked against the contract. */
async function status(receipt: string) {
	const answer = await server!.api('/registrations/status', { receipt });
	expect(answer.status).toBe(200);
	return RegistrationStatusAnswerSchema.parse(answer.body);
}

/** The kinds of a receipt's timeline. */
async function kinds(receipt: string): Promise<string[]> {
	return ((await status(receipt)).delivery?.events ?? []).map((event) => event.kind);
}

describe('the timeline of a registration’s email through a real SMTP server', () => {
	test('250: queued, then sent with the server’s reply and the receiving domain', async () => {
		sink = await startSmtpSink();
		server = await startTestServer({ smtpUrl: sink.url });
		const receipt = await register('ann@example.com');
		expect((await status(receipt)).delivery).toEqual({ email: 'ann@example.com', events: [{ kind: 'queued', at: expect.stringMatching(/Z$/) }] });
		await server.deliverMail();
		const { delivery } = await status(receipt);
		expect(delivery?.events.map((event) => event.kind)).toEqual(['queued', 'sent']);
		expect(delivery?.events[1]).toMatchObject({ domain: 'example.com', reply: expect.stringMatching(/^250 2\.0\.0 OK/) });
		expect(new Date(delivery?.events[1]?.at ?? '').toISOString()).toBe(delivery?.events[1]?.at);
	});

	test('451 then 250: deferred with the next attempt’s time from the retry schedule, then sent', async () => {
		sink = await startSmtpSink();
		server = await startTestServer({ smtpUrl: sink.url, retry: { baseDelayMs: 60_000, maxDelayMs: 600_000 } });
		const receipt = await register('bob+451@example.com');
		await server.deliverMail();
		const deferred = (await status(receipt)).delivery?.events[1];
		expect(deferred).toMatchObject({ kind: 'deferred', reply: '451 4.3.0 Try again later' });
		expect(Date.parse(deferred?.nextAttemptAt ?? '') - Date.parse(deferred?.at ?? '')).toBe(60_000);
		server.clock.advance(60_000);
		await server.deliverMail();
		expect(await kinds(receipt)).toEqual(['queued', 'deferred', 'sent']);
		expect(sink.received).toHaveLength(1);
	});

	test.each([
		['carol+550@example.com', 'no_mailbox', '550 5.1.1'],
		['dan+552@example.com', 'mailbox_full', '552 5.2.2'],
		['eve+554@example.com', 'rejected', '554 5.7.1'],
	])('%s: failed for good, with the reason its enhanced status code gives', async (email, reason, reply) => {
		sink = await startSmtpSink();
		server = await startTestServer({ smtpUrl: sink.url });
		const receipt = await register(email);
		await server.deliverMail();
		const events = (await status(receipt)).delivery?.events ?? [];
		expect(events.map((event) => event.kind)).toEqual(['queued', 'failed']);
		expect(events[1]).toMatchObject({ reason, reply: expect.stringContaining(reply) });
		expect(sink.received).toHaveLength(0);
	});

	test('a connection failure is a deferral without a reply', async () => {
		sink = await startSmtpSink();
		await sink.stop();
		server = await startTestServer({ smtpUrl: sink.url });
		const receipt = await register('ann@example.com');
		await server.deliverMail();
		const deferred = (await status(receipt)).delivery?.events[1];
		expect(deferred?.kind).toBe('deferred');
		expect(deferred?.reply).toBeUndefined();
		expect(deferred?.nextAttemptAt).toMatch(/Z$/);
	});

	test('replies set through the sink’s API', async () => {
		sink = await startSmtpSink();
		server = await startTestServer({ smtpUrl: sink.url, retry: { baseDelayMs: 1000 } });
		sink.replyTo('fay@example.com', { code: 421, text: '4.4.2 Connection timed out' }, { code: 550, text: '5.4.4 Unable to route' });
		const receipt = await register('fay@example.com');
		await server.deliverMail();
		server.clock.advance(1000);
		await server.deliverMail();
		const events = (await status(receipt)).delivery?.events ?? [];
		expect(events.map((event) => event.kind)).toEqual(['queued', 'deferred', 'failed']);
		expect(events[2]?.reason).toBe('no_mail_server');
	});
});

describe('the timeline, receipts and enumeration', () => {
	test('the development mailbox records the email as sent too', async () => {
		server = await startTestServer();
		const receipt = await register('ann@example.com');
		await server.deliverMail();
		const { delivery } = await status(receipt);
		expect(delivery?.events[1]).toMatchObject({ kind: 'sent', domain: 'example.com', reply: devMailboxReply });
	});

	test('an attempt on a confirmed address (its “account exists” email) has a timeline like any other', async () => {
		server = await startTestServer({ rules: { resendCooldownSeconds: 0 } });
		await confirmedOwner('ann@example.com');
		const known = await register('ann@example.com');
		const fresh = await register('new@example.com');
		await server.deliverMail();
		const shape = (answer: Awaited<ReturnType<typeof status>>) =>
			answer.delivery?.events.map((event) => ({ ...event, at: 'time', domain: event.domain === undefined ? undefined : 'domain' }));
		expect(shape(await status(known))).toEqual(shape(await status(fresh)));
		expect((await status(known)).status).toBe((await status(fresh)).status);
	});

	test('a receipt shows its own attempt’s email only, and a resend joins the newest attempt', async () => {
		server = await startTestServer({ rules: { resendCooldownSeconds: 0 } });
		const first = await register('ann@example.com');
		await server.deliverMail();
		const second = await register('ann@example.com');
		await server.deliverMail();
		const emailOf = async (receipt: string) => (await server!.db.all('SELECT id FROM outbox WHERE receipt_hash = (SELECT receipt_hash FROM receipts WHERE rowid = ?)', receipt === first ? 1 : 2));
		expect(await emailOf(first)).toHaveLength(1);
		expect(await emailOf(second)).toHaveLength(1);
		expect(await kinds(first)).toEqual(['queued', 'sent']);
		expect((await server.api('/registrations/resend', { email: 'ann@example.com', locale: 'en' })).status).toBe(202);
		expect(await kinds(second)).toEqual(['queued', 'sent']);
		await server.deliverMail();
		// The resend is the second attempt's latest email now; the first attempt still shows its own.
		expect(await emailOf(second)).toHaveLength(2);
		expect(await emailOf(first)).toHaveLength(1);
	});

	test('an attempt within the cooldown has no email yet: an empty timeline, for a pending address and a confirmed one alike', async () => {
		server = await startTestServer({ rules: { resendCooldownSeconds: 60 } });
		await register('ann@example.com');
		const again = await register('ann@example.com');
		expect((await status(again)).delivery).toEqual({ email: 'ann@example.com', events: [] });
	});

	test('an email a newer attempt replaced before it went out says so, for a pending address and a confirmed one alike', async () => {
		server = await startTestServer({ rules: { resendCooldownSeconds: 60 } });
		// A confirmed owner, and a pending address of which nobody confirms anything.
		await confirmedOwner('ann@example.com');
		server.clock.advance(61_000);
		const sent = (await server.mailbox()).length;

		// Two attempts in a row on each address, before the worker runs: the first one's email is
		// replaced (never sent with the second's link), the second's waits for the cooldown.
		const known = await register('ann@example.com');
		const knownAgain = await register('ann@example.com');
		const fresh = await register('bob@example.com');
		const freshAgain = await register('bob@example.com');
		await server.deliverMail();
		expect(await kinds(known)).toEqual(['queued', 'replaced']);
		expect(await kinds(fresh)).toEqual(['queued', 'replaced']);
		const shape = async (receipt: string) => (await status(receipt)).delivery?.events.map((event) => Object.keys(event).sort());
		expect(await shape(known)).toEqual(await shape(fresh));
		expect(await kinds(knownAgain)).toEqual([]);
		expect(await kinds(freshAgain)).toEqual([]);
		expect((await server.mailbox()).length).toBe(sent);
	});
});
