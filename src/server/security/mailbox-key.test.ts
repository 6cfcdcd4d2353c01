/**
 * Limits keyed on the real mailbox: case variants of the local part and IDN forms of the domain
 * reach one mailbox, so they share one cooldown, one wrong-code lock and one account — while each
 * email still goes to the address as it was typed.
 */
import { afterEach, beforeEach, expect, test } from 'vitest';

import { goodPassword, startTestServer, type TestServer } from '../../../test-support/server/test-server.ts';
import { mailboxKey } from '../backends/local/mailbox.ts';

let server: TestServer;
beforeEach(async () => {
	server = await startTestServer();
});
afterEach(async () => {
	await server.close();
});

const minutes = (count: number) => count * 60_000;

test('the mailbox key folds the local part’s case and brings the domain to its IDNA form', () => {
	expect(mailboxKey('Ann.Lee@Example.COM')).toBe('ann.lee@example.com');
	expect(mailboxKey('ann@bücher.example')).toBe('ann@xn--bcher-kva.example');
	expect(mailboxKey('ANN@XN--BCHER-KVA.example')).toBe('ann@xn--bcher-kva.example');
	expect(mailboxKey('Ünal@example.com')).toBe('ünal@example.com');
});

test('case and IDN variants share one cooldown: one email per mailbox, not one per spelling', async () => {
	await server.api('/registrations', { email: 'ann@bücher.example', password: goodPassword, locale: 'en' });
	server.clock.advance(minutes(5));
	for (const email of ['ANN@bücher.example', 'Ann@xn--bcher-kva.example', 'ann@BÜCHER.example', 'aNn@bücher.example']) {
		expect((await server.api('/registrations/resend', { email, locale: 'en' })).status).toBe(202);
		expect((await server.api('/password-resets', { email, locale: 'en' })).status).toBe(202);
	}
	await server.deliverMail();
	const sent = await server.mailbox();
	// The registration's confirmation, one resend, one reset request (the account is pending, so a reset link).
	expect(sent).toHaveLength(3);
	// Each went to the address as typed.
	expect(sent.map((mail) => mail.to)).toEqual(['ann@bücher.example', 'ANN@bücher.example', 'ANN@bücher.example']);
});

test('wrong codes count against the mailbox, whatever the spelling', async () => {
	await server.api('/registrations', { email: 'ann@example.com', password: goodPassword, locale: 'en' });
	const spellings = ['ann@example.com', 'Ann@example.com', 'ANN@example.com', 'aNN@example.com', 'anN@example.com'];
	for (const email of spellings) {
		expect((await server.api('/registrations/confirm-code', { email, code: '000000' })).body.code).toMatch(/invalid_code|expired_token/);
	}
	expect((await server.api('/registrations/confirm-code', { email: 'AnN@example.com', code: '000000' })).body.code).toBe('too_many_attempts');
});

test('a registration in another spelling is the same account; a reset reaches it', async () => {
	await server.api('/registrations', { email: 'Ann@Example.com', password: goodPassword, locale: 'en' });
	server.clock.advance(minutes(5));
	await server.api('/password-resets', { email: 'ann@example.com', locale: 'en' });
	await server.deliverMail();
	expect((await server.db.get('SELECT COUNT(*) AS n FROM accounts'))).toEqual({ n: 1 });
	expect((await server.mailbox()).at(-1)?.subject).toMatch(/password/i);
});
