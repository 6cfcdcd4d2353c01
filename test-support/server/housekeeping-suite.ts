/**
 * Test support: the housekeeping purge (`src/server/backends/local/housekeeping.ts`) as one suite,
 * run on each store the built-in backend has: SQLite (`housekeeping.test.ts`) and PostgreSQL
 * (`housekeeping.postgres.test.ts`), so the purge's SQL is checked on both dialects.
 */
import { describe, expect, test } from 'vitest';

import { purgeExpired } from '../../src/server/backends/local/housekeeping.ts';
import type { SignupRules } from '../../src/server/settings.ts';
import type { Store } from '../../src/server/store/store.ts';
import { header, startSmtpSink, type ReceivedMail } from './smtp-sink.ts';
import { goodPassword, request, startTestServer } from './test-server.ts';
import { postmarkBounce } from './webhooks/vendor-examples.ts';

/** Declares the suite on the store `store` makes (default: SQLite in memory), under the name `name`. */
export function describeHousekeeping(name: string, store?: () => Promise<Store>): void {
	const on = store ? { store } : {};
	describe(`housekeeping on ${name}`, () => {
		const day = 24 * 3600_000;

		test('forgets expired receipts, stale address state, sent mail and abandoned accounts', async () => {
			const server = await startTestServer({ ...on });
			try {
				const answer = await server.api('/registrations', { email: 'ann@example.com', password: goodPassword, locale: 'en' });
				await server.deliverMail();
				expect(await purgeExpired(server.db, server.clock.now())).toEqual({
					receipts: 0, confirmations: 0, passwordResets: 0, addressState: 0, outbox: 0, webhookEvents: 0, suppressions: 0, accounts: 0,
				});
				server.clock.advance(31 * 24 * 3600_000);
				expect(await purgeExpired(server.db, server.clock.now())).toEqual({
					receipts: 1, confirmations: 1, passwordResets: 0, addressState: 1, outbox: 1, webhookEvents: 0, suppressions: 0, accounts: 1,
				});
				expect((await server.api('/registrations/status', { receipt: answer.body.receipt })).body.code).toBe('invalid_receipt');
			} finally {
				await server.close();
			}
		});

		test('keeps a receipt’s timeline for as long as the receipt answers, and forgets both at the same moment', async () => {
			const server = await startTestServer({ ...on });
			const kinds = async (receipt: string) => {
				const answer = await server.api('/registrations/status', { receipt });
				return answer.status === 200 ? (answer.body.delivery?.events ?? []).map((event: { kind: string }) => event.kind) : answer.body.code;
			};
			try {
				const answer = await server.api('/registrations', { email: 'ann@example.com', password: goodPassword, locale: 'en' });
				const receipt = answer.body.receipt as string;
				await server.deliverMail();
				expect(await kinds(receipt)).toEqual(['queued', 'sent']);
				// Day 7 and a half: the email went out more than a week ago, the receipt (expired after a day)
				// is still kept, so it still shows what happened to its email.
				server.clock.advance(7.5 * day);
				expect(await purgeExpired(server.db, server.clock.now())).toMatchObject({ receipts: 0, outbox: 0 });
				expect(await kinds(receipt)).toEqual(['queued', 'sent']);
				// Past a week after its expiry, the receipt and its email go in one purge.
				server.clock.advance(1 * day);
				expect(await purgeExpired(server.db, server.clock.now())).toMatchObject({ receipts: 1, outbox: 1 });
				expect(await kinds(receipt)).toBe('invalid_receipt');
			} finally {
				await server.close();
			}
		});

		test('keeps an unconfirmed account while its receipt still answers, with links that live 30 days', async () => {
			const server = await startTestServer({ ...on, rules: { confirmationTtlSeconds: 30 * 24 * 3600 } });
			try {
				const answer = await server.api('/registrations', { email: 'ann@example.com', password: goodPassword, locale: 'en' });
				const status = async () => (await server.api('/registrations/status', { receipt: answer.body.receipt })).status;
				await server.deliverMail();
				// Day 31: the link has expired and nobody confirmed, but the receipt is kept a week past its
				// expiry, so the account it speaks of stays too.
				server.clock.advance(31 * day);
				expect(await purgeExpired(server.db, server.clock.now())).toMatchObject({ receipts: 0, accounts: 0 });
				expect(await status()).toBe(200);
				// Past that week, the receipt and the account go in one purge.
				server.clock.advance(7 * day);
				expect(await purgeExpired(server.db, server.clock.now())).toMatchObject({ receipts: 1, accounts: 1 });
				expect(await status()).not.toBe(200);
			} finally {
				await server.close();
			}
		});

		/**
		 * A server sending through a real SMTP server, with Postmark's webhook on: `register` sends one
		 * registration's email, `bounce` posts Postmark's documented bounce (event `ID`) about it.
		 */
		async function postmarkServer(rules: Partial<SignupRules> = {}) {
			const postmark = { user: 'postmark-hook', password: 'a long test password for postmark' };
			const sink = await startSmtpSink();
			const server = await startTestServer({ ...on, smtpUrl: sink.url, rules, config: { webhooks: { postmark, resend: null, ses: null } } });
			return {
				server,
				async register(email: string): Promise<ReceivedMail> {
					await server.api('/registrations', { email, password: goodPassword, locale: 'en' });
					await server.deliverMail();
					return sink.received.at(-1) as ReceivedMail;
				},
				bounce: (mail: ReceivedMail, id: number) =>
					request(
						`${server.url}/webhooks/postmark`,
						{ ...JSON.parse(postmarkBounce), ID: id, Email: mail.to[0], Metadata: { 'signup-ref': header(mail.raw, 'X-PM-Metadata-signup-ref') } },
						{ headers: { Authorization: `Basic ${Buffer.from(`${postmark.user}:${postmark.password}`).toString('base64')}` } },
					),
				bounces: async () => (await server.db.all("SELECT outbox_id FROM delivery_events WHERE kind = 'bounced'")).length,
				async close() {
					await server.close();
					await sink.stop();
				},
			};
		}

		test('remembers a webhook event as long as the email it names is kept, so its replay stays refused, and forgets both in one purge', async () => {
			// Receipts of 20 days: the email is kept until a week past its receipt's expiry, day 27.
			const postmark = await postmarkServer({ confirmationTtlSeconds: 20 * 24 * 3600 });
			const { server } = postmark;
			try {
				const mail = await postmark.register('ann@example.com');
				expect((await postmark.bounce(mail, 42)).body).toEqual({ status: 'recorded' });
				const suppressed = await server.db.all('SELECT * FROM suppressions');
				// The last moment the email is kept: a replay would still bounce it (and suppress the address anew).
				server.clock.advance(27 * day);
				expect(await purgeExpired(server.db, server.clock.now())).toMatchObject({ outbox: 0, webhookEvents: 0 });
				expect((await postmark.bounce(mail, 42)).status).toBe(400);
				expect(await postmark.bounces()).toBe(1);
				expect(await server.db.all('SELECT * FROM suppressions')).toEqual(suppressed);
				// A millisecond later the receipt, its email and the event's id go together; a replay names
				// no message of ours any more and changes nothing.
				server.clock.advance(1);
				expect(await purgeExpired(server.db, server.clock.now())).toMatchObject({ receipts: 1, outbox: 1, webhookEvents: 1 });
				expect((await postmark.bounce(mail, 42)).body).toEqual({ status: 'ignored' });
				expect(await server.db.all('SELECT * FROM suppressions')).toEqual(suppressed);
			} finally {
				await postmark.close();
			}
		});

		test('forgets an event older than every email left, and keeps a newer email’s', async () => {
			const postmark = await postmarkServer();
			const { server } = postmark;
			try {
				const first = await postmark.register('ann@example.com');
				expect((await postmark.bounce(first, 42)).body).toEqual({ status: 'recorded' });
				server.clock.advance(7 * day);
				const second = await postmark.register('bob@example.com');
				expect((await postmark.bounce(second, 43)).body).toEqual({ status: 'recorded' });
				// Past the first email's receipt (a day, and a week more): the first email and its event go.
				server.clock.advance(1 * day + 1);
				expect(await purgeExpired(server.db, server.clock.now())).toMatchObject({ outbox: 1, webhookEvents: 1 });
				expect(await server.db.all('SELECT event_id FROM webhook_events')).toEqual([{ event_id: 'Bounce:43' }]);
				expect((await postmark.bounce(second, 43)).status).toBe(400);
			} finally {
				await postmark.close();
			}
		});
	});
}
