import { describe, expect, test } from 'vitest';

import { openSqliteStore } from '../backends/local/database.ts';
import { manualClock, systemClock } from '../clock.ts';
import type { RenderedMail } from './render.ts';
import { claimDueMail, enqueueMail, markSent, outboxCounts, storedMessage } from './outbox.ts';
import type { MailTransport } from './transports.ts';
import { createMailWorker } from './worker.ts';

const render = (message: { id: number; to: string }): RenderedMail => ({
	messageId: `<${message.id}@test>`,
	from: { name: '', address: 'a@test' },
	to: message.to,
	subject: 's',
	html: '',
	text: '',
});

describe('the outbox', () => {
	test('a claimed message cannot be claimed again until its lease runs out', async () => {
		const db = openSqliteStore(':memory:');
		await enqueueMail(db, 'a@example.com', 'en', { kind: 'exists' }, 1000);
		expect(await claimDueMail(db, 'one', 1000, 60_000, 10)).toHaveLength(1);
		expect(await claimDueMail(db, 'two', 1000, 60_000, 10)).toHaveLength(0);
		const reclaimed = await claimDueMail(db, 'two', 61_000, 60_000, 10);
		expect(reclaimed.map((claim) => claim.attempts)).toEqual([2]);
		// The first owner lost its lease: its late "sent" does not count.
		expect(await markSent(db, reclaimed[0]?.mail.id ?? 0, 'one', 62_000)).toBe(false);
		expect(await markSent(db, reclaimed[0]?.mail.id ?? 0, 'two', 62_000)).toBe(true);
	});

	test('two workers on one database never send the same message', async () => {
		const db = openSqliteStore(':memory:');
		const clock = manualClock(1000);
		for (let index = 0; index < 50; index++) await enqueueMail(db, `u${index}@example.com`, 'en', { kind: 'exists' }, 1000);
		const sent: string[] = [];
		const transport: MailTransport = {
			name: 'recording',
			async send(mail) {
				await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
				sent.push(mail.to);
			},
			close() {},
		};
		const workers = [1, 2].map(() => createMailWorker({ db, transport, clock, render, batchSize: 5, log: () => {} }));
		const drain = async (worker: (typeof workers)[number]) => {
			while ((await worker.runOnce()) > 0);
		};
		await Promise.all(workers.map(drain));
		expect(sent).toHaveLength(50);
		expect(new Set(sent).size).toBe(50);
		expect(await outboxCounts(db)).toEqual({ queued: 0, sent: 50, failed: 0 });
	});

	test('a row whose lease ran out while earlier rows of its batch were sent is left to the worker that took it over', async () => {
		const db = openSqliteStore(':memory:');
		const clock = manualClock(0);
		for (const to of ['slow@example.com', 'next@example.com']) await enqueueMail(db, to, 'en', { kind: 'exists' }, 0);
		const sent: string[] = [];
		const recording = (before?: () => Promise<void>): MailTransport => ({
			name: 'recording',
			async send(mail) {
				await before?.();
				sent.push(mail.to);
			},
			close() {},
		});
		const other = createMailWorker({ db, transport: recording(), clock, render, leaseMs: 1000, log: () => {} });
		// The first send outlasts the lease with no renewal in between (the process stalled): meanwhile
		// another worker finds both rows' leases over and takes them.
		const slow = recording(async () => {
			if (sent.length > 0) return;
			clock.set(1500);
			await other.runOnce();
		});
		const logged: string[] = [];
		await createMailWorker({ db, transport: slow, clock, render, leaseMs: 1000, log: (line) => logged.push(line) }).runOnce();
		// The row that had not started is sent once, by the worker that holds it now.
		expect(sent.filter((to) => to === 'next@example.com')).toHaveLength(1);
		expect(logged.join('\n')).toMatch(/lease ran out before its turn/);
		expect(await outboxCounts(db)).toEqual({ queued: 0, sent: 2, failed: 0 });
	});

	test('a send that takes longer than the lease keeps its row: the lease is renewed while it is on the wire', async () => {
		const db = openSqliteStore(':memory:');
		await enqueueMail(db, 'slow@example.com', 'en', { kind: 'exists' }, 0);
		const claimedMeanwhile: number[] = [];
		const transport: MailTransport = {
			name: 'slow',
			async send() {
				// Three leases long; another worker looks for due mail after each of them.
				for (let lease = 0; lease < 3; lease++) {
					await new Promise((resolve) => setTimeout(resolve, 200));
					claimedMeanwhile.push((await claimDueMail(db, 'other', systemClock.now(), 200, 10)).length);
				}
			},
			close() {},
		};
		await createMailWorker({ db, transport, clock: systemClock, render, leaseMs: 200, log: () => {} }).runOnce();
		expect(claimedMeanwhile).toEqual([0, 0, 0]);
		expect(await outboxCounts(db)).toEqual({ queued: 0, sent: 1, failed: 0 });
	});

	test('a failure is retried later with exponential backoff', async () => {
		const db = openSqliteStore(':memory:');
		const clock = manualClock(0);
		await enqueueMail(db, 'a@example.com', 'en', { kind: 'exists' }, 0);
		let fail = 3;
		const transport: MailTransport = {
			name: 'flaky',
			async send() {
				if (fail-- > 0) throw new Error('421 try later');
			},
			close() {},
		};
		const worker = createMailWorker({ db, transport, clock, render, retry: { baseDelayMs: 1000, maxDelayMs: 10_000, giveUpAfterMs: 60_000 }, log: () => {} });
		const due = async () => (await db.get('SELECT next_attempt_at AS at FROM outbox'))?.['at'];
		await worker.runOnce();
		expect(await due()).toBe(1000);
		clock.set(1000);
		await worker.runOnce();
		expect(await due()).toBe(3000);
		clock.set(2999);
		expect(await worker.runOnce()).toBe(0);
		clock.set(3000);
		await worker.runOnce();
		expect(await due()).toBe(7000);
		clock.set(7000);
		await worker.runOnce();
		expect(await outboxCounts(db)).toEqual({ queued: 0, sent: 1, failed: 0 });
	});

	test('a permanent refusal (SMTP 5xx) is final: not retried, nothing kept to resend', async () => {
		const db = openSqliteStore(':memory:');
		const clock = manualClock(0);
		await enqueueMail(db, 'gone@example.com', 'en', { kind: 'exists' }, 0);
		let tries = 0;
		const transport: MailTransport = {
			name: 'refusing',
			async send() {
				tries++;
				throw Object.assign(new Error('550 5.1.1 mailbox unavailable'), { responseCode: 550 });
			},
			close() {},
		};
		const logged: string[] = [];
		const worker = createMailWorker({ db, transport, clock, render, log: (line) => logged.push(line) });
		await worker.runOnce();
		clock.set(3 * 24 * 3600_000);
		await worker.runOnce();
		expect(tries).toBe(1);
		expect(await outboxCounts(db)).toEqual({ queued: 0, sent: 0, failed: 1 });
		expect((await db.get('SELECT payload FROM outbox'))?.['payload']).toBeNull();
		expect(logged.join('\n')).toMatch(/550.*not retried/);
	});

	test('a row holds no secret: the link is minted when the worker sends it', async () => {
		const db = openSqliteStore(':memory:');
		await enqueueMail(db, 'a@example.com', 'en', { kind: 'reset', data: { mailbox: 'a@example.com' } }, 0);
		expect((await db.get('SELECT payload FROM outbox'))?.['payload']).toBe('{"mailbox":"a@example.com"}');
	});

	test('a row queued by the previous version, with its token in the payload, is still sent as it was', async () => {
		const db = openSqliteStore(':memory:');
		(await db.run("INSERT INTO outbox (kind, recipient, locale, payload, created_at, next_attempt_at) VALUES ('reset', 'a@example.com', 'en', ?, 0, 0)", 
			JSON.stringify({ kind: 'reset', token: 'T'.repeat(43), expiresAt: 99 }),
		));
		const [claimed] = await claimDueMail(db, 'one', 0, 60_000, 10);
		expect(storedMessage(claimed!.mail)).toEqual({ kind: 'reset', token: 'T'.repeat(43), expiresAt: 99, id: 1, to: 'a@example.com', locale: 'en', createdAt: 0 });
		// A new row carries no secret, so there is nothing stored to send without minting.
		await enqueueMail(db, 'b@example.com', 'en', { kind: 'reset', data: { mailbox: 'b@example.com' } }, 0);
		const [fresh] = await claimDueMail(db, 'one', 0, 60_000, 10);
		expect(storedMessage(fresh!.mail)).toBeNull();
	});
});
