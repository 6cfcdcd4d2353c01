import { describe, expect, test } from 'vitest';
import { Webhook } from 'standardwebhooks';

import { isWebhookSecret, newWebhookId, newWebhookSecret, signatureHeaders, verifySignature } from './signing.ts';

describe('Standard Webhooks signing', () => {
	const secret = newWebhookSecret();
	const now = Math.floor(Date.now() / 1000);
	const body = JSON.stringify({ userId: 'usr_1' });
	const header = (headers: object) => (name: string) => (headers as Partial<Record<string, string>>)[name];

	test('the standardwebhooks package’s own verify accepts what we sign', () => {
		const headers = signatureHeaders(secret, newWebhookId(), now, body);
		expect(new Webhook(secret).verify(body, { ...headers })).toEqual({ userId: 'usr_1' });
	});

	test('verifies its own signature, and refuses another body, another secret or missing headers', () => {
		const id = newWebhookId();
		const headers = signatureHeaders(secret, id, now, body);
		expect(verifySignature(secret, header(headers), body, now)).toEqual({ ok: true, id });
		expect(verifySignature(secret, header(headers), `${body} `, now)).toMatchObject({ ok: false, code: 'unauthorized' });
		expect(verifySignature(newWebhookSecret(), header(headers), body, now)).toMatchObject({ ok: false, code: 'unauthorized' });
		expect(verifySignature(secret, header({ ...headers, 'webhook-id': 'msg_other' }), body, now)).toMatchObject({ ok: false, code: 'unauthorized' });
		const { 'webhook-signature': _signature, ...unsigned } = headers;
		expect(verifySignature(secret, header(unsigned), body, now)).toMatchObject({ ok: false, code: 'unauthorized' });
		expect(verifySignature(secret, header({ ...headers, 'webhook-timestamp': 'yesterday' }), body, now)).toMatchObject({ ok: false, code: 'unauthorized' });
	});

	test('accepts any one matching signature among several (a secret being rotated)', () => {
		const id = newWebhookId();
		const other = signatureHeaders(newWebhookSecret(), id, now, body)['webhook-signature'];
		const headers = signatureHeaders(secret, id, now, body);
		expect(verifySignature(secret, header({ ...headers, 'webhook-signature': `${other} ${headers['webhook-signature']}` }), body, now)).toEqual({ ok: true, id });
	});

	test('refuses a timestamp more than five minutes away either way as stale, and accepts one at five minutes', () => {
		const id = newWebhookId();
		for (const offset of [-301, 301, -3600]) {
			expect(verifySignature(secret, header(signatureHeaders(secret, id, now + offset, body)), body, now), String(offset)).toMatchObject({ ok: false, code: 'stale_timestamp' });
		}
		for (const offset of [-300, 300]) expect(verifySignature(secret, header(signatureHeaders(secret, id, now + offset, body)), body, now).ok).toBe(true);
	});

	test('knows a usable whsec_ secret', () => {
		expect(isWebhookSecret(newWebhookSecret())).toBe(true);
		expect(isWebhookSecret('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toBe(true);
		expect(isWebhookSecret('whsec_c2hvcnQ=')).toBe(false);
		expect(isWebhookSecret('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toBe(false);
		expect(isWebhookSecret('whsec_not base64 at all, not at all!!')).toBe(false);
	});
});
