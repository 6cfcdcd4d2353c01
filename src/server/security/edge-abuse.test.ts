/**
 * Abuse at the HTTP edge: an upload the client abandons is not an internal error, invalid UTF-8 is
 * refused rather than turned into U+FFFD, a body sent byte by byte is cut off, and connections are capped.
 */
import { connect, type Socket } from 'node:net';

import { afterEach, expect, onTestFinished, test } from 'vitest';

import { goodPassword, startTestServer, type TestServer } from '../../../test-support/server/test-server.ts';

let server: TestServer | undefined;
afterEach(async () => {
	await server?.close();
	server = undefined;
});

function open(url: string): Promise<Socket> {
	const { hostname, port } = new URL(url);
	return new Promise((resolve, reject) => {
		const socket = connect(Number(port), hostname, () => resolve(socket));
		socket.once('error', reject);
	});
}

/** Sends raw bytes and resolves with everything the server answered when it closes (or after `ms`). */
async function exchange(url: string, bytes: Buffer, ms = 5000): Promise<string> {
	const socket = await open(url);
	return new Promise((resolve) => {
		let answer = '';
		const timer = setTimeout(() => {
			socket.destroy();
			resolve(answer);
		}, ms);
		socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
		socket.on('close', () => {
			clearTimeout(timer);
			resolve(answer);
		});
		socket.on('error', () => {});
		socket.write(bytes);
	});
}

const post = (path: string, body: Buffer, length = body.length) =>
	Buffer.concat([
		Buffer.from(`POST /api/v1${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\nConnection: close\r\n\r\n`),
		body,
	]);

test('an upload the client abandons is not logged as an internal error', async () => {
	const logged: unknown[] = [];
	const consoleError = console.error;
	console.error = (...args: unknown[]) => logged.push(args);
	onTestFinished(() => {
		console.error = consoleError;
	});
	server = await startTestServer({ app: { logError: (error) => logged.push(error) } });
	const chunked = Buffer.from(
		'POST /api/v1/registrations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n{"email":"ann@ex\r\n',
	);
	for (const start of [post('/registrations', Buffer.from('{"email":"ann@exa'), 400), chunked]) {
		const socket = await open(server.url);
		socket.write(start);
		await new Promise((resolve) => setTimeout(resolve, 50));
		socket.destroy();
	}
	await new Promise((resolve) => setTimeout(resolve, 200));
	expect(logged).toEqual([]);
	expect((await server.api('/health')).status).toBe(200);
});

test('invalid UTF-8 in a password is refused with invalid_request, not turned into U+FFFD', async () => {
	server = await startTestServer();
	const start = Buffer.from(`{"email":"ann@example.com","locale":"en","password":"velvet kettle orbit `);
	const body = Buffer.concat([start, Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(' lantern"}')]);
	const answer = await exchange(server.url, post('/registrations', body));
	expect(answer).toMatch(/^HTTP\/1\.1 400/);
	expect(answer).toContain('"code":"invalid_request"');
	expect(answer).toContain('UTF-8');
	await server.deliverMail();
	expect(await server.mailbox()).toEqual([]);
	// Well-formed UTF-8 (the same password in another script) is fine.
	const good = Buffer.from(JSON.stringify({ email: 'ann@example.com', locale: 'en', password: 'вельвет чайник орбита фонарь' }));
	expect(await exchange(server.url, post('/registrations', good))).toMatch(/^HTTP\/1\.1 202/);
});

test('a body sent too slowly is cut off, not held for five minutes', async () => {
	server = await startTestServer({ serverLimits: { requestTimeoutMs: 1000, headersTimeoutMs: 1000, checkIntervalMs: 200 } });
	const socket = await open(server.url);
	const closed = new Promise<string>((resolve) => {
		let answer = '';
		socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
		socket.on('close', () => resolve(answer));
		socket.on('error', () => {});
	});
	socket.write(post('/registrations', Buffer.from('{'), 500));
	// One byte every 100 ms would take 50 s.
	const drip = setInterval(() => socket.writable && socket.write(' '), 100);
	const answer = await closed;
	clearInterval(drip);
	expect(answer).toMatch(/^HTTP\/1\.1 408/);
});

test('connections beyond the cap are refused', async () => {
	server = await startTestServer({ serverLimits: { maxConnections: 2 } });
	const sockets = await Promise.all([open(server.url), open(server.url)]);
	const third = await open(server.url);
	const closed = await new Promise<boolean>((resolve) => {
		third.on('close', () => resolve(true));
		third.on('error', () => {});
		setTimeout(() => resolve(false), 2000);
	});
	expect(closed).toBe(true);
	for (const socket of sockets) socket.destroy();
	await new Promise((resolve) => setTimeout(resolve, 200));
	expect((await server.api('/registrations', { email: 'ann@example.com', password: goodPassword, locale: 'en' })).status).toBe(202);
});
