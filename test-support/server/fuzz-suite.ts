/**
 * Test support: throws at least 1,000 random and malformed bodies at every endpoint — every answer
 * must be a well-formed success or problem, never a 5xx. The generator is seeded, so a failure
 * replays. `describeFuzzing(factory)` runs it on one backend.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { endpoints, ProblemSchema } from '../../src/signup/contract.ts';
import type { SignupServerFactory, SignupTestServer } from './signup-server.ts';
import { goodPassword } from './test-server.ts';

/** The default number of bodies per endpoint. */
const defaultBodiesPerEndpoint = 1000;
const seed = 20260115;

/** mulberry32: a tiny seeded PRNG. */
function prng(state: number) {
	return () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

type Random = ReturnType<typeof prng>;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const nastyStrings = [
	'',
	' ',
	'\u0000',
	'\u0007\u001b[31m',
	'\ud800',
	'\udfff\ud800',
	'\u202eevil\u202c@example.com',
	'a@b.c',
	'ann@example.com',
	'ANN@EXAMPLE.COM',
	'ann@exämple.com',
	'"quoted"@example.com',
	'ann@[127.0.0.1]',
	'a'.repeat(255),
	`${'a'.repeat(64)}@${'b'.repeat(190)}.com`,
	'🙂'.repeat(40),
	'‮',
	'123456',
	'12 34 56',
	'１２３４５６',
	'A'.repeat(43),
	'-'.repeat(43),
	'../../etc/passwd',
	'<script>alert(1)</script>',
	"'; DROP TABLE accounts; --",
	'%00',
	'${jndi:ldap://x}',
	'en',
	'pt-BR',
	'ar',
	'xx',
	goodPassword,
	'password',
	'x'.repeat(5000),
];

function randomString(random: Random): string {
	if (random() < 0.6) return pick(random, nastyStrings);
	const length = Math.floor(random() * 80);
	let text = '';
	for (let index = 0; index < length; index++) text += String.fromCharCode(Math.floor(random() * (random() < 0.8 ? 128 : 0xffff)));
	return text;
}

function randomValue(random: Random, depth = 0): unknown {
	const kind = Math.floor(random() * (depth > 2 ? 6 : 8));
	switch (kind) {
		case 0:
			return null;
		case 1:
			return random() < 0.5;
		case 2:
			return pick(random, [0, -1, 1.5, 1e308, -0, Number.MAX_SAFE_INTEGER, 123456]);
		case 3:
		case 4:
		case 5:
			return randomString(random);
		case 6:
			return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1));
		default:
			return Object.fromEntries(Array.from({ length: Math.floor(random() * 4) }, () => [randomString(random).slice(0, 20), randomValue(random, depth + 1)]));
	}
}

/** Plausible values per field, so that many bodies get past the schema into the backend. */
const plausible: Record<string, readonly string[]> = {
	email: ['ann@example.com', 'Bob@Example.COM', ' carol@example.org ', 'ünï@bücher.de', 'nobody@example.net'],
	// The last one meets the Navixy platform's documented policy (12–20 characters with classes).
	password: [goodPassword, 'another long enough passphrase', 'short', 'passwordpassword1', 'Velvet#Kettle42'],
	newPassword: [goodPassword, 'short', 'Velvet#Kettle42'],
	locale: ['en', 'fr', 'es', 'pt-BR', 'de', 'it', 'ru', 'ar'],
	receipt: ['A'.repeat(43), 'b'.repeat(22)],
	token: ['A'.repeat(43), '_'.repeat(30)],
	code: ['123456', '000 000', '999999'],
};

/** The request fields of each endpoint (none for GET). */
const requestFields = (name: string) =>
	({
		register: ['email', 'password', 'locale'],
		registrationStatus: ['receipt'],
		changeAddress: ['receipt', 'email', 'locale'],
		confirm: ['token'],
		confirmCode: ['email', 'code'],
		resend: ['email', 'locale'],
		requestPasswordReset: ['email', 'locale'],
		resetPassword: ['token', 'newPassword'],
	})[name] ?? [];

/** A body for an endpoint: mostly its own fields with plausible or hostile values, some pure noise. */
function randomBody(random: Random, fields: readonly string[]): { body: string | Uint8Array<ArrayBuffer>; contentType: string } {
	const roll = random();
	const contentType = random() < 0.95 ? 'application/json' : pick(random, ['text/plain', 'application/json; charset=utf-8', 'application/x-www-form-urlencoded', '']);
	if (roll < 0.6) {
		const object: Record<string, unknown> = {};
		for (const field of fields) {
			if (random() < 0.1) continue;
			const choice = random();
			object[field] = choice < 0.6 ? pick(random, plausible[field] ?? ['']) : choice < 0.85 ? randomString(random) : randomValue(random);
		}
		if (random() < 0.1) object[randomString(random).slice(0, 10)] = randomValue(random);
		return { body: JSON.stringify(object), contentType };
	}
	if (roll < 0.8) return { body: JSON.stringify(randomValue(random)), contentType };
	if (roll < 0.9) {
		const text = JSON.stringify({ email: randomString(random), password: randomString(random) });
		return { body: text.slice(0, Math.floor(random() * text.length)), contentType };
	}
	return { body: Uint8Array.from({ length: Math.floor(random() * 200) }, () => Math.floor(random() * 256)), contentType };
}

/** Random bytes, percent-encoded, invalid UTF-8 included: a GET endpoint's only input. */
function randomQuery(random: Random): string {
	return Array.from({ length: Math.floor(random() * 30) }, () => `%${Math.floor(random() * 256).toString(16).padStart(2, '0')}`).join('');
}

/** Declares the suite for one backend; `bodiesPerEndpoint` defaults to 1,000. */
export function describeFuzzing(factory: SignupServerFactory, { bodiesPerEndpoint = defaultBodiesPerEndpoint } = {}): void {
	describe(`fuzzing the ${factory.name} backend (${bodiesPerEndpoint} bodies per endpoint, seed ${seed})`, () => {
		let server: SignupTestServer;
		beforeAll(async () => {
			server = await factory.start();
		});
		afterAll(async () => {
			await server.close();
		});

		for (const [name, endpoint] of Object.entries(endpoints)) {
			test(`${endpoint.method} ${endpoint.path} never answers 5xx`, async () => {
				const random = prng(seed + name.length * 7919 + name.charCodeAt(0));
				const statuses = new Map<number, number>();
				const send = async (index: number) => {
					const { body, contentType } = randomBody(random, requestFields(name));
					const headers: Record<string, string> = contentType ? { 'Content-Type': contentType } : {};
					const url = `${server.url}/api/v1${endpoint.path}${endpoint.method === 'GET' ? `?${randomQuery(random)}` : ''}`;
					const response = await fetch(url, endpoint.method === 'GET' ? { headers } : { method: 'POST', headers, body });
					const text = await response.text();
					statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
					expect(response.status, `request ${index}: ${String(body).slice(0, 200)}`).toBeLessThan(500);
					const parsed: unknown = JSON.parse(text);
					if (response.status >= 400) {
						expect(response.headers.get('content-type')).toBe('application/problem+json');
						expect(ProblemSchema.safeParse(parsed).success, text).toBe(true);
					} else {
						expect(endpoint.success.schema.safeParse(parsed).success, text).toBe(true);
					}
				};
				// A few requests in flight at once, as a real client mix would have.
				const queue = Array.from({ length: bodiesPerEndpoint }, (_, index) => index);
				await Promise.all(Array.from({ length: 8 }, async () => {
					for (let index = queue.shift(); index !== undefined; index = queue.shift()) await send(index);
				}));
				expect([...statuses.values()].reduce((sum, count) => sum + count, 0)).toBe(bodiesPerEndpoint);
			}, 60_000);
		}
	});
}
