/**
 * Fail closed: the development mailbox (every link and code sent) is served only when asked for and
 * only on this machine; a full or read-only disk is a 503 with Retry-After, a logged cause and a
 * failing `/health`; `TRUST_PROXY` believes only the proxies it names, and IPv6 clients are limited
 * by their /64.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterEach, describe, expect, test } from 'vitest';

import { goodPassword, startTestServer, testProvider, type TestServer } from '../../../test-support/server/test-server.ts';
import { ConfigError, loadConfig } from '../env.ts';
import { forwardedClient, parseTrustProxy, rateLimitKey } from '../http/client-ip.ts';
import { createRuntime } from '../runtime.ts';

let server: TestServer | undefined;
afterEach(async () => {
	await server?.close();
	server = undefined;
});

const registration = { email: 'ann@example.com', password: goodPassword, locale: 'en' };

describe('the development mailbox', () => {
	test('is never a default: without SMTP_URL and DEV_MAILBOX=true the server refuses to start, whatever NODE_ENV says', async () => {
		for (const NODE_ENV of [undefined, 'Production', 'prod', 'development']) {
			const config = loadConfig({ ...(NODE_ENV ? { NODE_ENV } : {}), DATA_DIR: ':memory:' });
			expect(config.devMailbox).toEqual({ enabled: false, open: false });
			await expect(createRuntime({ config, provider: testProvider }), String(NODE_ENV)).rejects.toThrow(ConfigError);
		}
	});

	test('the server process says why it does not start', () => {
		const folder = mkdtempSync(join(tmpdir(), 'signup-nomail-'));
		try {
			const main = fileURLToPath(new URL('../main.ts', import.meta.url));
			const env = { PATH: process.env['PATH'] ?? '', PORT: '0', HOST: '127.0.0.1', DATA_DIR: folder, STATIC_DIR: join(folder, 'none'), NODE_ENV: 'prod' };
			const run = spawnSync(process.execPath, [main], { env, encoding: 'utf8', timeout: 20_000 });
			expect(run.status).toBe(1);
			expect(run.stderr).toContain('SMTP_URL is not set, so no email can be sent');
			// A message for the operator, not a stack trace.
			expect(run.stderr).not.toMatch(/\n\s+at /);
		} finally {
			rmSync(folder, { recursive: true, force: true });
		}
	});

	test('npm start without SMTP_URL turns it on, and says so, loopback only', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'signup-start-'));
		const start = fileURLToPath(new URL('../../../scripts/start.ts', import.meta.url));
		const env = { PATH: process.env['PATH'] ?? '', PORT: '0', HOST: '127.0.0.1', DATA_DIR: folder, STATIC_DIR: join(folder, 'none'), SKIP_BUILD: '1' };
		const child = spawn(process.execPath, [start], { env, stdio: ['ignore', 'pipe', 'pipe'] });
		try {
			const output = await new Promise<string>((resolve, reject) => {
				let text = '';
				const timer = setTimeout(() => reject(new Error(`no start-up line:\n${text}`)), 20_000);
				const read = (chunk: Buffer) => {
					text += chunk.toString();
					if (/development mailbox/.test(text)) {
						clearTimeout(timer);
						resolve(text);
					}
				};
				child.stdout.on('data', read);
				child.stderr.on('data', read);
			});
			expect(output).toMatch(/DEV_MAILBOX=true: emails are not sent; they land in the development mailbox at http:\/\/127\.0\.0\.1:\d+\/_mailbox\/, which answers clients on this machine only/);
		} finally {
			child.kill('SIGTERM');
			await new Promise((resolve) => child.once('exit', resolve));
			rmSync(folder, { recursive: true, force: true });
		}
	});

	test('DEV_MAILBOX=true turns it on, and it cannot be combined with SMTP_URL', () => {
		expect(loadConfig({ DEV_MAILBOX: 'true' }).devMailbox).toEqual({ enabled: true, open: false });
		expect(() => loadConfig({ DEV_MAILBOX: 'true', SMTP_URL: 'smtp://mail.acme.test' })).toThrow(/DEV_MAILBOX cannot be true when SMTP_URL is set/);
		expect(() => loadConfig({ DEV_MAILBOX_OPEN: 'true' })).toThrow(/DEV_MAILBOX_OPEN needs DEV_MAILBOX=true/);
	});

	test('answers this machine only: a request through a proxy is refused unless the mailbox is opened', async () => {
		server = await startTestServer();
		expect((await fetch(`${server.url}/_mailbox/messages.json`)).status).toBe(200);
		for (const header of ['X-Forwarded-For', 'Forwarded', 'X-Real-IP']) {
			const proxied = await fetch(`${server.url}/_mailbox/messages.json`, { headers: { [header]: '203.0.113.9' } });
			expect(proxied.status, header).toBe(403);
			expect(await proxied.text()).toContain('DEV_MAILBOX_OPEN=true');
		}
		await server.close();
		server = await startTestServer({ config: { devMailbox: { enabled: true, open: true } }, app: { devMailboxOpen: true } });
		expect((await fetch(`${server.url}/_mailbox/messages.json`, { headers: { 'X-Forwarded-For': '203.0.113.9' } })).status).toBe(200);
	});
});

describe('a disk that cannot be written', () => {
	test('a full disk answers 503 with Retry-After, logs the cause, and /health fails until a write succeeds', async () => {
		const logged: unknown[] = [];
		server = await startTestServer({ app: { logError: (error) => logged.push(error) } });
		expect(await server.api('/health')).toMatchObject({ status: 200, body: { status: 'ok', checks: [{ name: 'database', status: 'ok' }] } });
		const pages = Number((await server.db.get('PRAGMA page_count'))?.['page_count']);
		await server.db.run(`PRAGMA max_page_count = ${pages}`);
		// The pages it has are partly free: register until they are used up.
		let full;
		for (let index = 0; index < 500 && !full; index++) {
			const answer = await server.api('/registrations', { ...registration, email: `u${index}@example.com` });
			if (answer.status !== 202) full = answer;
		}
		expect(full?.status).toBe(503);
		expect(full?.body.code).toBe('upstream_unavailable');
		expect(full?.headers.get('retry-after')).toBe('60');
		expect(String(logged.at(-1))).toMatch(/disk is full \(SQLITE_FULL\)/);
		expect(String(logged.at(-1))).not.toMatch(/cannot rollback/);
		expect(await server.api('/health')).toMatchObject({ status: 503, body: { status: 'failing', checks: [{ name: 'database', status: 'failing' }] } });
		await server.db.run('PRAGMA max_page_count = 1000000');
		expect((await server.api('/registrations', registration)).status).toBe(202);
		expect((await server.api('/health')).status).toBe(200);
	});

	test('a read-only database: every write answers 503, and the health check’s own write fails too', async () => {
		const logged: unknown[] = [];
		server = await startTestServer({ app: { logError: (error) => logged.push(error) } });
		await server.db.run('PRAGMA query_only = ON');
		// Before any request fails, the health check finds out by itself: its probe write fails.
		expect((await server.api('/health')).status).toBe(503);
		const resend = await server.api('/registrations/resend', { email: 'ann@example.com', locale: 'en' });
		expect(resend.status).toBe(503);
		expect(resend.headers.get('retry-after')).toBe('60');
		expect(String(logged.at(-1))).toMatch(/read-only \(SQLITE_READONLY\)/);
		expect((await server.api('/health')).body).toEqual({ status: 'failing', checks: [{ name: 'database', status: 'failing' }] });
		await server.db.run('PRAGMA query_only = OFF');
		expect((await server.api('/health')).status).toBe(503);
		expect((await server.api('/registrations/resend', { email: 'ann@example.com', locale: 'en' })).status).toBe(202);
		expect((await server.api('/health')).status).toBe(200);
	});
});

describe('TRUST_PROXY', () => {
	test('takes false, true (one hop), a number of hops, or proxy addresses and ranges', () => {
		expect(parseTrustProxy('false')).toBe(false);
		expect(parseTrustProxy('true')).toBe(1);
		expect(parseTrustProxy('2')).toBe(2);
		expect(typeof parseTrustProxy('10.0.0.0/8, 192.0.2.7, fd00::/8')).toBe('object');
		expect(parseTrustProxy('proxy.internal')).toMatch(/proxy addresses/);
		expect(parseTrustProxy('10.0.0.0/99')).toMatch(/CIDR/);
		expect(() => loadConfig({ TRUST_PROXY: 'yes please' })).toThrow(/TRUST_PROXY must be true, false, a number of proxy hops/);
	});

	test('a number of hops believes that many entries from the right, never what the client wrote before them', () => {
		const header = '198.51.100.66, 203.0.113.9, 10.0.0.2';
		expect(forwardedClient('10.0.0.1', header, false)).toBe('10.0.0.1');
		expect(forwardedClient('10.0.0.1', header, 1)).toBe('10.0.0.2');
		expect(forwardedClient('10.0.0.1', header, 2)).toBe('203.0.113.9');
		// Fewer entries than hops: the leftmost address a proxy wrote.
		expect(forwardedClient('10.0.0.1', '203.0.113.9', 3)).toBe('203.0.113.9');
		// Ports, brackets and IPv4-mapped IPv6 are read properly; garbage stops the walk.
		expect(forwardedClient('10.0.0.1', '[2001:db8::7]:4711', 1)).toBe('2001:db8::7');
		expect(forwardedClient('10.0.0.1', '203.0.113.9:4711', 1)).toBe('203.0.113.9');
		expect(forwardedClient('10.0.0.1', '::ffff:203.0.113.9', 1)).toBe('203.0.113.9');
		expect(forwardedClient('10.0.0.1', 'not-an-ip, 203.0.113.9', 2)).toBe('203.0.113.9');
		expect(forwardedClient('10.0.0.1', 'not-an-ip', 1)).toBe('10.0.0.1');
	});

	test('a list of proxies is believed only when the peer is one of them, and steps over each', () => {
		const trust = parseTrustProxy('10.0.0.0/8');
		if (typeof trust === 'string') throw new Error(trust);
		expect(forwardedClient('203.0.113.50', '198.51.100.1', trust)).toBe('203.0.113.50');
		expect(forwardedClient('10.0.0.1', '198.51.100.66, 203.0.113.9, 10.0.0.2', trust)).toBe('203.0.113.9');
	});

	test('IPv6 clients are limited by their /64', async () => {
		expect(rateLimitKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
		expect(rateLimitKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
		expect(rateLimitKey('203.0.113.9')).toBe('203.0.113.9');
		server = await startTestServer({ rateLimits: { register: { points: 1, seconds: 60 } }, app: { trustProxy: 1 } });
		const from = (ip: string) => ({ headers: { 'X-Forwarded-For': ip } });
		expect((await server.api('/registrations', registration, from('2001:db8:1:2::1'))).status).toBe(202);
		expect((await server.api('/registrations', registration, from('2001:db8:1:2:ffff::9'))).status).toBe(429);
		expect((await server.api('/registrations', registration, from('2001:db8:1:3::1'))).status).toBe(202);
	});
});
