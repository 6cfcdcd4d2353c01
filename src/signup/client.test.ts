import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { createClient } from './client.ts';

/** What the loopback server answers on each path, so each test sets up one kind of answer. */
const routes = new Map<string, (req: IncomingMessage, res: ServerResponse) => void>();
let baseUrl = '';
const server = createServer((req, res) => {
	const route = routes.get(req.url ?? '');
	if (route) route(req, res);
	else res.writeHead(404).end();
});

beforeAll(async () => {
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

function answer(path: string, status: number, body: unknown, headers: Record<string, string> = {}) {
	routes.set(`/api/v1${path}`, (_req, res) => {
		res.writeHead(status, { 'content-type': 'application/json', ...headers });
		res.end(typeof body === 'string' ? body : JSON.stringify(body));
	});
}

describe('createClient', () => {
	test('sends the request as JSON and returns the parsed answer', async () => {
		let received = '';
		routes.set('/api/v1/registrations/resend', (req, res) => {
			req.on('data', (chunk: Buffer) => (received += chunk));
			req.on('end', () => {
				res.writeHead(202, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ status: 'accepted', resendAfterSeconds: 300 }));
			});
		});
		const result = await createClient({ baseUrl }).call('resend', { email: 'ann@example.com', locale: 'fr' });
		expect(JSON.parse(received)).toEqual({ email: 'ann@example.com', locale: 'fr' });
		expect(result).toEqual({ ok: true, data: { status: 'accepted', resendAfterSeconds: 300 } });
	});

	test('reads a problem with its code, wait and details', async () => {
		answer('/registrations/confirm-code', 400, { type: 't', title: 'x', status: 400, detail: 'd', code: 'invalid_code', attemptsLeft: 2 });
		const result = await createClient({ baseUrl }).call('confirmCode', { email: 'a@example.com', code: '123456' });
		expect(result).toEqual({ ok: false, problem: { code: 'invalid_code', attemptsLeft: 2 } });
	});

	test('takes the wait from Retry-After when the body does not say', async () => {
		answer('/password-resets', 429, { type: 't', title: 'x', status: 429, detail: 'd', code: 'rate_limited' }, { 'retry-after': '120' });
		const result = await createClient({ baseUrl }).call('requestPasswordReset', { email: 'a@example.com', locale: 'en' });
		expect(result).toEqual({ ok: false, problem: { code: 'rate_limited', retryAfter: 120 } });
	});

	test('treats an answer that breaks the contract as bad_answer', async () => {
		answer('/registrations/status', 200, { status: 'maybe' });
		const result = await createClient({ baseUrl }).call('registrationStatus', { receipt: 'x'.repeat(22) });
		expect(result).toEqual({ ok: false, problem: { code: 'bad_answer' } });
	});

	test('treats a proxy error page as the server being unavailable', async () => {
		routes.set('/api/v1/settings', (_req, res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>'));
		const result = await createClient({ baseUrl }).call('settings');
		expect(result).toEqual({ ok: false, problem: { code: 'upstream_unavailable' } });
	});

	test('gives up with timeout when the server does not answer in time', async () => {
		routes.set('/api/v1/health', () => undefined); // never answers
		const result = await createClient({ baseUrl, timeoutMs: 200 }).call('health');
		expect(result).toEqual({ ok: false, problem: { code: 'timeout' } });
	});

	test('reports network_error when nothing listens', async () => {
		const closed = createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const port = (closed.address() as AddressInfo).port;
		await new Promise((resolve) => closed.close(resolve));
		const result = await createClient({ baseUrl: `http://127.0.0.1:${port}` }).call('health');
		expect(result).toEqual({ ok: false, problem: { code: 'network_error' } });
	});
});
