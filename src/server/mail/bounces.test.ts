import { createServer } from 'node:net';

import nodemailer from 'nodemailer';
import { afterEach, describe, expect, test } from 'vitest';

import { deliveryStatusNotification } from '../../../test-support/server/dsn-mail.ts';
import { startSmtpSink, type SmtpSink } from '../../../test-support/server/smtp-sink.ts';
import { goodPassword, noRateLimits, startTestServer, testProvider, type TestServer } from '../../../test-support/server/test-server.ts';
import { openSqliteStore } from '../backends/local/database.ts';
import { loadConfig } from '../env.ts';
import { createRuntime } from '../runtime.ts';
import { startBounceListener, type BounceListener } from './bounce-listener.ts';
import { parseDsn } from './dsn.ts';
import { parseVerpAddress, verpAddress, verpKey } from './verp.ts';

let server: TestServer | undefined;
let sink: SmtpSink | undefined;
let listener: BounceListener | undefined;
let logged: string[] = [];
afterEach(async () => {
	await listener?.close();
	await server?.close();
	await sink?.stop();
	server = undefined;
	sink = undefined;
	listener = undefined;
	logged = [];
});

const domain = 'bounces.acme.test';

/** A server sending through the sink with VERP, its bounce listener, and a registration's sent email. */
async function sentRegistration(email: string) {
	sink = await startSmtpSink();
	server = await startTestServer({ smtpUrl: sink.url, config: { bounces: { smtpPort: 1, domain } } });
	listener = await startBounceListener({ db: server.db, domain, port: 0, host: '127.0.0.1', clock: server.clock, suppressForMs: 30 * 86_400_000, log: (line) => logged.push(line) });
	const answer = await server.api('/registrations', { email, password: goodPassword, locale: 'en' });
	await server.deliverMail();
	const [mail] = sink.received;
	if (!mail) throw new Error('nothing sent');
	return { receipt: answer.body.receipt as string, mail };
}

/** Delivers a raw report to the listener by SMTP, as the reporting MTA would (null sender). */
async function deliverReport(to: string, raw: string): Promise<void> {
	const transport = nodemailer.createTransport({ host: '127.0.0.1', port: listener!.port, secure: false, ignoreTLS: true });
	try {
		await transport.sendMail({ envelope: { from: '', to }, raw });
	} finally {
		transport.close();
	}
}

const events = async (receipt: string) => (await server!.api('/registrations/status', { receipt })).body.delivery.events as { kind: string; reason?: string; reply?: string }[];

describe('bounces received later, by SMTP, as delivery status notifications', () => {
	test('each message goes out from its own signed bounce address (VERP)', async () => {
		const { mail } = await sentRegistration('ann@example.com');
		expect(mail.from).toMatch(/^bounce\+1\.[0-9a-f]{16}@bounces\.acme\.test$/);
		expect(mail.raw).toMatch(/^From: Acme Tracking <no-reply@acme\.test>/m);
		const key = await verpKey(server!.db);
		expect(parseVerpAddress(key, mail.from, domain)).toBe(1);
		expect(parseVerpAddress(key, verpAddress(key, 2, domain), domain)).toBe(2);
		expect(parseVerpAddress(key, mail.from.replace(/^bounce\+1\./, 'bounce+2.'), domain)).toBeNull();
		expect(parseVerpAddress(key, mail.from, 'other.test')).toBeNull();
	});

	test('a DSN to the message’s bounce address: bounced (no_mailbox) on its timeline, and the address suppressed', async () => {
		const { receipt, mail } = await sentRegistration('ann@example.com');
		await deliverReport(mail.from, deliveryStatusNotification({ original: mail.raw, recipient: 'ann@example.com', to: mail.from }));
		expect((await events(receipt)).map((event) => event.kind)).toEqual(['queued', 'sent', 'bounced']);
		expect((await events(receipt))[2]).toMatchObject({ reason: 'no_mailbox', reply: expect.stringContaining('550 5.1.1') });
		server!.clock.advance(5 * 60_000 + 1);
		const again = await server!.api('/registrations', { email: 'ann@example.com', password: goodPassword, locale: 'en' });
		await server!.deliverMail();
		expect((await events(again.body.receipt)).map((event) => event.kind)).toEqual(['queued', 'suppressed']);
		expect(sink!.received).toHaveLength(1);
	});

	test('a mailbox-full DSN is a bounce that does not suppress', async () => {
		const { receipt, mail } = await sentRegistration('bob@example.com');
		await deliverReport(mail.from, deliveryStatusNotification({ original: mail.raw, recipient: 'bob@example.com', to: mail.from, status: '5.2.2', diagnostic: '552 5.2.2 Mailbox full' }));
		expect((await events(receipt)).at(-1)).toMatchObject({ kind: 'bounced', reason: 'mailbox_full' });
		expect((await server!.db.get('SELECT COUNT(*) AS n FROM suppressions'))).toEqual({ n: 0 });
	});

	test('to the plain bounce address, the report is matched by the original Message-ID', async () => {
		const { receipt, mail } = await sentRegistration('carol@example.com');
		await deliverReport(`bounce@${domain}`, deliveryStatusNotification({ original: mail.raw, recipient: 'carol@example.com', to: `bounce@${domain}`, status: '5.7.1', diagnostic: '554 5.7.1 Spam' }));
		expect((await events(receipt)).at(-1)).toMatchObject({ kind: 'bounced', reason: 'rejected' });
	});

	test('forged bounce addresses are refused at RCPT and logged; delays and non-reports change nothing', async () => {
		const { receipt, mail } = await sentRegistration('dan@example.com');
		const forged = mail.from.replace(/\.[0-9a-f]{16}@/, '.0123456789abcdef@');
		await expect(deliverReport(forged, deliveryStatusNotification({ original: mail.raw, recipient: 'dan@example.com', to: forged }))).rejects.toMatchObject({ responseCode: 550 });
		await expect(deliverReport('postmaster@bounces.acme.test', 'Subject: hi\r\n\r\nhello\r\n')).rejects.toMatchObject({ responseCode: 550 });
		expect(logged.filter((line) => line.includes('refused'))).toHaveLength(2);
		await deliverReport(mail.from, deliveryStatusNotification({ original: mail.raw, recipient: 'dan@example.com', to: mail.from, action: 'delayed', status: '4.4.1' }));
		await deliverReport(mail.from, 'From: dan@example.com\r\nSubject: Out of office\r\n\r\nI am away.\r\n');
		expect((await events(receipt)).map((event) => event.kind)).toEqual(['queued', 'sent']);
	});
});

describe('reading a DSN', () => {
	test('finds each recipient’s action, status and diagnostic, and the original Message-ID', async () => {
		const original = 'Message-ID: <signup-7-123@acme.test>\r\nSubject: Confirm\r\n\r\nbody\r\n';
		const dsn = await parseDsn(deliveryStatusNotification({ original, recipient: 'ann@example.com', to: 'bounce@x.test' }));
		expect(dsn).toEqual({
			originalMessageId: '<signup-7-123@acme.test>',
			recipients: [{ recipient: 'ann@example.com', action: 'failed', status: '5.1.1', diagnostic: expect.stringMatching(/^550 5\.1\.1 <ann@example\.com>/) }],
		});
		expect(await parseDsn('Subject: hello\r\n\r\nnot a report\r\n')).toBeNull();
	});
});

describe('the runtime with BOUNCE_SMTP_PORT and BOUNCE_DOMAIN', () => {
	test('starts the listener with the server, signs each email’s envelope sender, and stops it with the server', async () => {
		const port = await new Promise<number>((resolve) => {
			const probe = createServer().listen(0, '127.0.0.1', () => {
				const { port: free } = probe.address() as { port: number };
				probe.close(() => resolve(free));
			});
		});
		sink = await startSmtpSink();
		const db = openSqliteStore(':memory:');
		const lines: string[] = [];
		const base = loadConfig({ SMTP_URL: sink.url, BOUNCE_SMTP_PORT: String(port), BOUNCE_DOMAIN: domain, HOST: '127.0.0.1', SCRYPT_LOG_N: '10' });
		const runtime = await createRuntime({ config: { ...base, rateLimits: noRateLimits, mail: { ...base.mail, pollIntervalMs: 20 } }, provider: testProvider, database: db, log: (line) => lines.push(line) });
		runtime.start();
		try {
			const answer = await runtime.app.request('/api/v1/registrations', {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ email: 'eve@example.com', password: goodPassword, locale: 'en' }),
			});
			const { receipt } = (await answer.json()) as { receipt: string };
			await sink.waitFor(1);
			const [mail] = sink.received;
			expect(mail?.from).toMatch(/^bounce\+\d+\.[0-9a-f]{16}@bounces\.acme\.test$/);
			const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
			await expect.poll(async () => {
				try {
					await transport.sendMail({ envelope: { from: '', to: mail!.from }, raw: deliveryStatusNotification({ original: mail!.raw, recipient: 'eve@example.com', to: mail!.from }) });
					return true;
				} catch {
					return false;
				}
			}).toBe(true);
			transport.close();
			const status = await runtime.app.request('/api/v1/registrations/status', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ receipt }) });
			const events = ((await status.json()) as { delivery: { events: { kind: string }[] } }).delivery.events;
			expect(events.map((event) => event.kind)).toEqual(['queued', 'sent', 'bounced']);
		} finally {
			await runtime.stop();
		}
		// Stopped with the server: its port is free again.
		await new Promise<void>((resolve, reject) => {
			const again = createServer().once('error', reject).listen(port, '127.0.0.1', () => again.close(() => resolve()));
		});
	});
});
