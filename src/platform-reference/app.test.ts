import { afterEach, describe, expect, test } from 'vitest';

import { startReferencePlatform, type ReferencePlatformServer } from '../../test-support/platform/reference-platform-server.ts';
import { platformClient } from '../platform-contract/client.ts';
import { newWebhookId, signatureHeaders } from '../platform-contract/signing.ts';

describe('the reference platform', () => {
	let platform: ReferencePlatformServer;
	afterEach(async () => {
		await platform.close();
	});

	test('a user signs in only once active, and only with the password set last', async () => {
		platform = await startReferencePlatform();
		const client = platformClient({ url: platform.url, secret: platform.secret });
		const { userId } = await client.call('createUser', { email: 'Ann@example.com', password: 'first passphrase', locale: 'en' });
		expect(await platform.signIn('Ann@example.com', 'first passphrase')).toBe(false);
		await client.call('activateUser', { userId });
		expect(await platform.signIn('Ann@example.com', 'first passphrase')).toBe(true);
		expect(await platform.signIn('ann@example.com', 'first passphrase')).toBe(true);
		expect(await platform.signIn('Ann@example.com', 'wrong passphrase')).toBe(false);
		await client.call('setPassword', { userId, password: 'second passphrase' });
		expect(await platform.signIn('Ann@example.com', 'first passphrase')).toBe(false);
		expect(await platform.signIn('Ann@example.com', 'second passphrase')).toBe(true);
		expect(await platform.signIn('nobody@example.com', 'second passphrase')).toBe(false);
	});

	test('two simultaneous calls with one webhook-id create one user; the other waits or gets the first answer', async () => {
		platform = await startReferencePlatform();
		const id = newWebhookId();
		const body = JSON.stringify({ email: 'cem@example.com', password: 'a passphrase', locale: 'tr' });
		const call = () =>
			fetch(`${platform.url}/users`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', ...signatureHeaders(platform.secret, id, Math.floor(Date.now() / 1000), body) },
				body,
			});
		const answers = await Promise.all([call(), call(), call()]);
		const statuses = answers.map((answer) => answer.status).sort();
		expect(statuses.every((status) => status === 201 || status === 503)).toBe(true);
		expect(statuses).toContain(201);
		for (const answer of answers) if (answer.status === 503) expect(answer.headers.get('retry-after')).toBe('1');
		expect(platform.users()).toEqual([{ email: 'cem@example.com', active: false }]);
		expect((await call()).status).toBe(201);
	});

	test('answers an unknown operation with a not_found problem', async () => {
		platform = await startReferencePlatform();
		const answer = await fetch(`${platform.url}/users/delete`, { method: 'POST', body: '{}' });
		expect(answer.status).toBe(404);
		expect(answer.headers.get('content-type')).toBe('application/problem+json');
		expect(await answer.json()).toMatchObject({ code: 'not_found', status: 404 });
	});
});
