import { afterEach, beforeEach, describe, expect, test } from 'vitest';

import { ProblemSchema, RegisterAnswerSchema } from '../../signup/contract.ts';
import { goodPassword, secretsIn, startTestServer, type TestServer } from '../testing/test-server.ts';

let server: TestServer;
beforeEach(async () => {
	server = await startTestServer();
});
afterEach(async () => {
	await server.close();
});

const register = (email: string, password = goodPassword, locale = 'en') => server.api('/registrations', { email, password, locale });
const minutes = (count: number) => count * 60_000;

/** Registers, delivers the mail, and returns the receipt and the confirmation's secrets. */
async function registerAndRead(email: string) {
	const answer = await register(email);
	expect(answer.status).toBe(202);
	await server.deliverMail();
	const mails = (await server.mailbox()).filter((mail) => mail.to === email);
	const last = mails.at(-1);
	if (!last) throw new Error(`no email for ${email}`);
	return { receipt: answer.body.receipt as string, mail: last, ...secretsIn(last) };
}

describe('POST /registrations', () => {
	test('answers 202 with a receipt and sends a confirmation email with a link and a code', async () => {
		const answer = await register('ann@example.com');
		expect(answer.status).toBe(202);
		expect(RegisterAnswerSchema.parse(answer.body)).toEqual({ receipt: expect.any(String), status: 'pending', resendAfterSeconds: 300 });
		expect(answer.body.receipt).toMatch(/^[\w-]{43}$/);
		await server.deliverMail();
		const [mail] = await server.mailbox();
		expect(mail?.to).toBe('ann@example.com');
		expect(mail?.subject).toBe('Acme Tracking: confirm your email address');
		const { token, code } = secretsIn(mail ?? { text: '' });
		expect(token).toMatch(/^[\w-]{43}$/);
		expect(code).toMatch(/^\d{6}$/);
		expect(mail?.text).toContain(`https://help.acme.test/confirm/#token=${token}`);
	});

	test('stores the account inactive, with only hashes of its secrets', async () => {
		const { token, code } = await registerAndRead('ann@example.com');
		const account = server.db.prepare('SELECT * FROM accounts').get();
		expect(account?.['confirmed_at']).toBeNull();
		expect(String(account?.['password_hash'])).toMatch(/^scrypt\$ln=10,r=8,p=1\$/);
		const dump = JSON.stringify(server.db.prepare('SELECT * FROM confirmations').all(), (_key, value: unknown) =>
			value instanceof Uint8Array ? Buffer.from(value).toString('hex') : value,
		);
		expect(dump).not.toContain(token);
		expect(dump).not.toContain(code);
		// Once sent, the outbox forgets the link too.
		expect(server.db.prepare('SELECT payload FROM outbox').get()?.['payload']).toBeNull();
	});

	test('normalizes the address: trimmed, NFC, domain lower-cased, local part kept', async () => {
		await register('  Ann@EXAMPLE.Com ');
		await register('Ann@example.com');
		expect(server.db.prepare('SELECT email FROM accounts').all()).toEqual([{ email: 'Ann@example.com' }]);
	});

	test('writes the email in the registrant’s locale, with the locale’s link prefix', async () => {
		await register('pt@example.com', goodPassword, 'pt-BR');
		await register('ar@example.com', goodPassword, 'ar');
		await server.deliverMail();
		const [pt, ar] = await server.mailbox();
		expect(pt?.subject).toBe('Acme Tracking: confirme seu endereço de e-mail');
		expect(pt?.text).toContain('https://help.acme.test/pt-br/confirm/#token=');
		expect(ar?.html).toContain('<html lang="ar" dir="rtl">');
		expect(ar?.text).toContain('https://help.acme.test/ar/confirm/#token=');
	});

	test('rejects a weak password with the rules it broke, before creating anything', async () => {
		const answer = await register('ann@example.com', 'ann@example.com is me');
		expect(answer.status).toBe(422);
		expect(answer.headers.get('content-type')).toBe('application/problem+json');
		expect(ProblemSchema.parse(answer.body)).toMatchObject({ code: 'weak_password', rules: ['contains_email'] });
		expect((await register('bob@example.com', 'short')).body.rules).toEqual(['min_length']);
		expect((await register('bob@example.com', 'passwordpassword2024!')).body.rules).toEqual(['common']);
		expect(server.db.prepare('SELECT COUNT(*) AS n FROM accounts').get()?.['n']).toBe(0);
	});

	test('rejects an invalid address with invalid_email', async () => {
		for (const email of ['not-an-email', 'a@b', 'a@localhost', `${'x'.repeat(250)}@example.com`, 'ann@exa mple.com', 'ann\u0000@example.com']) {
			const answer = await register(email);
			expect(answer.status, email).toBe(422);
			expect(answer.body.code, email).toBe('invalid_email');
		}
	});

	test('enforces the provider’s own policy (Navixy: 12–20 characters with classes)', async () => {
		await server.close();
		const { navixyPasswordPolicy } = await import('../../signup/password-policy.ts');
		server = await startTestServer({ provider: { passwordPolicy: navixyPasswordPolicy } });
		expect((await register('ann@example.com', 'alllowercase')).body.rules).toEqual(['uppercase', 'digit', 'special']);
		expect((await register('ann@example.com', 'Abcdefgh1!xy')).status).toBe(202);
		expect((await server.api('/settings')).body.passwordPolicy).toEqual(navixyPasswordPolicy);
	});
});

describe('POST /registrations/confirm', () => {
	test('confirms once; the link is dead afterwards', async () => {
		const { token, receipt } = await registerAndRead('ann@example.com');
		const confirmed = await server.api('/registrations/confirm', { token });
		expect(confirmed.status).toBe(200);
		expect(confirmed.body).toEqual({ status: 'confirmed', loginUrl: 'https://login.acme.test/' });
		expect((await server.api('/registrations/status', { receipt })).body).toEqual({ status: 'confirmed' });
		const again = await server.api('/registrations/confirm', { token });
		expect(again.status).toBe(400);
		expect(again.body.code).toBe('invalid_token');
	});

	test('refuses an expired link with expired_token', async () => {
		const { token } = await registerAndRead('ann@example.com');
		server.clock.advance(24 * 3600_000);
		const answer = await server.api('/registrations/confirm', { token });
		expect(answer.status).toBe(410);
		expect(answer.body.code).toBe('expired_token');
	});

	test('refuses unknown and malformed tokens with invalid_token', async () => {
		for (const token of ['A'.repeat(43), 'short', 'has spaces in it and is long enough']) {
			const answer = await server.api('/registrations/confirm', { token });
			expect(answer.status, token).toBe(400);
			expect(answer.body.code, token).toBe('invalid_token');
		}
	});

	test('a resend replaces the link: the older one stops working', async () => {
		const first = await registerAndRead('ann@example.com');
		server.clock.advance(minutes(5));
		expect((await server.api('/registrations/resend', { email: 'ann@example.com', locale: 'en' })).status).toBe(202);
		await server.deliverMail();
		const second = secretsIn((await server.mailbox()).at(-1) ?? { text: '' });
		expect(second.token).not.toBe(first.token);
		expect((await server.api('/registrations/confirm', { token: first.token })).body.code).toBe('invalid_token');
		expect((await server.api('/registrations/confirm', { token: second.token })).status).toBe(200);
	});
});

describe('POST /registrations/confirm-code', () => {
	test('confirms with the emailed code (spaces allowed)', async () => {
		const { code, receipt } = await registerAndRead('ann@example.com');
		const spaced = `${code?.slice(0, 3)} ${code?.slice(3)}`;
		const answer = await server.api('/registrations/confirm-code', { email: 'ann@EXAMPLE.com', code: spaced });
		expect(answer.status).toBe(200);
		expect((await server.api('/registrations/status', { receipt })).body.status).toBe('confirmed');
	});

	test('allows five wrong codes, then only a new code helps', async () => {
		const { code } = await registerAndRead('ann@example.com');
		const wrong = code === '000000' ? '111111' : '000000';
		for (let attempt = 1; attempt <= 5; attempt++) {
			const answer = await server.api('/registrations/confirm-code', { email: 'ann@example.com', code: wrong });
			expect(answer.status).toBe(400);
			expect(answer.body).toMatchObject({ code: 'invalid_code', attemptsLeft: 5 - attempt });
		}
		const locked = await server.api('/registrations/confirm-code', { email: 'ann@example.com', code });
		expect(locked.status).toBe(403);
		expect(locked.body.code).toBe('too_many_attempts');
		// A resend (after the cooldown) issues a new code and unlocks the address.
		server.clock.advance(minutes(5));
		await server.api('/registrations/resend', { email: 'ann@example.com', locale: 'en' });
		await server.deliverMail();
		const fresh = secretsIn((await server.mailbox()).at(-1) ?? { text: '' });
		expect((await server.api('/registrations/confirm-code', { email: 'ann@example.com', code: fresh.code })).status).toBe(200);
	});

	test('answers the same for an unknown address until it locks, exactly like a pending one', async () => {
		const answers = [];
		for (let attempt = 1; attempt <= 6; attempt++) {
			answers.push((await server.api('/registrations/confirm-code', { email: 'nobody@example.com', code: '123456' })).body.code);
		}
		expect(answers).toEqual(['invalid_code', 'invalid_code', 'invalid_code', 'invalid_code', 'invalid_code', 'too_many_attempts']);
	});

	test('refuses an expired code with expired_token', async () => {
		const { code } = await registerAndRead('ann@example.com');
		server.clock.advance(24 * 3600_000 + 1);
		expect((await server.api('/registrations/confirm-code', { email: 'ann@example.com', code })).body.code).toBe('expired_token');
	});

	test('refuses a malformed code with invalid_code', async () => {
		const answer = await server.api('/registrations/confirm-code', { email: 'ann@example.com', code: '12ab56' });
		expect(answer.status).toBe(400);
		expect(answer.body.code).toBe('invalid_code');
	});
});

describe('POST /registrations/status', () => {
	test('reports pending, then expired when nobody confirms', async () => {
		const { receipt } = await registerAndRead('ann@example.com');
		expect((await server.api('/registrations/status', { receipt })).body).toEqual({ status: 'pending' });
		server.clock.advance(24 * 3600_000);
		expect((await server.api('/registrations/status', { receipt })).body).toEqual({ status: 'expired' });
	});

	test('never reveals that an address was already confirmed: such a receipt ages like an unconfirmed one', async () => {
		const owner = await registerAndRead('ann@example.com');
		await server.api('/registrations/confirm', { token: owner.token });
		const stranger = await register('ann@example.com', 'a different long passphrase');
		expect(stranger.status).toBe(202);
		const receipt = stranger.body.receipt as string;
		expect((await server.api('/registrations/status', { receipt })).body.status).toBe('pending');
		server.clock.advance(24 * 3600_000);
		expect((await server.api('/registrations/status', { receipt })).body.status).toBe('expired');
	});

	test('a receipt for a pending address follows that address’s confirmation', async () => {
		const first = await registerAndRead('ann@example.com');
		const second = await register('ann@example.com');
		await server.api('/registrations/confirm', { token: first.token });
		expect((await server.api('/registrations/status', { receipt: second.body.receipt })).body.status).toBe('confirmed');
	});

	test('refuses an unknown receipt with invalid_receipt (404)', async () => {
		const answer = await server.api('/registrations/status', { receipt: 'x'.repeat(43) });
		expect(answer.status).toBe(404);
		expect(answer.body.code).toBe('invalid_receipt');
	});
});

describe('POST /registrations/resend', () => {
	test('sends at most one email per address per cooldown, and always answers the same', async () => {
		await registerAndRead('ann@example.com');
		const resend = () => server.api('/registrations/resend', { email: 'ann@example.com', locale: 'en' });
		const early = await resend();
		expect(early.status).toBe(202);
		expect(early.body).toEqual({ status: 'accepted', resendAfterSeconds: 300 });
		await server.deliverMail();
		expect(await server.mailbox()).toHaveLength(1);
		server.clock.advance(minutes(5));
		expect((await resend()).body).toEqual(early.body);
		expect((await resend()).body).toEqual(early.body);
		await server.deliverMail();
		expect(await server.mailbox()).toHaveLength(2);
	});

	test('answers an unknown address exactly like a known one, and sends nothing', async () => {
		const unknown = await server.api('/registrations/resend', { email: 'nobody@example.com', locale: 'en' });
		expect(unknown.status).toBe(202);
		expect(unknown.body).toEqual({ status: 'accepted', resendAfterSeconds: 300 });
		expect(unknown.headers.get('retry-after')).toBeNull();
		await server.deliverMail();
		expect(await server.mailbox()).toHaveLength(0);
	});

	test('tells a confirmed owner who asks again that the account exists', async () => {
		const { token } = await registerAndRead('ann@example.com');
		await server.api('/registrations/confirm', { token });
		server.clock.advance(minutes(5));
		await server.api('/registrations/resend', { email: 'ann@example.com', locale: 'de' });
		await server.deliverMail();
		expect((await server.mailbox()).at(-1)?.subject).toBe('Acme Tracking: Sie haben bereits ein Konto');
	});

	test('a registration within the cooldown of a pending address sends nothing new', async () => {
		await registerAndRead('ann@example.com');
		await register('ann@example.com');
		await server.deliverMail();
		expect(await server.mailbox()).toHaveLength(1);
	});
});

describe('registering a confirmed address', () => {
	test('emails the owner that an account exists, with the login and recovery links', async () => {
		const { token } = await registerAndRead('ann@example.com');
		await server.api('/registrations/confirm', { token });
		server.clock.advance(minutes(5));
		expect((await register('ann@example.com', 'another long passphrase', 'fr')).status).toBe(202);
		await server.deliverMail();
		const mail = (await server.mailbox()).at(-1);
		expect(mail?.subject).toBe('Acme Tracking\u00a0: vous avez déjà un compte');
		expect(mail?.text).toContain('https://login.acme.test/');
		expect(mail?.text).toContain('https://help.acme.test/fr/password-recovery/');
		// The stranger's password did not replace the owner's.
		const hash = String(server.db.prepare('SELECT password_hash FROM accounts').get()?.['password_hash']);
		const { scryptHasher } = await import('../passwords/password-hash.ts');
		expect(await scryptHasher().verify(goodPassword, hash)).toBe(true);
	});

	test('a stranger cannot swap the password of a pending account while its confirmation is live', async () => {
		const { token } = await registerAndRead('ann@example.com');
		await register('ann@example.com', 'stranger chose this passphrase');
		await server.api('/registrations/confirm', { token });
		const hash = String(server.db.prepare('SELECT password_hash FROM accounts').get()?.['password_hash']);
		const { scryptHasher } = await import('../passwords/password-hash.ts');
		expect(await scryptHasher().verify(goodPassword, hash)).toBe(true);
	});
});
