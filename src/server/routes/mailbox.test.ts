import { afterEach, describe, expect, test } from 'vitest';

import { goodPassword, request, startTestServer, type TestServer } from '../../../test-support/server/test-server.ts';

let server: TestServer | undefined;
afterEach(async () => {
	await server?.close();
	server = undefined;
});

describe('the development mailbox', () => {
	test('shows a sent message: list, HTML, text and JSON', async () => {
		server = await startTestServer({ startWorker: true });
		await server.api('/registrations', { email: 'ann@example.com', password: goodPassword, locale: 'en' });
		let messages = await server.mailbox();
		for (let wait = 0; messages.length === 0 && wait < 100; wait++) {
			await new Promise((resolve) => setTimeout(resolve, 20));
			messages = await server.mailbox();
		}
		expect(messages).toEqual([
			expect.objectContaining({ id: 1, to: 'ann@example.com', from: 'Acme Tracking <no-reply@acme.test>', subject: 'Acme Tracking: confirm your email address' }),
		]);

		const list = await request(`${server.url}/_mailbox/`);
		expect(list.status).toBe(200);
		expect(list.headers.get('content-type')).toContain('text/html');
		expect(list.text).toContain('ann@example.com');
		expect(list.text).toContain('<a href="./1">Acme Tracking: confirm your email address</a>');

		const html = await request(`${server.url}/_mailbox/1`);
		expect(html.text).toContain('https://help.acme.test/confirm/#token=');
		expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
		const text = await request(`${server.url}/_mailbox/1.txt`);
		expect(text.headers.get('content-type')).toContain('text/plain');
		expect(text.text).toContain('Confirm my email address:');
		expect((await request(`${server.url}/_mailbox/99`)).status).toBe(404);
	});

	test('is not there when mail goes out through SMTP', async () => {
		server = await startTestServer({ smtpUrl: 'smtp://127.0.0.1:9' });
		expect((await request(`${server.url}/_mailbox/messages.json`)).status).toBe(404);
	});
});
