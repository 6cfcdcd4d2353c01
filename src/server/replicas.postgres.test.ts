/**
 * Three server processes behind one (round-robin) address, as replicas on several machines would
 * run: the built-in backend's store and the per-IP limits in one real PostgreSQL (`DATABASE_URL`,
 * `LIMITS_URL`), one SMTP server. 300 registrations spread over the three give 300 emails, each
 * delivered once; a replica killed with SIGKILL in the middle of the load loses no acknowledged
 * registration and sends no email twice; PostgreSQL stopped in the middle of the load gives clear
 * 503s with `Retry-After` (never a 500, no crash), and everything answered 202 before or after it is
 * there, with its one email, once it is back.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { startTestPostgres, type TestPostgres } from '../../test-support/postgres/postgres-server.ts';
import { startReplicas, type ReplicaSet } from '../../test-support/server/replica-set.ts';
import { startSmtpSink, type SmtpSink } from '../../test-support/server/smtp-sink.ts';
import { expectMailedOnce, registerAcross, type RegistrationAnswer } from '../../test-support/server/replica-load.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'signup-replicas-pg-'));
let postgres: TestPostgres;
let sink: SmtpSink;
let replicas: ReplicaSet;
/** Every registration answered 202, by any replica, in any test. */
const accepted: string[] = [];

beforeAll(async () => {
	postgres = await startTestPostgres();
	sink = await startSmtpSink();
	replicas = await startReplicas(3, {
		DATA_DIR: dataDir,
		DATABASE_URL: postgres.url,
		LIMITS_URL: postgres.url,
		SMTP_URL: sink.url,
		STATIC_DIR: join(dataDir, 'no-site'),
		TRUST_PROXY: '1',
		// The cheapest scrypt cost the server accepts: the point is correctness, not hashing.
		SCRYPT_LOG_N: '10',
		RATE_LIMIT_REGISTER: '1000000/60',
		MAIL_POLL_INTERVAL_MS: '200',
		MAIL_RETRY_BASE_MS: '50',
		// A killed replica's claims must run out quickly for the test; in production they outlast a send.
		MAIL_LEASE_SECONDS: '2',
	});
}, 120_000);

afterAll(async () => {
	await replicas?.stop();
	await sink?.stop();
	await postgres?.stop();
	rmSync(dataDir, { recursive: true, force: true });
});

/** Registers `emails`, `concurrency` at a time, round robin over the replicas; returns every answer (status 0: cut off). */
async function register(emails: string[], concurrency: number, onAccepted: (count: number) => void = () => {}): Promise<RegistrationAnswer[]> {
	return registerAcross(replicas, emails, concurrency, (email) => {
		accepted.push(email);
		onAccepted(accepted.length);
	});
}

/** The accounts in the shared database. */
async function accounts(): Promise<string[]> {
	const client = new pg.Client({ connectionString: postgres.url });
	await client.connect();
	try {
		return (await client.query<{ email: string }>('SELECT email FROM accounts ORDER BY email')).rows.map((row) => row.email);
	} finally {
		await client.end();
	}
}

/**
 * When a second copy of a message cannot be ruled out: SMTP cannot tell a sender that died (or lost
 * its database) after the server's "250" from one that did so before it. A message accepted the
 * instant its sender was killed, or while the database could not record the send for longer than
 * a lease, is sent again by the replica that takes the row over, with the same Message-ID.
 */
const unrecordable: Array<{ from: number; to: number }> = [];

/** Waits until every account has its email, then checks that each was delivered exactly once (see {@link unrecordable}). */
async function expectEveryAccountMailedOnce(): Promise<string[]> {
	const all = await accounts();
	await expectMailedOnce({ replicas, sink, accounts: all, accepted, unrecordable, waitMs: 60_000 });
	return all;
}

describe('three replicas on one PostgreSQL', () => {
	test('300 registrations spread over the three: exactly 300 emails, each delivered once', async () => {
		const emails = Array.from({ length: 300 }, (_, index) => `spread${index}@example.com`);
		const answers = await register(emails, 12);
		expect(answers.filter((answer) => answer.status !== 202), replicas.output()).toEqual([]);
		expect(await expectEveryAccountMailedOnce()).toHaveLength(300);
	}, 120_000);

	test('a replica killed with SIGKILL in the middle of the load: every 202 has its account and exactly one email', async () => {
		const before = accepted.length;
		const emails = Array.from({ length: 150 }, (_, index) => `killed${index}@example.com`);
		let killing: Promise<void> | null = null;
		const answers = await register(emails, 9, (count) => {
			if (count !== before + 40) return;
			const from = Date.now();
			killing = replicas.kill(1).then(() => {
				unrecordable.push({ from, to: Date.now() });
			});
		});
		await killing;
		expect(answers.filter((answer) => answer.status !== 202 && answer.status !== 0), replicas.output()).toEqual([]);
		expect(sink.received.length).toBeGreaterThan(0);
		expect(answers.filter((answer) => answer.status === 0).length).toBeGreaterThan(0);
		await expectEveryAccountMailedOnce();
		await replicas.restart(1);
	}, 120_000);

	test('PostgreSQL stopped in the middle of the load: 503 with Retry-After (never a 500), /health failing, then recovery with nothing lost', async (context) => {
		if (!postgres.owned) {
			console.warn('skipped: TEST_DATABASE_URL names a server this harness cannot stop');
			context.skip();
		}
		const before = accepted.length;
		let pausing: Promise<void> | null = null;
		const outage = { from: 0, to: Number.POSITIVE_INFINITY };
		unrecordable.push(outage);
		const during = await register(
			Array.from({ length: 80 }, (_, index) => `outage${index}@example.com`),
			6,
			(count) => {
				if (count !== before + 20) return;
				outage.from = Date.now();
				pausing = postgres.pause();
			},
		);
		await pausing;
		// Requests after the stop: refused clearly, to be retried, by every replica alike.
		const refused = await register(Array.from({ length: 9 }, (_, index) => `refused${index}@example.com`), 3);
		expect(refused.map((answer) => answer.status), replicas.output()).toEqual(Array(9).fill(503));
		expect(refused.every((answer) => answer.retryAfter === '60')).toBe(true);
		for (const answer of during) expect([202, 503]).toContain(answer.status);
		for (const url of replicas.urls) expect((await fetch(`${url}/api/v1/health`)).status).toBe(503);

		await postgres.resume();
		outage.to = Date.now();
		for (const url of replicas.urls) await expect.poll(async () => (await fetch(`${url}/api/v1/health`)).status, { timeout: 20_000, interval: 250 }).toBe(200);
		const after = await register(Array.from({ length: 30 }, (_, index) => `after${index}@example.com`), 6);
		expect(after.filter((answer) => answer.status !== 202), replicas.output()).toEqual([]);
		// Every 202, before, during and after the outage: its account, and its one email.
		await expectEveryAccountMailedOnce();
	}, 180_000);

	test('SIGTERM stops every replica cleanly (exit 0)', async () => {
		expect(await replicas.stop()).toEqual([0, 0, 0]);
	});
});
