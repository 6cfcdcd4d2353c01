/**
 * Signing of the platform contract's calls, per Standard Webhooks (https://www.standardwebhooks.com/):
 * `webhook-id`, `webhook-timestamp` (Unix seconds) and `webhook-signature` (`v1,<base64 HMAC-SHA256
 * of "id.timestamp.body">`), with a `whsec_<base64>` secret shared by the help center and the
 * platform. The HMAC and the secret's format are the `standardwebhooks` package's; this module adds
 * what a receiver needs to answer precisely — a stale timestamp is told apart from a bad signature,
 * and the clock is the receiver's own (so tests can move it).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

import { Webhook } from 'standardwebhooks';

import { timestampToleranceSeconds } from './contract.ts';

/** The three signature headers, lower-case as HTTP/2 and Hono's `c.req.header()` give them. */
export interface SignatureHeaders {
	'webhook-id': string;
	'webhook-timestamp': string;
	'webhook-signature': string;
}

/** A `whsec_` secret: `whsec_` and at least 24 bytes in base64 (Standard Webhooks recommends 24 to 64). */
const secretPattern = /^whsec_[A-Za-z0-9+/]{32,}={0,2}$/;

/** Whether `secret` is a usable `whsec_` secret (checked at start-up, before any call). */
export function isWebhookSecret(secret: string): boolean {
	if (!secretPattern.test(secret)) return false;
	try {
		return Buffer.from(secret.slice('whsec_'.length), 'base64').length >= 24;
	} catch {
		return false;
	}
}

/** A new random secret, `whsec_` and 32 bytes in base64. */
export function newWebhookSecret(): string {
	return `whsec_${randomBytes(32).toString('base64')}`;
}

/** A new `webhook-id`: unique per logical call, repeated on each retry of that call. */
export function newWebhookId(): string {
	return `msg_${randomBytes(16).toString('base64url')}`;
}

/** The headers that sign `body` as call `id` at `timestampSeconds`. */
export function signatureHeaders(secret: string, id: string, timestampSeconds: number, body: string): SignatureHeaders {
	const signature = new Webhook(secret).sign(id, new Date(timestampSeconds * 1000), body);
	return { 'webhook-id': id, 'webhook-timestamp': String(timestampSeconds), 'webhook-signature': signature };
}

/** What a receiver concludes from a call's headers and body. */
export type Verdict =
	| { ok: true; id: string }
	| { ok: false; code: 'unauthorized' | 'stale_timestamp'; detail: string };

/**
 * Verifies a call: all three headers present, the timestamp within five minutes of `nowSeconds`
 * (either way), and one of the space-separated `v1` signatures matching the body.
 * The timestamp is checked first only because it is cheaper; both failures refuse the call.
 */
export function verifySignature(secret: string, headers: (name: string) => string | undefined, body: string, nowSeconds: number): Verdict {
	const id = headers('webhook-id');
	const timestamp = headers('webhook-timestamp');
	const signatures = headers('webhook-signature');
	if (!id || !timestamp || !signatures) {
		return { ok: false, code: 'unauthorized', detail: 'webhook-id, webhook-timestamp and webhook-signature are required.' };
	}
	if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, code: 'unauthorized', detail: 'webhook-timestamp must be Unix seconds.' };
	if (Math.abs(nowSeconds - Number(timestamp)) > timestampToleranceSeconds) {
		return { ok: false, code: 'stale_timestamp', detail: `webhook-timestamp is more than ${timestampToleranceSeconds} s from the platform's clock.` };
	}
	const expected = Buffer.from(signatureHeaders(secret, id, Number(timestamp), body)['webhook-signature']);
	// Several signatures may be sent while a secret is rotated; any one that matches will do.
	const matches = signatures.split(' ').some((candidate) => {
		const given = Buffer.from(candidate);
		return given.length === expected.length && timingSafeEqual(given, expected);
	});
	return matches ? { ok: true, id } : { ok: false, code: 'unauthorized', detail: 'No signature matches the body with the shared secret.' };
}
