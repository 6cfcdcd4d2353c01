import type { AddressInfo } from 'node:net';

import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterEach, describe, expect, test } from 'vitest';

import { startReferencePlatform, type ReferencePlatformServer } from '../../test-support/platform/reference-platform-server.ts';
import { PlatformCallError, platformClient } from './client.ts';

describe('the platform client', () => {
	let platform: ReferencePlatformServer;
	afterEach(async () => {
		await platform.close();
	});

	test('calls each operation signed and parses the answers', async () => {
		platform = await startReferencePlatform();
		const client = platformClient({ url: `${platform.url}/`, secret: platform.secret });
		expect(await client.call('settings', {})).toMatchObject({ registrationAllowed: true, name: 'Reference platform' });
		const user = await client.call('createUser', { email: 'ann@example.com', password: 'old passphrase here', locale: 'en' });
		expect(user).toMatchObject({ email: 'ann@example.com', state: 'inactive' });
		expect(await client.call('getUser', { email: 'ann@example.com' })).toMatchObject({ state: 'inactive', user: { userId: user.userId } });
		expect(await client.call('activateUser', { userId: user.userId })).toMatchObject({ state: 'active' });
		await client.call('setPassword', { userId: user.userId, password: 'new passphrase here' });
		expect(await platform.signIn('ann@example.com', 'new passphrase here')).toBe(true);
	});

	test('accepts a settings answer with a field the contract does not name (an older sendsOwnMail), and drops it', async () => {
		// Not a fresh literal, so that the extra field reaches the platform's answer.
		const olderSettings = { name: 'Older platform', sendsOwnMail: true };
		platform = await startReferencePlatform({ settings: olderSettings });
		const client = platformClient({ url: platform.url, secret: platform.secret });
		expect(await client.call('settings', {})).toEqual({ registrationAllowed: true, name: 'Older platform', loginUrl: 'https://platform.acme.test/login' });
	});

	test('throws the platform’s problem code', async () => {
		platform = await startReferencePlatform();
		const client = platformClient({ url: platform.url, secret: platform.secret });
		await expect(client.call('activateUser', { userId: 'nobody' })).rejects.toMatchObject({ code: 'unknown_user', status: 404, operation: 'activateUser' });
		const wrong = platformClient({ url: platform.url, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' });
		await expect(wrong.call('settings', {})).rejects.toMatchObject({ code: 'unauthorized' });
	});

	test('when an answer is lost, retries with the same webhook-id, freshly signed: one user, created once', async () => {
		platform = await startReferencePlatform();
		const sent: Array<{ id: string | null; timestamp: string | null }> = [];
		let lose = 1;
		const client = platformClient({
			url: platform.url,
			secret: platform.secret,
			retryDelayMs: 1000,
			fetch: async (input, init) => {
				const headers = new Headers(init?.headers);
				sent.push({ id: headers.get('webhook-id'), timestamp: headers.get('webhook-timestamp') });
				const answer = await fetch(input, init);
				await answer.clone().text();
				// The platform did the work; the connection drops before the answer arrives.
				if (lose-- > 0) throw new TypeError('fetch failed: socket hang up');
				return answer;
			},
		});
		const user = await client.call('createUser', { email: 'bea@example.com', password: 'a long passphrase', locale: 'de' });
		expect(user.state).toBe('inactive');
		expect(sent).toHaveLength(2);
		expect(sent[1]?.id).toBe(sent[0]?.id);
		expect(Number(sent[1]?.timestamp)).toBeGreaterThan(Number(sent[0]?.timestamp));
		expect(platform.users()).toEqual([{ email: 'bea@example.com', active: false }]);
	});

	test('never follows a redirect: the password and signature stay where PLATFORM_URL points', async () => {
		platform = await startReferencePlatform();
		const redirecting = new Hono().all('*', (c) => c.redirect(`${platform.url}/users`, 307));
		const server = serve({ fetch: redirecting.fetch, port: 0, hostname: '127.0.0.1' });
		await new Promise((resolve) => server.once('listening', resolve));
		try {
			const port = (server.address() as AddressInfo).port;
			const client = platformClient({ url: `http://127.0.0.1:${port}`, secret: platform.secret });
			await expect(client.call('createUser', { email: 'ivy@example.com', password: 'a long passphrase', locale: 'en' })).rejects.toMatchObject({
				code: 'bad_answer',
				status: 307,
				message: expect.stringContaining('the URL redirects (HTTP 307'),
			});
			expect(platform.users()).toEqual([]);
		} finally {
			server.close();
		}
	});

	test('gives up after its attempts when nothing answers, as unreachable', async () => {
		platform = await startReferencePlatform();
		const client = platformClient({ url: 'http://127.0.0.1:9', secret: platform.secret, attempts: 2, retryDelayMs: 1 });
		const error = await client.call('settings', {}).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(PlatformCallError);
		expect(error).toMatchObject({ code: 'unreachable', message: expect.stringMatching(/^settings: no answer after 2 attempts/) });
	});
});
