/**
 * Test support: registration must not tell anyone whether an address has an account — the same
 * status, body (but for the random receipt), headers, length and time for a new address, a pending
 * one and a confirmed one. `describeEnumerationSafety(factory)` runs it on one backend.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import type { SignupServerFactory, SignupTestServer } from './signup-server.ts';
import type { TestResponse } from './test-server.ts';

const tries = 100;
const kinds = ['new', 'pending', 'confirmed'] as const;
type Kind = (typeof kinds)[number];

/** Addresses of one length for every kind and try, so that receipts that carry the address compare too. */
const address = (kind: Kind, index: number) => `${kind.slice(0, 3)}-${String(index).padStart(3, '0')}@example.com`;

/** What an observer sees of an answer, the random receipt aside. */
function observable(answer: TestResponse) {
	const headers = [...answer.headers.keys()].filter((name) => name !== 'date').sort();
	return { status: answer.status, body: { ...answer.body, receipt: typeof answer.body.receipt }, headers, length: answer.text.length };
}

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/** Declares the suite for one backend. */
export function describeEnumerationSafety(factory: SignupServerFactory): void {
	describe(`registration is enumeration-safe on the ${factory.name} backend`, () => {
		let server: SignupTestServer;
		const register = (email: string) => server.api('/registrations', { email, password: server.goodPassword, locale: 'en' });
		const timings: Record<Kind, number[]> = { new: [], pending: [], confirmed: [] };
		const answers: Record<Kind, TestResponse[]> = { new: [], pending: [], confirmed: [] };
		const mailsBefore = new Map<string, number>();

		beforeAll(async () => {
			server = await factory.start();
			// `tries` pending and `tries` confirmed addresses, then past the cooldown so that every branch
			// sends what it can (the heaviest path of each).
			for (let index = 0; index < tries; index++) {
				await register(address('pending', index));
				await register(address('confirmed', index));
				const [mail] = await server.mailTo(address('confirmed', index));
				await server.api('/registrations/confirm', { token: mail?.token });
			}
			server.clock.advance(5 * 60_000);
			for (let index = 0; index < tries; index++) {
				for (const kind of kinds) mailsBefore.set(address(kind, index), (await server.mailTo(address(kind, index))).length);
			}

			for (let index = 0; index < tries; index++) {
				// Interleaved, and in a rotating order, so that drift and warm-up hit every kind alike.
				const order = kinds.map((_, offset) => kinds[(index + offset) % 3] ?? 'new');
				for (const kind of order) {
					const started = performance.now();
					const answer = await register(address(kind, index));
					timings[kind].push(performance.now() - started);
					answers[kind].push(answer);
				}
			}
		}, 120_000);
		afterAll(async () => {
			await server.close();
		});

		test('every answer looks the same: status, body, headers, length', () => {
			const reference = observable(answers.new[0]!);
			expect(reference.status).toBe(202);
			for (const kind of kinds) {
				for (const answer of answers[kind]) expect(observable(answer)).toEqual(reference);
			}
			const receipts = new Set(kinds.flatMap((kind) => answers[kind].map((answer) => answer.body.receipt)));
			expect(receipts.size).toBe(3 * tries);
		});

		test('new and pending addresses got one confirmation each; confirmed ones what the backend sends them', async () => {
			// The built-in backend tells a confirmed owner that the account exists; a platform that
			// sends only its own activation email sends nothing to an address that needs none.
			const perConfirmed = factory.traits.existsNotice === true ? 1 : 0;
			for (let index = 0; index < tries; index++) {
				for (const kind of kinds) {
					const email = address(kind, index);
					const sent = (await server.mailTo(email)).length - (mailsBefore.get(email) ?? 0);
					expect(sent, email).toBe(kind === 'confirmed' ? perConfirmed : 1);
				}
			}
		});

		test(`median times differ by less than 10 ms over ${tries} tries`, () => {
			const medians = { new: median(timings.new), pending: median(timings.pending), confirmed: median(timings.confirmed) };
			const spread = Math.max(...Object.values(medians)) - Math.min(...Object.values(medians));
			expect(spread, JSON.stringify(medians)).toBeLessThan(10);
		});
	});
}
