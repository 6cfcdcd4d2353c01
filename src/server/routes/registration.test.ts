/**
 * Registration details of the built-in backend: what it stores and what its emails say. The
 * behaviour every backend shares (answers, receipts, cooldowns, enumeration rules) is in the shared
 * suite, `testing/signup-api-suite.ts`, run by `signup-api.test.ts`.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';

import { ProblemSchema } from '../../signup/contract.ts';
import { goodPassword, secretsIn, startTestServer, type TestServer } from '../../../test-support/server/test-server.ts';

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

describe('POST /registrations (built-in backend)', () => {
	test('answers with a 256-bit receipt and emails a link to the help center and a code', async () => {
		const answer = await register('ann@example.com');
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
		const account = (await server.db.get('SELECT * FROM accounts'));
		expect(account?.['confirmed_at']).toBeNull();
		expect(String(account?.['password_hash'])).toMatch(/^scrypt\$ln=10,r=8,p=1\$/);
		const dump = JSON.stringify((await server.db.all('SELECT * FROM confirmations')), (_key, value: unknown) =>
			value instanceof Uint8Array ? Buffer.from(value).toString('hex') : value,
		);
		expect(dump).not.toContain(token);
		expect(dump).not.toContain(code);
		// Once sent, the outbox forgets the link too.
		expect((await server.db.get('SELECT payload FROM outbox'))?.['payload']).toBeNull();
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

	test('refuses passwords that contain the address or are common (the NIST policy)', async () => {
		const answer = await register('ann@example.com', 'ann@example.com is me');
		expect(answer.status).toBe(422);
		expect(ProblemSchema.parse(answer.body)).toMatchObject({ code: 'weak_password', rules: ['contains_email'] });
		expect((await register('bob@example.com', 'short')).body.rules).toEqual(['min_length']);
		expect((await register('bob@example.com', 'passwordpassword2024!')).body.rules).toEqual(['common']);
		expect((await server.db.get('SELECT COUNT(*) AS n FROM accounts'))?.['n']).toBe(0);
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

describe('“account exists” emails (built-in backend)', () => {
	test('registering a confirmed address emails the owner the login and recovery links, in the asked locale', async () => {
		const { token } = await registerAndRead('ann@example.com');
		await server.api('/registrations/confirm', { token });
		server.clock.advance(minutes(5));
		expect((await register('ann@example.com', 'another long passphrase', 'fr')).status).toBe(202);
		await server.deliverMail();
		const mail = (await server.mailbox()).at(-1);
		expect(mail?.subject).toBe('Acme Tracking\u00a0: vous avez déjà un compte');
		expect(mail?.text).toContain('https://login.acme.test/');
		expect(mail?.text).toContain('https://help.acme.test/fr/password-recovery/');
	});

	test('a confirmed owner who presses “resend” gets it in the asked locale', async () => {
		const { token } = await registerAndRead('ann@example.com');
		await server.api('/registrations/confirm', { token });
		server.clock.advance(minutes(5));
		await server.api('/registrations/resend', { email: 'ann@example.com', locale: 'de' });
		await server.deliverMail();
		expect((await server.mailbox()).at(-1)?.subject).toBe('Acme Tracking: Sie haben bereits ein Konto');
	});
});
