/**
 * Correcting the address of a pending registration on the built-in backend: the atomic move, the
 * old links and codes refused, the old pending account released, the receipt following the new
 * address, the limits, and enumeration safety in the shared suite's style (the same answer and
 * headers whatever the new address's state, and a single request's time telling nothing).
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';

import { ChangeAddressAnswerSchema, RegistrationStatusAnswerSchema } from '../../../signup/contract.ts';
import { separation, shuffled } from '../../../../test-support/server/timing-classifier.ts';
import { goodPassword, secretsIn, startTestServer, type TestResponse, type TestServer } from '../../../../test-support/server/test-server.ts';

let server: TestServer;

const register = async (email: string) => {
	const answer = await server.api('/registrations', { email, password: goodPassword, locale: 'en' });
	expect(answer.status).toBe(202);
	return answer.body.receipt as string;
};
const change = (receipt: string, email: string, locale = 'en') => server.api('/registrations/change-address', { receipt, email, locale });
const status = async (receipt: string) => RegistrationStatusAnswerSchema.parse((await server.api('/registrations/status', { receipt })).body);
const mailTo = async (email: string) => (await server.mailbox()).filter((message) => message.to === email);
const accountOf = async (email: string) => (await server.db.get('SELECT id, confirmed_at FROM accounts WHERE email = ?', email));

/** Registers and confirms `email`. */
async function confirmed(email: string): Promise<void> {
	await register(email);
	await server.deliverMail();
	const { token } = secretsIn((await mailTo(email)).at(-1) ?? { text: '' });
	expect((await server.api('/registrations/confirm', { token })).status).toBe(200);
}

describe('changing the address of a pending registration', () => {
	afterEach(async () => {
		await server.close();
	});

	test('the correction journey: the new address gets a new link and code, the old ones die, the receipt follows', async () => {
		server = await startTestServer();
		const receipt = await register('ann@gmial.com');
		await server.deliverMail();
		const old = secretsIn((await mailTo('ann@gmial.com'))[0] ?? { text: '' });

		const answer = await change(receipt, 'ann@gmail.com');
		expect(answer.status).toBe(202);
		expect(ChangeAddressAnswerSchema.parse(answer.body)).toEqual({ status: 'pending', resendAfterSeconds: 300 });
		await server.deliverMail();
		const [mail] = await mailTo('ann@gmail.com');
		const fresh = secretsIn(mail ?? { text: '' });
		expect(fresh.token).toBeDefined();
		expect(fresh.token).not.toBe(old.token);

		// The old address's link and code are refused; its pending account was released.
		expect((await server.api('/registrations/confirm', { token: old.token })).body.code).toBe('invalid_token');
		expect((await server.api('/registrations/confirm-code', { email: 'ann@gmial.com', code: old.code })).body.code).toBe('invalid_code');
		expect(await accountOf('ann@gmial.com')).toBeUndefined();

		// The receipt shows the new address's email, then its confirmation.
		const before = await status(receipt);
		expect(before.delivery).toMatchObject({ email: 'ann@gmail.com', events: [{ kind: 'queued' }, { kind: 'sent', domain: 'gmail.com' }] });
		expect((await server.api('/registrations/confirm', { token: fresh.token })).status).toBe(200);
		expect((await status(receipt)).status).toBe('confirmed');
		expect(await accountOf('ann@gmail.com')).toMatchObject({ confirmed_at: expect.any(Number) });
	});

	test('the attempt keeps its own password: the code sent to the new address confirms it', async () => {
		server = await startTestServer();
		const receipt = await register('bob@example.con');
		await change(receipt, 'bob@example.com');
		await server.deliverMail();
		const { code } = secretsIn((await mailTo('bob@example.com'))[0] ?? { text: '' });
		expect((await server.api('/registrations/confirm-code', { email: 'bob@example.com', code })).status).toBe(200);
		const account = (await server.db.get('SELECT a.password_hash = r.password_hash AS same FROM accounts a, receipts r WHERE a.email = ?', 'bob@example.com'));
		expect(account).toEqual({ same: 1 });
	});

	test('an old address’s account that another attempt also used is kept (pending), only this attempt leaves it', async () => {
		server = await startTestServer({ rules: { resendCooldownSeconds: 0 } });
		await register('carol@example.com');
		const mine = await register('carol@example.com');
		await change(mine, 'carol@example.org');
		expect(await accountOf('carol@example.com')).toMatchObject({ confirmed_at: null });
		expect((await server.db.get("SELECT COUNT(*) AS live FROM confirmations c JOIN accounts a ON a.id = c.account_id WHERE a.email = 'carol@example.com'"))).toEqual({ live: 0 });
	});

	test('a new address with an account gets the “account exists” email, and the receipt never says confirmed', async () => {
		server = await startTestServer();
		await confirmed('dan@example.com');
		server.clock.advance(5 * 60_000 + 1);
		const receipt = await register('dan@exmaple.com');
		expect((await change(receipt, 'dan@example.com')).status).toBe(202);
		await server.deliverMail();
		const mails = await mailTo('dan@example.com');
		expect(mails).toHaveLength(2);
		expect(secretsIn(mails[1] ?? { text: '' }).token).toBeUndefined();
		expect((await status(receipt)).status).toBe('pending');
		expect((await status(receipt)).delivery?.events.map((event) => event.kind)).toEqual(['queued', 'sent']);
	});

	test('the per-address cooldown holds: a pending address mailed just now is not mailed again by a change', async () => {
		server = await startTestServer();
		await register('eve@example.com');
		await server.deliverMail();
		const receipt = await register('eve@exampel.com');
		await change(receipt, 'eve@example.com');
		await server.deliverMail();
		expect(await mailTo('eve@example.com')).toHaveLength(1);
		expect((await status(receipt)).delivery).toEqual({ email: 'eve@example.com', events: [] });
	});

	test('at most three changes per receipt, then too_many_changes (403)', async () => {
		server = await startTestServer({ rules: { resendCooldownSeconds: 0 } });
		const receipt = await register('f0@example.com');
		for (let index = 1; index <= 3; index++) expect((await change(receipt, `f${index}@example.com`)).status).toBe(202);
		const refused = await change(receipt, 'f4@example.com');
		expect(refused.status).toBe(403);
		expect(refused.body).toMatchObject({ code: 'too_many_changes', status: 403 });
		expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
	});

	test('the limit is configurable', async () => {
		server = await startTestServer({ config: { maxAddressChanges: 1 } });
		const receipt = await register('g0@example.com');
		expect((await change(receipt, 'g1@example.com')).status).toBe(202);
		expect((await change(receipt, 'g2@example.com')).body.code).toBe('too_many_changes');
	});

	test('bad input: unknown receipt, invalid address, confirmed or expired registration', async () => {
		server = await startTestServer();
		expect((await change('A'.repeat(43), 'a@example.com')).body).toMatchObject({ code: 'invalid_receipt', status: 404 });
		const receipt = await register('h@example.com');
		expect((await change(receipt, 'not an address')).body).toMatchObject({ code: 'invalid_email', status: 422 });
		expect((await server.api('/registrations/change-address', { receipt, email: 'a@example.com' })).body.code).toBe('invalid_request');
		await server.deliverMail();
		const { token } = secretsIn((await mailTo('h@example.com'))[0] ?? { text: '' });
		await server.api('/registrations/confirm', { token });
		expect((await change(receipt, 'h2@example.com')).body.code).toBe('invalid_receipt');
		const late = await register('i@example.com');
		server.clock.advance(86_400_000);
		expect((await change(late, 'i2@example.com')).body.code).toBe('invalid_receipt');
	});

	test('rate-limited per IP', async () => {
		server = await startTestServer({ rateLimits: { changeAddress: { points: 2, seconds: 3600 } }, rules: { resendCooldownSeconds: 0 } });
		const receipt = await register('j0@example.com');
		expect((await change(receipt, 'j1@example.com')).status).toBe(202);
		expect((await change(receipt, 'j2@example.com')).status).toBe(202);
		const limited = await change(receipt, 'j3@example.com');
		expect(limited.status).toBe(429);
		expect(limited.body.code).toBe('rate_limited');
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
	});
});

describe('an address change is enumeration-safe', () => {
	type Kind = 'new' | 'pending' | 'confirmed';
	const kinds: Kind[] = ['new', 'pending', 'confirmed'];
	const target = (kind: Kind, index: number) => `ch-${kind}-${index}@example.com`;

	beforeAll(async () => {
		server = await startTestServer({ config: { maxAddressChanges: 1_000_000 } });
	});
	afterAll(async () => {
		await server.close();
	});

	const observable = (answer: TestResponse) => ({
		status: answer.status,
		body: answer.body,
		headers: [...answer.headers.keys()].filter((name) => name !== 'date').sort(),
		length: answer.text.length,
	});

	test('the same answer, headers and timeline kinds whether the new address is free, pending or has an account', async () => {
		for (let index = 0; index < 5; index++) {
			await register(target('pending', index));
			await confirmed(target('confirmed', index));
		}
		server.clock.advance(5 * 60_000 + 1);
		const answers: Record<Kind, TestResponse[]> = { new: [], pending: [], confirmed: [] };
		const receipts: Record<Kind, string[]> = { new: [], pending: [], confirmed: [] };
		for (let index = 0; index < 5; index++) {
			for (const kind of kinds) {
				const receipt = await register(`typo-${kind}-${index}@example.net`);
				receipts[kind].push(receipt);
				answers[kind].push(await change(receipt, target(kind, index)));
			}
		}
		await server.deliverMail();
		for (const kind of kinds) {
			expect(answers[kind].map(observable)).toEqual(answers.new.map(observable));
			for (const receipt of receipts[kind]) {
				const answer = await status(receipt);
				expect(answer.status).toBe('pending');
				expect(answer.delivery?.events.map((event) => event.kind)).toEqual(['queued', 'sent']);
			}
		}
	});

	test('a single change’s time classifies the new address no better than 55 %, and |z| < 3', async () => {
		const samples = 200;
		const warmUp = 20;
		const mine: Record<Kind, string> = {
			new: await register('mine-new@example.net'),
			pending: await register('mine-pending@example.net'),
			confirmed: await register('mine-confirmed@example.net'),
		};
		for (let index = 0; index < 10; index++) {
			await register(`tp-${index}@example.com`);
			await confirmed(`tc-${index}@example.com`);
		}
		const times: Record<Kind, number[]> = { new: [], pending: [], confirmed: [] };
		const address = (kind: Kind, round: number) => (kind === 'new' ? `tn-${round}@example.com` : kind === 'pending' ? `tp-${round % 10}@example.com` : `tc-${round % 10}@example.com`);
		const measure = async () => {
			for (const kind of kinds) times[kind] = [];
			for (let round = 0; round < warmUp + samples; round++) {
				// Past the cooldown, so that every branch sends what it can (its heaviest work).
				server.clock.advance(5 * 60_000 + 1);
				for (const kind of shuffled(kinds, round + 1)) {
					const started = performance.now();
					const answer = await change(mine[kind], address(kind, round + times.new.length * 1000));
					const elapsed = performance.now() - started;
					expect(answer.status).toBe(202);
					if (round >= warmUp) times[kind].push(elapsed);
				}
			}
			return { pending: separation(times.pending, times.new), confirmed: separation(times.confirmed, times.new) };
		};
		const passes = (verdict: { accuracy: number; z: number }) => verdict.accuracy <= 0.55 && Math.abs(verdict.z) < 3;
		let found = await measure();
		console.log(`change-address timing: ${JSON.stringify(found)}`);
		// As the shared suite does: a fluke of a busy machine is measured once more; a real leak fails both.
		if (!Object.values(found).every(passes)) {
			found = await measure();
			console.log(`change-address timing, measured again: ${JSON.stringify(found)}`);
		}
		for (const [kind, verdict] of Object.entries(found)) {
			expect(verdict.accuracy, `${kind} vs no account`).toBeLessThanOrEqual(0.55);
			expect(Math.abs(verdict.z), `${kind} vs no account`).toBeLessThan(3);
		}
	}, 120_000);
});
