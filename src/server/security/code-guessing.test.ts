/**
 * Code guessing: five wrong codes per cooldown lock an address until a resend, and at most 100
 * wrong codes in all (NIST SP 800-63B) until a new registration attempt — resends no longer unlock
 * guessing for ever.
 */
import { afterEach, beforeEach, expect, test } from 'vitest';

import { goodPassword, secretsIn, startTestServer, type TestServer } from '../../../test-support/server/test-server.ts';
import { maxCodeFailuresTotal } from '../backends/local/context.ts';

let server: TestServer;
beforeEach(async () => {
	server = await startTestServer();
});
afterEach(async () => {
	await server.close();
});

const minutes = (count: number) => count * 60_000;
const email = 'ann@example.com';
const resend = () => server.api('/registrations/resend', { email, locale: 'en' });
const tryCode = (code: string) => server.api('/registrations/confirm-code', { email, code });
async function newestCode(): Promise<string> {
	await server.deliverMail();
	return secretsIn((await server.mailbox()).at(-1) ?? { text: '' }).code ?? '';
}

test(`after ${maxCodeFailuresTotal} wrong codes in all, a resend no longer unlocks guessing; a new registration does`, async () => {
	expect(maxCodeFailuresTotal).toBe(100);
	await server.api('/registrations', { email, password: goodPassword, locale: 'en' });
	let wrong = 0;
	while (wrong < maxCodeFailuresTotal) {
		server.clock.advance(minutes(5));
		await resend();
		const code = await newestCode();
		const guess = code === '000000' ? '111111' : '000000';
		for (let attempt = 0; attempt < 5; attempt++, wrong++) expect((await tryCode(guess)).body.code).toBe('invalid_code');
		expect((await tryCode(guess)).body.code).toBe('too_many_attempts');
	}
	server.clock.advance(minutes(5));
	await resend();
	const fresh = await newestCode();
	expect((await tryCode(fresh)).body.code).toBe('too_many_attempts');
	// A registration past the cooldown is a new attempt, with a new count (and the link always works).
	server.clock.advance(minutes(5));
	await server.api('/registrations', { email, password: goodPassword, locale: 'en' });
	expect((await tryCode(await newestCode())).status).toBe(200);
}, 60_000);
