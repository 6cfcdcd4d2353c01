import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { goodPassword, request, startTestServer, type TestServer } from '../../../test-support/server/test-server.ts';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
	await server.api('/registrations', { email: 'ann@example.com', password: goodPassword, locale: 'en' });
	await server.deliverMail();
});
afterAll(() => server.close());

describe('the development mailbox page', () => {
	test('fits a phone: it has a viewport', async () => {
		const page = (await request(`${server.url}/_mailbox/`)).text;
		expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
	});

	test('says in which zone its times are', async () => {
		const page = (await request(`${server.url}/_mailbox/`)).text;
		const [message] = await server.mailbox();
		expect(page).toContain('<th>Sent (UTC)</th>');
		expect(page).toContain(`<time datetime="${message!.createdAt}">${message!.createdAt.replace('T', ' ').slice(0, 19)} UTC</time>`);
	});
});
