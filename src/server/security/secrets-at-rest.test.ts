/**
 * Secrets at rest: no link or code that was mailed can be read back from the database files — the
 * database, its WAL or its shared memory — before or after the email is sent.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, expect, test } from 'vitest';

import { startSmtpSink, type SmtpSink } from '../../../test-support/server/smtp-sink.ts';
import { goodPassword, startTestServer, type TestServer } from '../../../test-support/server/test-server.ts';
import { outboxCounts } from '../mail/outbox.ts';

let server: TestServer | undefined;
let sink: SmtpSink | undefined;
const folder = mkdtempSync(join(tmpdir(), 'signup-secrets-'));
afterEach(async () => {
	await server?.close();
	await sink?.stop();
	rmSync(folder, { recursive: true, force: true });
});

/** Everything the database files hold, as one string of bytes. */
const databaseBytes = () => readdirSync(folder).map((file) => readFileSync(join(folder, file)).toString('latin1')).join('\n');

test('no mailed token or code is stored in clear, in the database or its WAL', async () => {
	sink = await startSmtpSink();
	server = await startTestServer({ dataDir: folder, smtpUrl: sink.url, startWorker: true, realTime: true, retry: { baseDelayMs: 50 } });
	expect((await server.api('/registrations', { email: 'ann@example.com', password: goodPassword, locale: 'en' })).status).toBe(202);
	await sink.waitFor(1);
	server.clock.advance(10 * 60_000);
	expect((await server.api('/password-resets', { email: 'ann@example.com', locale: 'en' })).status).toBe(202);
	await sink.waitFor(2);
	const { db } = server;
	await expect.poll(() => outboxCounts(db)).toEqual({ queued: 0, sent: 2, failed: 0 });
	// Undo quoted-printable (soft line breaks, =3D), which would hide or split a token in the raw message.
	const mails = sink.received.map((mail) => mail.raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))));
	const secrets = mails.flatMap((raw) => [...raw.matchAll(/#token=([\w-]{43})/g)].map((match) => match[1] ?? ''));
	const codes = mails.flatMap((raw) => [...raw.matchAll(/^(\d{6})\r?$/gm)].map((match) => match[1] ?? ''));
	expect(new Set(secrets).size).toBe(2);
	expect(codes.length).toBeGreaterThan(0);
	const bytes = databaseBytes();
	for (const secret of [...new Set(secrets), ...new Set(codes)]) expect(bytes.includes(secret), secret).toBe(false);
	// The link still works: only its hash was kept.
	const confirmation = secrets[0];
	expect((await server.api('/registrations/confirm', { token: confirmation })).status).toBe(200);
});
