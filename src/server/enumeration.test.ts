/**
 * Registration must not tell anyone whether an address has an account: the same status, the same
 * body (but for the random receipt), the same headers and the same time for a new address, a
 * pending one and a confirmed one.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { goodPassword, secretsIn, startTestServer, type TestServer, type TestResponse } from './testing/test-server.ts';

const tries = 100;
let server: TestServer;

beforeAll(async () => {
	server = await startTestServer();
	// `tries` pending and `tries` confirmed addresses, then past the cooldown so that every branch
	// sends an email (the heaviest path of each).
	for (let index = 0; index < tries; index++) {
		await register(`pending${index}@example.com`);
		await register(`confirmed${index}@example.com`);
	}
	await server.deliverMail();
	for (const mail of await server.mailbox()) {
		if (mail.to.startsWith('confirmed')) await server.api('/registrations/confirm', { token: secretsIn(mail).token });
	}
	server.clock.advance(5 * 60_000);
});
afterAll(async () => {
	await server.close();
});

function register(email: string): Promise<TestResponse> {
	return server.api('/registrations', { email, password: goodPassword, locale: 'en' });
}

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

describe('registration is enumeration-safe', () => {
	const timings = { new: [] as number[], pending: [] as number[], confirmed: [] as number[] };
	const answers = { new: [] as TestResponse[], pending: [] as TestResponse[], confirmed: [] as TestResponse[] };

	beforeAll(async () => {
		for (let index = 0; index < tries; index++) {
			// Interleaved, and in a rotating order, so that drift and warm-up hit every kind alike.
			const kinds = (['new', 'pending', 'confirmed'] as const).map((_, offset, all) => all[(index + offset) % 3] ?? 'new');
			for (const kind of kinds) {
				const email = kind === 'new' ? `new${index}@example.com` : `${kind}${index}@example.com`;
				const started = performance.now();
				const answer = await register(email);
				timings[kind].push(performance.now() - started);
				answers[kind].push(answer);
			}
		}
	});

	test('every answer looks the same: status, body, headers, length', () => {
		const reference = observable(answers.new[0]!);
		expect(reference.status).toBe(202);
		for (const kind of ['new', 'pending', 'confirmed'] as const) {
			for (const answer of answers[kind]) expect(observable(answer)).toEqual(reference);
		}
		const receipts = new Set([...answers.new, ...answers.pending, ...answers.confirmed].map((answer) => answer.body.receipt));
		expect(receipts.size).toBe(3 * tries);
	});

	test('every branch sent exactly one email', async () => {
		const before = (await server.mailbox()).length;
		await server.deliverMail();
		expect((await server.mailbox()).length - before).toBe(3 * tries);
	});

	test(`median times differ by less than 10 ms over ${tries} tries`, () => {
		const medians = { new: median(timings.new), pending: median(timings.pending), confirmed: median(timings.confirmed) };
		const spread = Math.max(...Object.values(medians)) - Math.min(...Object.values(medians));
		expect(spread, JSON.stringify(medians)).toBeLessThan(10);
	});
});
