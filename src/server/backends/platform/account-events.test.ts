import { afterEach, describe, expect, test } from 'vitest';

import { startReferencePlatform, type ReferencePlatformServer } from '../../../../test-support/platform/reference-platform-server.ts';
import { goodPassword, secretsIn, startTestServer, type TestServer } from '../../../../test-support/server/test-server.ts';
import { accountEvents } from './account-events.ts';

describe('account.confirmed events', () => {
	let platform: ReferencePlatformServer;
	let server: TestServer;
	afterEach(async () => {
		await server.close();
		await platform.close();
	});

	async function start(events = true) {
		platform = await startReferencePlatform();
		server = await startTestServer(events ? { config: { platformEvents: { url: `${platform.url}/events`, secret: platform.secret, timeoutMs: 2000 } } } : {});
	}

	/** Registers and confirms `email` through the API, with the link from its email. */
	async function confirmed(email: string) {
		await server.api('/registrations', { email, password: goodPassword, locale: 'pt-BR' });
		await server.deliverMail();
		const mail = (await server.mailbox()).find((message) => message.to === email);
		const { token } = secretsIn({ text: mail?.text ?? '' });
		expect((await server.api('/registrations/confirm', { token })).status).toBe(200);
	}

	const received = () => platform.db.prepare('SELECT type, data FROM received_events ORDER BY id').all() as Array<{ type: string; data: string }>;

	test('a confirmation is delivered once, signed, to the events URL; the reference platform verifies and records it', async () => {
		await start();
		await confirmed('ann@example.com');
		const delivery = accountEvents({ db: server.db, config: { url: `${platform.url}/events`, secret: platform.secret, timeoutMs: 2000 }, clock: server.clock, log: () => {} });
		expect(await delivery.runOnce()).toBe(1);
		expect(received()).toEqual([{ type: 'account.confirmed', data: JSON.stringify({ email: 'ann@example.com', locale: 'pt-BR', userId: null }) }]);
		expect(await delivery.runOnce()).toBe(0);
	});

	test('no answer: retried later with the same webhook-id, recorded once even when only the answer was lost', async () => {
		await start();
		await confirmed('bea@example.com');
		const ids: Array<string | null> = [];
		let lose = 2;
		const delivery = accountEvents({
			db: server.db,
			config: { url: `${platform.url}/events`, secret: platform.secret, timeoutMs: 2000 },
			clock: server.clock,
			log: () => {},
			fetch: async (input, init) => {
				ids.push(new Headers(init?.headers).get('webhook-id'));
				// The first attempt never reaches the platform; the second reaches it, its answer is lost.
				if (lose === 2) {
					lose--;
					throw new TypeError('fetch failed: connect ECONNREFUSED');
				}
				const answer = await fetch(input, init);
				if (lose-- > 0) throw new TypeError('fetch failed: socket hang up');
				return answer;
			},
		});
		await delivery.runOnce();
		expect(await delivery.runOnce()).toBe(0);
		server.clock.advance(5000);
		await delivery.runOnce();
		server.clock.advance(10_000);
		await delivery.runOnce();
		expect(ids).toHaveLength(3);
		expect(new Set(ids).size).toBe(1);
		expect(received()).toHaveLength(1);
		expect(await server.db.all<{ delivered_at: number | null; attempts: number }>('SELECT delivered_at, attempts FROM account_events')).toEqual([{ delivered_at: expect.any(Number), attempts: 3 }]);
	});

	test('gives up after its attempts, saying so in the log', async () => {
		await start();
		await confirmed('cem@example.com');
		const lines: string[] = [];
		const delivery = accountEvents({ db: server.db, config: { url: 'http://127.0.0.1:9/events', secret: platform.secret, timeoutMs: 500 }, clock: server.clock, log: (line) => lines.push(line), maxAttempts: 2 });
		await delivery.runOnce();
		server.clock.advance(5000);
		await delivery.runOnce();
		expect(lines).toEqual([expect.stringMatching(/^platform events: account\.confirmed msg_\w+ given up after 2 attempts .*check PLATFORM_EVENTS_URL$/)]);
		expect(await server.db.all('SELECT id FROM account_events WHERE failed_at IS NOT NULL')).toHaveLength(1);
	});

	test('without PLATFORM_EVENTS_URL no event is recorded', async () => {
		await start(false);
		await confirmed('dan@example.com');
		expect(await server.db.all('SELECT id FROM account_events')).toEqual([]);
	});
});
