/**
 * Per-IP limits in PostgreSQL: two servers (as two replicas) spend from one budget; while the store
 * is stopped, unreachable from the start or hung, every request is still answered by the
 * per-process insurance limiter (never a 500, never unlimited) and `/health` says `degraded`; when
 * the store is back, health and the shared budget come back.
 */
import { createServer, type Server, type Socket } from 'node:net';

import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';

import { startTestPostgres, type TestPostgres } from '../../../test-support/postgres/postgres-server.ts';
import { startTestServer, type TestServer } from '../../../test-support/server/test-server.ts';
import { postgresLimitStore } from './postgres-limit-store.ts';

let postgres: TestPostgres;
beforeAll(async () => {
	postgres = await startTestPostgres();
}, 60_000);
afterAll(() => postgres?.stop());

/** Each test's client has an address of its own, so that counts left in the store by another test do not meet it. */
let client = '';
let clients = 0;

/** Status checks from the test's client, with no receipt (400: the limit is spent before the body is read). */
async function statusCodes(server: TestServer, count: number): Promise<number[]> {
	const codes: number[] = [];
	for (let index = 0; index < count; index++) codes.push((await statusCheck(server)).status);
	return codes;
}

const statusCheck = (server: TestServer) => server.api('/registrations/status', {}, { headers: { 'X-Forwarded-For': client } });

const limitsCheck = async (server: TestServer) => ((await server.api('/health')).body.checks as Array<{ name: string; status: string }>).find((check) => check.name === 'limits')?.status;

describe('limits shared through PostgreSQL', () => {
	const servers: TestServer[] = [];
	const logs: string[][] = [];
	beforeEach(() => {
		client = `198.51.100.${++clients}`;
	});
	afterAll(async () => {
		await Promise.all(servers.map((server) => server.close()));
	});

	async function replicas(count: number, points: number, options: { url?: string; timeoutMs?: number; breakMs?: number } = {}): Promise<TestServer[]> {
		const started = await Promise.all(
			Array.from({ length: count }, async (_, index) => {
				const log: string[] = [];
				logs[index] = log;
				const limitStore = postgresLimitStore(options.url ?? postgres.url, {
					breakMs: options.breakMs ?? 100,
					probeMs: options.breakMs ?? 100,
					timeoutMs: options.timeoutMs ?? 1000,
					log: (line) => log.push(line),
				});
				await limitStore.ready();
				return startTestServer({ realTime: true, rateLimits: { status: { points, seconds: 60 } }, config: { trustProxy: 1 }, limitStore });
			}),
		);
		servers.push(...started);
		return started;
	}

	test('a limit of N holds across two replicas: N answers in all, then rate_limited on both', async () => {
		const [one, two] = (await replicas(2, 6)) as [TestServer, TestServer];
		const first = await statusCodes(one, 3);
		const second = await statusCodes(two, 3);
		expect([...first, ...second].every((status) => status === 400)).toBe(true);
		const over = [await statusCheck(one), await statusCheck(two)];
		for (const answer of over) {
			expect(answer.status).toBe(429);
			expect(answer.body.code).toBe('rate_limited');
			expect(Number(answer.headers.get('Retry-After'))).toBeGreaterThan(0);
		}
		expect(await limitsCheck(one)).toBe('ok');
	});

	test('with the store stopped the insurance limiter answers, health is degraded, and both come back', async (context) => {
		if (!postgres.owned) {
			console.warn('skipped: TEST_DATABASE_URL names a server this harness cannot stop');
			context.skip();
		}
		const [one] = (await replicas(1, 4)) as [TestServer];
		expect(await statusCodes(one, 1)).toEqual([400]);
		await postgres.pause();
		try {
			// Per process now: four more in this replica's memory, then limited — never a 500, never unlimited.
			expect(await statusCodes(one, 5)).toEqual([400, 400, 400, 400, 429]);
			expect(await limitsCheck(one)).toBe('degraded');
			expect((await one.api('/health')).status).toBe(200);
		} finally {
			await postgres.resume();
		}
		await expect.poll(() => limitsCheck(one), { timeout: 10_000 }).toBe('ok');
		// Shared again: the store still holds the one point spent before the outage.
		expect(await statusCodes(one, 4)).toEqual([400, 400, 400, 429]);
		expect(logs[0]?.join('\n')).toMatch(/limits store unreachable.*\n.*limits store reachable again/);
	}, 60_000);

	test('a store unreachable from the start: the server answers with per-process limits and says so', async () => {
		const closed = new URL(postgres.url);
		closed.port = String(await closedPort());
		const [one] = (await replicas(1, 2, { url: closed.toString() })) as [TestServer];
		expect(await limitsCheck(one)).toBe('degraded');
		expect(await statusCodes(one, 3)).toEqual([400, 400, 429]);
		expect(logs[0]?.[0]).toMatch(/limits store unreachable \(ECONNREFUSED/);
		expect(logs[0]?.[0]).not.toContain(closed.toString());
	});

	test('a hung store is given up after its deadline, and the breaker then sends requests straight to the insurance', async () => {
		const hung = await hungServer();
		try {
			const url = `postgres://nobody:secret@127.0.0.1:${hung.port}/limits`;
			// A breaker longer than the test: after the first timeout, no request waits for the store again.
			const [one] = (await replicas(1, 50, { url, timeoutMs: 300, breakMs: 60_000 })) as [TestServer];
			expect(await statusCodes(one, 10)).toEqual(Array(10).fill(400));
			expect(hung.connections()).toBe(1);
			expect(await limitsCheck(one)).toBe('degraded');
			expect(logs[0]?.join('\n')).not.toContain('secret');
		} finally {
			hung.close();
		}
	});
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

/** A server that accepts connections and never answers (a PostgreSQL behind a dead network path). */
async function hungServer(): Promise<{ port: number; connections(): number; close(): void }> {
	const sockets = new Set<Socket>();
	let connections = 0;
	const server: Server = createServer((socket) => {
		connections++;
		sockets.add(socket);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		port: (server.address() as { port: number }).port,
		connections: () => connections,
		close() {
			for (const socket of sockets) socket.destroy();
			server.close();
		},
	};
}
