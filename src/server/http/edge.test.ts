import { afterEach, describe, expect, test } from 'vitest';

import { ProblemSchema, problemType, SettingsSchema } from '../../signup/contract.ts';
import { goodPassword, request, startTestServer, type TestServer } from '../../../test-support/server/test-server.ts';

let server: TestServer | undefined;
afterEach(async () => {
	await server?.close();
	server = undefined;
});

async function start(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
	server = await startTestServer(options);
	return server;
}

/** Expects an RFC 9457 problem with this status and code. */
function expectProblem(answer: { status: number; headers: Headers; body: unknown }, status: number, code: string) {
	expect(answer.status).toBe(status);
	expect(answer.headers.get('content-type')).toBe('application/problem+json');
	const problem = ProblemSchema.parse(answer.body);
	expect(problem).toMatchObject({ status, code, type: problemType(problem.code) });
	expect(problem.title.length).toBeGreaterThan(0);
	expect(problem.detail.length).toBeGreaterThan(0);
	return problem;
}

const registration = { email: 'ann@example.com', password: goodPassword, locale: 'en' };

describe('settings and health', () => {
	test('GET /settings publishes what the widgets need', async () => {
		const { api } = await start();
		const answer = await api('/settings');
		expect(answer.status).toBe(200);
		expect(SettingsSchema.parse(answer.body)).toMatchObject({
			providerName: 'Acme Tracking',
			selfRegistration: true,
			resendCooldownSeconds: 300,
			codeLength: 6,
			loginUrl: 'https://login.acme.test/',
			senderAddress: 'no-reply@acme.test',
			support: { email: 'help@acme.test', phone: '+1 555 0100' },
			passwordPolicy: { minLength: 15, rejectCommon: true },
		});
	});

	test('GET /health answers ok, and HEAD works on GET routes', async () => {
		const { api } = await start();
		expect((await api('/health')).body).toEqual({ status: 'ok', checks: [{ name: 'database', status: 'ok' }] });
		const head = await api('/settings', undefined, { method: 'HEAD' });
		expect(head.status).toBe(200);
		expect(head.text).toBe('');
	});
});

describe('malformed requests', () => {
	test('a body that is not JSON is invalid_request', async () => {
		const { api } = await start();
		for (const body of ['{"email":', 'not json', '', '{"a":1}}']) {
			expectProblem(await api('/registrations', body), 400, 'invalid_request');
		}
	});

	test('wrong types, missing and unknown fields are invalid_request with the issues listed', async () => {
		const { api } = await start();
		const wrongType = expectProblem(await api('/registrations', { ...registration, password: 42 }), 400, 'invalid_request');
		expect(wrongType.issues).toEqual([{ path: 'password', message: expect.stringContaining('string') }]);
		const missing = expectProblem(await api('/registrations', { email: 'ann@example.com' }), 400, 'invalid_request');
		expect(missing.issues?.map((issue) => issue.path)).toEqual(['password', 'locale']);
		const extra = expectProblem(await api('/registrations', { ...registration, admin: true }), 400, 'invalid_request');
		expect(extra.issues?.[0]?.message).toContain('admin');
		expectProblem(await api('/registrations', [registration]), 400, 'invalid_request');
		expectProblem(await api('/registrations', null), 400, 'invalid_request');
		expectProblem(await api('/registrations', { ...registration, __proto__: { x: 1 }, constructor: 1 }), 400, 'invalid_request');
	});

	test('an unknown locale is invalid_request (there is no silent fallback)', async () => {
		const { api } = await start();
		const problem = expectProblem(await api('/registrations', { ...registration, locale: 'fr-CA' }), 400, 'invalid_request');
		expect(problem.issues?.[0]?.path).toBe('locale');
	});

	test('control characters in a password are invalid_request', async () => {
		const { api } = await start();
		expectProblem(await api('/registrations', { ...registration, password: 'a long pass\u0007phrase here' }), 400, 'invalid_request');
		expectProblem(await api('/registrations', { ...registration, password: 'lone surrogate \ud800 in here' }), 400, 'invalid_request');
	});

	test('a body that is not declared as JSON is unsupported_media_type', async () => {
		const { api } = await start();
		const form = await api('/registrations', 'email=a', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
		expectProblem(form, 415, 'unsupported_media_type');
		expectProblem(await api('/registrations', JSON.stringify(registration), { headers: { 'Content-Type': 'text/plain' } }), 415, 'unsupported_media_type');
		expectProblem(await api('/registrations', undefined, { method: 'POST' }), 415, 'unsupported_media_type');
	});

	test('a body over 16 KB is payload_too_large, declared or streamed', async () => {
		const { api, url } = await start();
		const huge = { ...registration, password: 'x'.repeat(17 * 1024) };
		expectProblem(await api('/registrations', huge), 413, 'payload_too_large');
		// Without Content-Length (chunked), the limit is counted while reading.
		const stream = new ReadableStream({
			start(controller) {
				for (let chunk = 0; chunk < 20; chunk++) controller.enqueue(new TextEncoder().encode('x'.repeat(1024)));
				controller.close();
			},
		});
		const chunked = await fetch(`${url}/api/v1/registrations`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: stream,
			duplex: 'half',
		} as RequestInit);
		expect(chunked.status).toBe(413);
	});
});

describe('routing', () => {
	test('an unknown API route is a problem+json 404', async () => {
		const { api } = await start();
		expectProblem(await api('/nope'), 404, 'not_found');
		expectProblem(await api('/registrations/nope', {}), 404, 'not_found');
	});

	test('a known route with the wrong method is 405 with Allow', async () => {
		const { api } = await start();
		const get = await api('/registrations');
		expectProblem(get, 405, 'method_not_allowed');
		expect(get.headers.get('allow')).toBe('POST');
		const post = await api('/settings', {});
		expectProblem(post, 405, 'method_not_allowed');
		expect(post.headers.get('allow')).toBe('GET, HEAD');
		expectProblem(await api('/password-resets', undefined, { method: 'DELETE' }), 405, 'method_not_allowed');
	});
});

describe('headers', () => {
	test('every answer carries the security headers, and API answers are not cached', async () => {
		const { api } = await start();
		for (const answer of [await api('/settings'), await api('/registrations', registration), await api('/nope')]) {
			expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
			expect(answer.headers.get('x-frame-options')).toBe('DENY');
			expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
			expect(answer.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
			expect(answer.headers.get('cache-control')).toBe('no-store');
		}
	});

	test('CORS answers only the configured origins', async () => {
		const { url } = await start({ app: { corsOrigins: ['https://docs.acme.test'] } });
		const preflight = (origin: string) =>
			fetch(`${url}/api/v1/registrations`, {
				method: 'OPTIONS',
				headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
			});
		const allowed = await preflight('https://docs.acme.test');
		expect(allowed.headers.get('access-control-allow-origin')).toBe('https://docs.acme.test');
		expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
		const refused = await preflight('https://evil.test');
		expect(refused.headers.get('access-control-allow-origin')).toBeNull();
	});

	test('without configured origins there is no CORS at all', async () => {
		const { api } = await start();
		const answer = await api('/settings', undefined, { headers: { Origin: 'https://docs.acme.test' } });
		expect(answer.headers.get('access-control-allow-origin')).toBeNull();
	});
});

describe('problems from the backend', () => {
	test('registration_disabled when the provider turned self-registration off', async () => {
		const { api } = await start({ provider: { selfRegistration: false } });
		expectProblem(await api('/registrations', registration), 403, 'registration_disabled');
		expect((await api('/settings')).body.selfRegistration).toBe(false);
	});

	test('rate_limited per IP, with Retry-After', async () => {
		const { api } = await start({ rateLimits: { register: { points: 2, seconds: 60 } } });
		expect((await api('/registrations', registration)).status).toBe(202);
		expect((await api('/registrations', registration)).status).toBe(202);
		const limited = await api('/registrations', registration);
		const problem = expectProblem(limited, 429, 'rate_limited');
		expect(problem.retryAfter).toBeGreaterThan(0);
		expect(problem.retryAfter).toBeLessThanOrEqual(60);
		expect(limited.headers.get('retry-after')).toBe(String(problem.retryAfter));
	});

	test('behind a trusted proxy, each forwarded client has its own bucket; otherwise the header is ignored', async () => {
		const limit = { register: { points: 1, seconds: 60 } };
		const from = (ip: string) => ({ headers: { 'X-Forwarded-For': `203.0.113.9, ${ip}` } });
		const proxied = await start({ rateLimits: limit, app: { trustProxy: true } });
		expect((await proxied.api('/registrations', registration, from('198.51.100.1'))).status).toBe(202);
		expect((await proxied.api('/registrations', registration, from('198.51.100.2'))).status).toBe(202);
		expect((await proxied.api('/registrations', registration, from('198.51.100.1'))).status).toBe(429);
		await proxied.close();
		const direct = await start({ rateLimits: limit });
		expect((await direct.api('/registrations', registration, from('198.51.100.1'))).status).toBe(202);
		expect((await direct.api('/registrations', registration, from('198.51.100.2'))).status).toBe(429);
	});

	test('every limited group answers rate_limited once spent', async () => {
		const one = { points: 1, seconds: 60 };
		const { api } = await start({ rateLimits: { email: one, confirm: one, status: one } });
		const token = 'A'.repeat(43);
		// Resend and reset requests share the "email" group; confirmations and resets the "confirm" group.
		expect((await api('/registrations/resend', { email: 'a@example.com', locale: 'en' })).status).toBe(202);
		expectProblem(await api('/password-resets', { email: 'a@example.com', locale: 'en' }), 429, 'rate_limited');
		expect((await api('/registrations/confirm', { token })).status).toBe(400);
		expectProblem(await api('/password-resets/complete', { token, newPassword: goodPassword }), 429, 'rate_limited');
		expectProblem(await api('/registrations/confirm-code', { email: 'a@example.com', code: '123456' }), 429, 'rate_limited');
		expect((await api('/registrations/status', { receipt: token })).status).toBe(404);
		expectProblem(await api('/registrations/status', { receipt: token }), 429, 'rate_limited');
	});

	test('upstream_unavailable with Retry-After when the password hasher is saturated', async () => {
		const { api } = await start({ hashing: { params: { logN: 14, r: 8, p: 1 }, concurrency: 1, maxQueue: 0 } });
		const answers = await Promise.all(
			Array.from({ length: 4 }, (_, index) => api('/registrations', { ...registration, email: `u${index}@example.com` })),
		);
		const busy = answers.filter((answer) => answer.status === 503);
		expect(busy.length).toBeGreaterThan(0);
		expect(answers.filter((answer) => answer.status === 202).length).toBeGreaterThan(0);
		const problem = expectProblem(busy[0] ?? answers[0]!, 503, 'upstream_unavailable');
		expect(busy[0]?.headers.get('retry-after')).toBe(String(problem.retryAfter));
	});

	test('internal_error without details when the backend fails', async () => {
		const logged: unknown[] = [];
		const { api, db } = await start({ app: { logError: (error) => logged.push(error) } });
		await db.close();
		const problem = expectProblem(await api('/registrations/status', { receipt: 'A'.repeat(43) }), 500, 'internal_error');
		expect(problem.detail).not.toMatch(/database|sqlite/i);
		expect(logged).toHaveLength(1);
	});
});

test('a plain request helper reaches an absolute URL (sanity of the harness)', async () => {
	const { url } = await start();
	expect((await request(`${url}/api/v1/health`)).status).toBe(200);
});
