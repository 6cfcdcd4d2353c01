/**
 * The server process is killed with SIGKILL in the middle of a registration load, while an email
 * is on the wire, and started again on the same data folder: every registration that was answered
 * 202 still exists, and every queued email is delivered, exactly once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

import { afterAll, expect, test } from 'vitest';

import { databaseFileName } from './backends/local/database.ts';
import { startServerProcess, type ServerProcess } from '../../test-support/server/server-process.ts';
import { startSmtpSink, type SmtpSink } from '../../test-support/server/smtp-sink.ts';
import { goodPassword } from '../../test-support/server/test-server.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'signup-crash-'));
let sink: SmtpSink | undefined;
let running: ServerProcess | undefined;

afterAll(async () => {
	running?.child.kill('SIGKILL');
	await running?.exited;
	await sink?.stop();
	rmSync(dataDir, { recursive: true, force: true });
});

test('a SIGKILL loses no account and no email, and sends none twice', async () => {
	sink = await startSmtpSink();
	const env = {
		DATA_DIR: dataDir,
		SMTP_URL: sink.url,
		STATIC_DIR: join(dataDir, 'no-site'),
		SCRYPT_LOG_N: '10',
		RATE_LIMIT_REGISTER: '1000000/60',
		MAIL_POLL_INTERVAL_MS: '20',
		MAIL_RETRY_BASE_MS: '50',
		// The killed worker's claim must run out quickly for the test; in production it outlasts a send.
		MAIL_LEASE_SECONDS: '1',
	};
	running = await startServerProcess(env);
	const first = running;

	// The load: registrations, eight at a time, until the server dies under them.
	const accepted: string[] = [];
	let next = 0;
	let dead = false;
	const load = Array.from({ length: 8 }, async () => {
		while (!dead) {
			const email = `load${next++}@example.com`;
			try {
				const answer = await fetch(`${first.url}/api/v1/registrations`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json' },
					body: JSON.stringify({ email, password: goodPassword, locale: 'en' }),
				});
				if (answer.status === 202) accepted.push(email);
				else expect.fail(`unexpected ${answer.status}: ${await answer.text()}`);
			} catch {
				// The connection died with the process: this registration was never acknowledged.
			}
		}
	});

	// Kill while an email is on the wire: the server has its data but has not answered yet.
	await sink.waitFor(5);
	const held = sink.holdNext();
	await held;
	first.child.kill('SIGKILL');
	await first.exited;
	dead = true;
	await Promise.all(load);
	sink.release(false);
	const receivedBeforeCrash = sink.received.length;
	expect(accepted.length).toBeGreaterThan(5);

	running = await startServerProcess(env);

	// Every acknowledged registration survived, and each account has exactly one email queued or sent.
	const db = new DatabaseSync(join(dataDir, databaseFileName), { readOnly: true });
	try {
		const accounts = (db.prepare('SELECT email FROM accounts').all() as Array<{ email: string }>).map((row) => row.email);
		expect(accounts).toEqual(expect.arrayContaining(accepted));
		const mails = db.prepare('SELECT recipient FROM outbox').all() as Array<{ recipient: string }>;
		expect(mails.map((row) => row.recipient).sort()).toEqual([...accounts].sort());

		await sink.waitFor(accounts.length, 20_000);
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect(sink.received.length).toBeGreaterThan(receivedBeforeCrash);
		expect(sink.received).toHaveLength(accounts.length);
		expect(sink.received.map((mail) => mail.to[0]).sort()).toEqual([...accounts].sort());
		expect(new Set(sink.received.map((mail) => mail.messageId)).size).toBe(accounts.length);
	} finally {
		db.close();
	}
}, 60_000);
