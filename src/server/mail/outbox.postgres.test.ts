/**
 * Exactly-once mail on PostgreSQL: several workers, each on a pool of its own (as on several
 * replicas), share one outbox and a real SMTP server. Each message arrives once; a worker that dies
 * holding rows leaves them to the others once its lease runs out; and mail queued by one replica
 * wakes another's worker through LISTEN/NOTIFY, long before its poll.
 */
import { afterAll, describe, expect, test } from 'vitest';

import { postgresStores } from '../../../test-support/postgres/postgres-stores.ts';
import { startSmtpSink } from '../../../test-support/server/smtp-sink.ts';
import { systemClock } from '../clock.ts';
import { openPostgresStore } from '../store/postgres-store.ts';
import type { Store } from '../store/store.ts';
import { claimDueMail, enqueueMail, outboxCounts } from './outbox.ts';
import type { RenderedMail } from './render.ts';
import { smtpTransport } from './transports.ts';
import { createMailWorker } from './worker.ts';

const stores = postgresStores();
afterAll(() => stores.stop());

const render = (message: { id: number; to: string }): RenderedMail => ({
	messageId: `<${message.id}@outbox.test>`,
	from: { name: '', address: 'sender@example.com' },
	to: message.to,
	subject: `message ${message.id}`,
	html: '<p>hi</p>',
	text: 'hi',
});

/** `count` pools on one fresh schema: one per replica. */
async function replicas(count: number): Promise<Store[]> {
	const url = await stores.schemaUrl();
	const first = await openPostgresStore(url, { poolSize: 3, log: () => {} });
	const others = await Promise.all(Array.from({ length: count - 1 }, () => openPostgresStore(url, { poolSize: 3, log: () => {} })));
	return [first, ...others];
}

/** How often each recipient was received. */
function receivedCounts(received: { to: string[] }[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const mail of received) for (const to of mail.to) counts.set(to, (counts.get(to) ?? 0) + 1);
	return counts;
}

describe('the outbox on PostgreSQL', () => {
	test('four workers on four pools, 200 messages: each delivered exactly once', async () => {
		const sink = await startSmtpSink();
		const dbs = await replicas(4);
		const workers = dbs.map((db) => createMailWorker({ db, transport: smtpTransport(sink.url), clock: systemClock, render, pollIntervalMs: 20, batchSize: 5, log: () => {} }));
		try {
			const [first] = dbs;
			for (let batch = 0; batch < 20; batch++) {
				await first!.transaction(async (tx) => {
					for (let index = 0; index < 10; index++) await enqueueMail(tx, `u${batch * 10 + index}@example.com`, 'en', { kind: 'exists' }, systemClock.now());
				});
			}
			for (const worker of workers) worker.start();
			await sink.waitFor(200, 60_000);
			await expect.poll(async () => (await outboxCounts(first!)).sent, { timeout: 20_000 }).toBe(200);
			// A message sent twice would arrive within a few polls more.
			await new Promise((resolve) => setTimeout(resolve, 300));
			const counts = receivedCounts(sink.received);
			expect(counts.size).toBe(200);
			expect([...counts.values()].every((count) => count === 1)).toBe(true);
		} finally {
			await Promise.all(workers.map((worker) => worker.stop()));
			await Promise.all(dbs.map((db) => db.close()));
			await sink.stop();
		}
	}, 120_000);

	test('claims at the same instant on several pools never overlap', async () => {
		const dbs = await replicas(4);
		try {
			const now = systemClock.now();
			await dbs[0]!.transaction(async (tx) => {
				for (let index = 0; index < 100; index++) await enqueueMail(tx, `c${index}@example.com`, 'en', { kind: 'exists' }, now);
			});
			const claims = await Promise.all(dbs.flatMap((db, replica) => Array.from({ length: 5 }, (_, turn) => claimDueMail(db, `w${replica}-${turn}`, now, 60_000, 7))));
			const ids = claims.flat().map((claim) => claim.mail.id);
			expect(new Set(ids).size).toBe(ids.length);
			expect(ids.length).toBe(100);
		} finally {
			await Promise.all(dbs.map((db) => db.close()));
		}
	});

	test('a worker that dies holding rows: another takes them after the lease, and each is sent once', async () => {
		const sink = await startSmtpSink();
		const [dead, alive] = await replicas(2);
		const worker = createMailWorker({ db: alive!, transport: smtpTransport(sink.url), clock: systemClock, render, pollIntervalMs: 50, leaseMs: 1500, log: () => {} });
		try {
			const now = systemClock.now();
			await dead!.transaction(async (tx) => {
				for (let index = 0; index < 5; index++) await enqueueMail(tx, `d${index}@example.com`, 'en', { kind: 'exists' }, now);
			});
			// The dead worker claimed them all and never sent them.
			expect(await claimDueMail(dead!, 'dead-worker', now, 1500, 10)).toHaveLength(5);
			await dead!.close();
			worker.start();
			await sink.waitFor(5, 30_000);
			await new Promise((resolve) => setTimeout(resolve, 300));
			expect([...receivedCounts(sink.received).values()]).toEqual([1, 1, 1, 1, 1]);
		} finally {
			await worker.stop();
			await alive!.close();
			await sink.stop();
		}
	}, 60_000);

	test('mail queued on one replica wakes the worker of another at once (LISTEN/NOTIFY), not at its poll', async () => {
		const sink = await startSmtpSink();
		const [queuing, sending] = await replicas(2);
		// A poll of a minute: only the notice can make this worker send within the test.
		const worker = createMailWorker({ db: sending!, transport: smtpTransport(sink.url), clock: systemClock, render, pollIntervalMs: 60_000, log: () => {} });
		try {
			worker.start();
			// The listener connects, and looks once; then it sleeps until a notice.
			await new Promise((resolve) => setTimeout(resolve, 500));
			await queuing!.transaction((tx) => enqueueMail(tx, 'notified@example.com', 'en', { kind: 'exists' }, systemClock.now()));
			await sink.waitFor(1, 20_000);
			expect(sink.received[0]?.to).toEqual(['notified@example.com']);
		} finally {
			await worker.stop();
			await Promise.all([queuing!.close(), sending!.close()]);
			await sink.stop();
		}
	}, 60_000);
});
