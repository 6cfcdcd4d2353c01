/**
 * Enumeration oracles in the wrong-code state: whatever sequence of resends, registrations and
 * wrong codes an attacker plays, `attemptsLeft` and `too_many_attempts` come out the same for an
 * address without an account as for a pending or a confirmed one.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';

import { goodPassword, startTestServer, type TestServer } from '../../../test-support/server/test-server.ts';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server.close();
});

const minutes = (count: number) => count * 60_000;
const register = (email: string) => server.api('/registrations', { email, password: goodPassword, locale: 'en' });
const resend = (email: string) => server.api('/registrations/resend', { email, locale: 'en' });
const wrongCode = async (email: string) => {
	const answer = await server.api('/registrations/confirm-code', { email, code: '000000' });
	return answer.body.code === 'invalid_code' ? `invalid_code:${answer.body.attemptsLeft}` : String(answer.body.code);
};

/** The attacker's moves, and what each wrong code answered. */
type Play = (email: string) => Promise<string[]>;

const plays: Record<string, Play> = {
	'resend, wrong code, register, wrong code': async (email) => {
		await resend(email);
		const first = await wrongCode(email);
		await register(email);
		return [first, await wrongCode(email)];
	},
	'register, wrong codes, register after the cooldown, wrong code': async (email) => {
		await register(email);
		const before = [await wrongCode(email), await wrongCode(email)];
		server.clock.advance(minutes(5));
		await register(email);
		return [...before, await wrongCode(email)];
	},
	'five wrong codes, register, wrong code': async (email) => {
		const before = [];
		for (let index = 0; index < 5; index++) before.push(await wrongCode(email));
		await register(email);
		return [...before, await wrongCode(email)];
	},
};

let counter = 0;
async function address(kind: 'none' | 'pending' | 'confirmed'): Promise<string> {
	const email = `${kind}-${counter++}@example.com`;
	if (kind === 'none') return email;
	await register(email);
	if (kind === 'confirmed') {
		await server.deliverMail();
		const mail = (await server.mailbox()).filter((message) => message.to === email).at(-1);
		const token = /#token=([\w-]+)/.exec(mail?.text ?? '')?.[1];
		expect((await server.api('/registrations/confirm', { token })).status).toBe(200);
	}
	// Past the registration's cooldown, as an attacker probing old addresses would be.
	server.clock.advance(minutes(10));
	return email;
}

for (const [name, play] of Object.entries(plays)) {
	test(`${name}: the same answers with or without an account`, async () => {
		const outcomes = new Map<string, string>();
		for (let index = 0; index < 10; index++) {
			for (const kind of ['none', 'pending', 'confirmed'] as const) {
				// Register the other kinds first, then advance past their cooldowns, so only the kind differs.
				const email = await address(kind);
				outcomes.set(`${kind}-${index}`, (await play(email)).join(' '));
			}
		}
		const distinct = new Set(outcomes.values());
		expect(distinct.size, JSON.stringify(Object.fromEntries(outcomes))).toBe(1);
	});
}
