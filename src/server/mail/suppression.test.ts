import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterEach, describe, expect, test } from 'vitest';

import { startSmtpSink, type SmtpSink } from '../../../test-support/server/smtp-sink.ts';
import { goodPassword, startTestServer, type TestServer } from '../../../test-support/server/test-server.ts';
import { suppressionsReport, traceReport } from './operator-reports.ts';

let server: TestServer | undefined;
let sink: SmtpSink | undefined;
let dataDir: string | undefined;
afterEach(async () => {
	await server?.close();
	await sink?.stop();
	if (dataDir) rmSync(dataDir, { recursive: true, force: true });
	server = undefined;
	sink = undefined;
	dataDir = undefined;
});

const register = (email: string) => server!.api('/registrations', { email, password: goodPassword, locale: 'en' });
const timeline = async (receipt: string) => (await server!.api('/registrations/status', { receipt })).body.delivery;
const observable = (answer: { status: number; headers: Headers; body: Record<string, unknown> }) => ({
	status: answer.status,
	headers: [...answer.headers.keys()].filter((name) => name !== 'date').sort(),
	body: { ...answer.body, receipt: typeof answer.body['receipt'] },
});

describe('suppression of addresses that hard-bounced', () => {
	test('after a 550 5.1.1 the address is not mailed again; its timeline says why; the API answers as for any address', async () => {
		sink = await startSmtpSink();
		server = await startTestServer({ smtpUrl: sink.url });
		await register('gone+550@example.com');
		await server.deliverMail();
		server.clock.advance(5 * 60_000 + 1);

		const again = await register('gone+550@example.com');
		const other = await register('fine@example.com');
		expect(observable(again)).toEqual(observable(other));
		await server.deliverMail();
		expect((await timeline(again.body.receipt)).events).toEqual([
			{ kind: 'queued', at: expect.any(String) },
			{ kind: 'suppressed', at: expect.any(String), reason: 'no_mailbox' },
		]);
		// The sink refused the first one and was never asked again; the other address got its email.
		expect(sink.replies.filter((reply) => reply.to === 'gone+550@example.com')).toHaveLength(1);
		expect(sink.received.map((mail) => mail.to[0])).toEqual(['fine@example.com']);
		// Resend and reset requests answer the same too.
		for (const path of ['/registrations/resend', '/password-resets']) {
			const suppressed = await server.api(path, { email: 'gone+550@example.com', locale: 'en' });
			const unknown = await server.api(path, { email: 'nobody@example.com', locale: 'en' });
			expect(observable(suppressed)).toEqual(observable(unknown));
		}
	});

	test('a full mailbox or a spam refusal does not suppress; a suppression ends after its time', async () => {
		sink = await startSmtpSink();
		server = await startTestServer({ smtpUrl: sink.url, config: { mail: { pollIntervalMs: 20, retryBaseMs: 5000, leaseMs: 120_000, suppressionMs: 86_400_000 } } });
		await register('full+552@example.com');
		await register('gone+550@example.com');
		await server.deliverMail();
		const report = await suppressionsReport(server.db, [], server.clock.now());
		expect(report.text).toContain('gone+550@example.com');
		expect(report.text).not.toContain('full+552@example.com');
		server.clock.advance(86_400_000 + 1);
		sink.replyTo('gone+550@example.com');
		const later = await register('gone+550@example.com');
		await server.deliverMail();
		expect((await timeline(later.body.receipt)).events.map((event: { kind: string }) => event.kind)).toEqual(['queued', 'failed']);
	});

	test('lifting a suppression mails the address again; the trace prints every message’s timeline', async () => {
		sink = await startSmtpSink();
		server = await startTestServer({ smtpUrl: sink.url });
		await register('ann@example.com');
		sink.replyTo('ann@example.com', { code: 550, text: '5.1.1 No such user' });
		await server.deliverMail();
		server.clock.advance(5 * 60_000 + 1);
		await register('ann@example.com');
		await server.deliverMail();
		expect(await suppressionsReport(server.db, ['--lift', 'Ann@Example.com'], server.clock.now())).toEqual({ text: 'Lifted: Ann@example.com will be mailed again.', ok: true });
		expect((await suppressionsReport(server.db, ['--lift', 'ann@example.com'], server.clock.now())).ok).toBe(false);
		server.clock.advance(5 * 60_000 + 1);
		await register('ann@example.com');
		await server.deliverMail();
		expect(sink.received).toHaveLength(1);
		const trace = await traceReport(server.db, 'ann@example.com', server.clock.now());
		expect(trace).toMatch(/^Messages to ann@example\.com: 3/);
		expect(trace).toMatch(/failed +reason no_mailbox, reply "550 5\.1\.1 No such user", from worker/);
		expect(trace).toMatch(/suppressed +reason no_mailbox/);
		expect(trace).toMatch(/sent +domain example\.com, reply "250 2\.0\.0 OK/);
	});

	test('the commands read the server’s database file (DATA_DIR), with no network', async () => {
		dataDir = mkdtempSync(join(tmpdir(), 'mail-cli-'));
		sink = await startSmtpSink();
		server = await startTestServer({ smtpUrl: sink.url, dataDir, realTime: true });
		await register('bob+550@example.com');
		await server.deliverMail();
		await server.close();
		server = undefined;
		const run = promisify(execFile);
		const env = { ...process.env, DATA_DIR: dataDir };
		const root = new URL('../../../', import.meta.url).pathname;
		const trace = await run(process.execPath, ['scripts/mail-trace.ts', 'bob+550@example.com'], { cwd: root, env });
		expect(trace.stdout).toContain('failed     reason no_mailbox');
		const list = await run(process.execPath, ['scripts/mail-suppressions.ts'], { cwd: root, env });
		expect(list.stdout).toMatch(/bob\+550@example\.com +failed \(no_mailbox\)/);
		const lifted = await run(process.execPath, ['scripts/mail-suppressions.ts', '--lift', 'bob+550@example.com'], { cwd: root, env });
		expect(lifted.stdout).toContain('Lifted');
	});
});
