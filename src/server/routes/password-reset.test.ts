/**
 * Password-reset details of the built-in backend: its emails, its stored hash, its link lifetime.
 * The behaviour every backend that offers resets shares is in `testing/signup-api-suite.ts`.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';

import { scryptHasher } from '../passwords/password-hash.ts';
import { goodPassword, secretsIn, startTestServer, type TestServer } from '../../../test-support/server/test-server.ts';

let server: TestServer;
beforeEach(async () => {
	server = await startTestServer();
	await server.api('/registrations', { email: 'ann@example.com', password: goodPassword, locale: 'en' });
	await server.deliverMail();
	const { token } = secretsIn((await server.mailbox())[0] ?? { text: '' });
	await server.api('/registrations/confirm', { token });
});
afterEach(async () => {
	await server.close();
});

const requestReset = (email = 'ann@example.com', locale = 'en') => server.api('/password-resets', { email, locale });
const complete = (token: string | undefined, newPassword: string) => server.api('/password-resets/complete', { token, newPassword });

/** Asks for a reset and returns the token from its email. */
async function resetToken(locale = 'en'): Promise<string | undefined> {
	expect((await requestReset('ann@example.com', locale)).status).toBe(202);
	await server.deliverMail();
	return secretsIn((await server.mailbox()).at(-1) ?? { text: '' }).token;
}

async function storedHash(): Promise<string> {
	return String((await server.db.get('SELECT password_hash FROM accounts'))?.['password_hash']);
}

describe('password resets (built-in backend)', () => {
	test('emails a reset link to the help center’s reset page, in the asked locale', async () => {
		await resetToken('it');
		const mail = (await server.mailbox()).at(-1);
		expect(mail?.subject).toBe('Acme Tracking: scelga una nuova password');
		expect(mail?.text).toMatch(/https:\/\/help\.acme\.test\/it\/reset-password\/#token=[\w-]{43}/);
		expect(mail?.text).toContain('1 ora');
	});

	test('stores the new password as a scrypt hash and sends a “password changed” notice', async () => {
		const token = await resetToken();
		expect((await complete(token, 'a brand new passphrase')).status).toBe(200);
		expect(await scryptHasher().verify('a brand new passphrase', await storedHash())).toBe(true);
		await server.deliverMail();
		expect((await server.mailbox()).at(-1)?.subject).toBe('Acme Tracking: your password was changed');
	});

	test('refuses a link older than an hour with expired_token', async () => {
		const token = await resetToken();
		server.clock.advance(3600_000);
		const answer = await complete(token, 'a brand new passphrase');
		expect(answer.status).toBe(410);
		expect(answer.body.code).toBe('expired_token');
	});

	test('refuses a new password that contains the address (the NIST policy)', async () => {
		const token = await resetToken();
		const weak = await complete(token, 'ann@example.com forever');
		expect(weak.status).toBe(422);
		expect(weak.body).toMatchObject({ code: 'weak_password', rules: ['contains_email'] });
	});
});
