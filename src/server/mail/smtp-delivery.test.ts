import { afterEach, describe, expect, test } from 'vitest';

import { outboxCounts } from './outbox.ts';
import { startSmtpSink, type SmtpSink } from '../../../test-support/server/smtp-sink.ts';
import { goodPassword, startTestServer, type TestServer } from '../../../test-support/server/test-server.ts';

let server: TestServer | undefined;
let sink: SmtpSink | undefined;
afterEach(async () => {
	await server?.close();
	await sink?.stop();
	server = undefined;
	sink = undefined;
});

const fastRetry = { baseDelayMs: 50, maxDelayMs: 200 };

describe('delivery through a real SMTP server', () => {
	test('sends a multipart email from the provider’s sender, with a stable Message-ID', async () => {
		sink = await startSmtpSink();
		server = await startTestServer({ smtpUrl: sink.url, startWorker: true, realTime: true, retry: fastRetry });
		expect((await server.api('/registrations', { email: 'ann@example.com', password: goodPassword, locale: 'es' })).status).toBe(202);
		await sink.waitFor(1);
		const [mail] = sink.received;
		expect(mail?.from).toBe('no-reply@acme.test');
		expect(mail?.to).toEqual(['ann@example.com']);
		expect(mail?.messageId).toMatch(/^<signup-1-\d+@acme\.test>$/);
		expect(mail?.raw).toContain('multipart/alternative');
		expect(mail?.raw).toMatch(/^From: Acme Tracking <no-reply@acme\.test>/m);
		// The worker marks the message sent once the SMTP server has answered: a moment after it arrives.
		const { db } = server;
		await expect.poll(async () => await outboxCounts(db)).toEqual({ queued: 0, sent: 1, failed: 0 });
	});

	test('an outage delays mail but loses none and sends none twice; every timeline shows the deferral', async () => {
		sink = await startSmtpSink();
		await sink.stop();
		server = await startTestServer({ smtpUrl: sink.url, startWorker: true, realTime: true, retry: fastRetry });
		const count = 100;
		const receipts: string[] = [];
		for (let index = 0; index < count; index++) {
			const answer = await server.api('/registrations', { email: `user${index}@example.com`, password: goodPassword, locale: 'en' });
			expect(answer.status).toBe(202);
			receipts.push(answer.body.receipt);
		}
		// Let the worker fail at least once for every message against the closed port (however busy the machine).
		const outage = server.db;
		// (Attempts count at claim time: a message whose connection is still being refused has none recorded yet.)
		const undeferred = "SELECT COUNT(*) AS n FROM outbox o WHERE NOT EXISTS (SELECT 1 FROM delivery_events e WHERE e.outbox_id = o.id AND e.kind = 'deferred')";
		await expect.poll(async () => Number((await outage.get(undeferred))?.['n']), { timeout: 30_000 }).toBe(0);
		const during = (await server.db.get('SELECT MIN(attempts) AS fewest, COUNT(*) AS queued FROM outbox WHERE sent_at IS NULL'));
		expect(during).toEqual({ fewest: expect.any(Number), queued: count });
		expect(Number(during?.['fewest'])).toBeGreaterThanOrEqual(1);
		expect(String((await server.db.get('SELECT last_error FROM outbox LIMIT 1'))?.['last_error'])).toMatch(/ECONNREFUSED|connect/i);

		await sink.start();
		await sink.waitFor(count, 30_000);
		// Give a duplicate every chance to show up before counting.
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect(sink.received).toHaveLength(count);
		expect(new Set(sink.received.map((mail) => mail.messageId)).size).toBe(count);
		expect(sink.received.map((mail) => mail.to[0]).sort()).toEqual(Array.from({ length: count }, (_, index) => `user${index}@example.com`).sort());
		const { db } = server;
		await expect.poll(async () => await outboxCounts(db)).toEqual({ queued: 0, sent: count, failed: 0 });
		// Each receipt's timeline: queued, one deferral or more (connection refused: no reply), then sent once.
		for (const receipt of receipts) {
			const events = ((await server.api('/registrations/status', { receipt })).body.delivery.events as { kind: string; reply?: string; nextAttemptAt?: string }[]);
			const kinds = events.map((event) => event.kind);
			expect(kinds[0]).toBe('queued');
			expect(kinds.at(-1)).toBe('sent');
			expect(kinds.filter((kind) => kind === 'sent')).toHaveLength(1);
			expect(kinds.slice(1, -1).length).toBeGreaterThanOrEqual(1);
			expect(kinds.slice(1, -1).every((kind) => kind === 'deferred')).toBe(true);
			expect(events[1]?.reply).toBeUndefined();
			expect(events[1]?.nextAttemptAt).toMatch(/Z$/);
		}
	}, 60_000);

	test('a message the server refuses is retried, then delivered once', async () => {
		sink = await startSmtpSink();
		server = await startTestServer({ smtpUrl: sink.url, startWorker: true, realTime: true, retry: fastRetry });
		const held = sink.holdNext();
		await server.api('/registrations', { email: 'ann@example.com', password: goodPassword, locale: 'en' });
		await held;
		sink.release(false);
		await sink.waitFor(1);
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(sink.received).toHaveLength(1);
		expect((await server.db.get('SELECT attempts FROM outbox'))?.['attempts']).toBe(2);
	});

	test('gives up after the retry window and blanks the message', async () => {
		sink = await startSmtpSink();
		await sink.stop();
		server = await startTestServer({ smtpUrl: sink.url, realTime: true, retry: { ...fastRetry, giveUpAfterMs: 1000 } });
		await server.api('/registrations', { email: 'ann@example.com', password: goodPassword, locale: 'en' });
		await server.deliverMail();
		server.clock.advance(2000);
		await server.deliverMail();
		expect(await outboxCounts(server.db)).toEqual({ queued: 0, sent: 0, failed: 1 });
		expect((await server.db.get('SELECT payload FROM outbox'))?.['payload']).toBeNull();
	});

	test('a permanent refusal (550) is final: one attempt, marked failed, never retried', async () => {
		sink = await startSmtpSink();
		server = await startTestServer({ smtpUrl: sink.url, startWorker: true, realTime: true, retry: fastRetry });
		const held = sink.holdNext();
		expect((await server.api('/registrations', { email: 'gone@example.com', password: goodPassword, locale: 'en' })).status).toBe(202);
		await held;
		sink.release(false, 550);
		const { db } = server;
		await expect.poll(async () => await outboxCounts(db)).toEqual({ queued: 0, sent: 0, failed: 1 });
		expect((await db.get('SELECT attempts, last_error FROM outbox'))).toMatchObject({ attempts: 1, last_error: expect.stringContaining('550') });
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(sink.received).toHaveLength(0);
		expect((await db.get('SELECT attempts FROM outbox'))).toEqual({ attempts: 1 });
	});
});
