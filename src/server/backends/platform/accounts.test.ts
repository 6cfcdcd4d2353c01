/**
 * The test that matters for the contract backend: an account someone can sign in with. The help
 * center registers, confirms and resets; the reference platform (real HTTP, signed calls) holds the
 * account, and its own sign-in says who can get in.
 */
import { afterEach, describe, expect, test } from 'vitest';

import { startPlatformTestServer, type PlatformTestServer } from '../../../../test-support/platform/platform-signup-server.ts';
import { goodPassword, secretsIn } from '../../../../test-support/server/test-server.ts';
import { startReferencePlatform } from '../../../../test-support/platform/reference-platform-server.ts';
import { newWebhookSecret } from '../../../platform-contract/signing.ts';
import { contractPlatform } from './contract-platform.ts';

const otherPassword = 'another long enough passphrase';

describe('the contract backend: accounts on the provider’s platform', () => {
	let running: PlatformTestServer;
	afterEach(async () => {
		await running.close();
	});

	/** The newest email of a kind sent to `email`, with its link's token and its code. */
	async function lastMail(email: string, kind: string) {
		await running.server.deliverMail();
		const rows = (await running.server.db.all<{ kind: string; text: string }>(
			'SELECT o.kind, m.text FROM dev_mailbox m JOIN outbox o ON o.id = m.outbox_id WHERE m.recipient = ? ORDER BY m.id',
			email,
		)).filter((row) => row.kind === kind);
		const last = rows.at(-1);
		if (!last) throw new Error(`no ${kind} email to ${email}`);
		return secretsIn(last);
	}

	const register = (email: string, password = goodPassword) => running.server.api('/registrations', { email, password, locale: 'fr' });

	test('after registering, signing in to the platform fails until the link is followed, then succeeds', async () => {
		running = await startPlatformTestServer();
		expect((await register('ann@example.com')).status).toBe(202);
		expect(running.platform.users()).toEqual([{ email: 'ann@example.com', active: false }]);
		expect(await running.platform.signIn('ann@example.com', goodPassword)).toBe(false);
		const { token } = await lastMail('ann@example.com', 'confirm');
		expect((await running.server.api('/registrations/confirm', { token })).status).toBe(200);
		expect(await running.platform.signIn('ann@example.com', goodPassword)).toBe(true);
		expect(await running.platform.signIn('ann@example.com', otherPassword)).toBe(false);
	});

	test('confirming with the emailed code activates the platform user too', async () => {
		running = await startPlatformTestServer();
		await register('bea@example.com');
		const { code } = await lastMail('bea@example.com', 'confirm');
		expect((await running.server.api('/registrations/confirm-code', { email: 'bea@example.com', code })).status).toBe(200);
		expect(await running.platform.signIn('bea@example.com', goodPassword)).toBe(true);
	});

	test('after a reset through the help center, the new password signs in and the old one does not', async () => {
		running = await startPlatformTestServer();
		await register('cem@example.com');
		await running.server.api('/registrations/confirm', { token: (await lastMail('cem@example.com', 'confirm')).token });
		expect((await running.server.api('/password-resets', { email: 'cem@example.com', locale: 'en' })).status).toBe(202);
		const { token } = await lastMail('cem@example.com', 'reset');
		expect((await running.server.api('/password-resets/complete', { token, newPassword: otherPassword })).status).toBe(200);
		expect(await running.platform.signIn('cem@example.com', otherPassword)).toBe(true);
		expect(await running.platform.signIn('cem@example.com', goodPassword)).toBe(false);
	});

	test('a stranger’s later registration: the owner’s link activates nothing, and the stranger’s password does not sign in', async () => {
		running = await startPlatformTestServer();
		await register('dan@example.com');
		const { token } = await lastMail('dan@example.com', 'confirm');
		await register('dan@example.com', otherPassword);
		expect((await running.server.api('/registrations/confirm', { token })).body.code).toBe('invalid_token');
		expect(running.platform.users()).toEqual([{ email: 'dan@example.com', active: false }]);
		expect(await running.platform.signIn('dan@example.com', otherPassword)).toBe(false);
		expect(await running.platform.signIn('dan@example.com', goodPassword)).toBe(false);
	});

	test('a confirmed owner’s password is untouched by a new registration of the address', async () => {
		running = await startPlatformTestServer();
		await register('eva@example.com');
		await running.server.api('/registrations/confirm', { token: (await lastMail('eva@example.com', 'confirm')).token });
		running.server.clock.advance(5 * 60_000);
		expect((await register('eva@example.com', otherPassword)).status).toBe(202);
		expect(await running.platform.signIn('eva@example.com', goodPassword)).toBe(true);
		expect(await running.platform.signIn('eva@example.com', otherPassword)).toBe(false);
	});

	test('the help center keeps the platform’s user id and never the password, nor a hash of it', async () => {
		running = await startPlatformTestServer();
		await register('fay@example.com');
		const [account] = await running.server.db.all<{ password_hash: string; platform_user_id: string }>('SELECT password_hash, platform_user_id FROM accounts');
		expect(account).toEqual({ password_hash: '', platform_user_id: expect.stringMatching(/^usr_/) });
		expect(await running.server.db.all<{ password_hash: string }>('SELECT password_hash FROM confirmations')).toEqual([{ password_hash: '' }]);
	});

	test('a platform that is down: the registration answers upstream_unavailable and records nothing', async () => {
		const { server, platform } = await startPlatformTestServer();
		await platform.close();
		running = { server, platform, close: () => server.close() };
		const answer = await register('gus@example.com');
		expect(answer.status).toBe(503);
		expect(answer.body.code).toBe('upstream_unavailable');
		expect(answer.headers.get('retry-after')).toBe('60');
		expect(await running.server.db.all('SELECT id FROM accounts')).toEqual([]);
		expect((await running.server.api('/health')).body.checks).toContainEqual({ name: 'platform', status: 'degraded' });
	});

	test('a platform that refuses the secret: registration_unavailable and a degraded health check, nothing created', async () => {
		running = await startPlatformTestServer();
		const wrong = await startPlatformTestServer({ config: { platform: { url: running.platform.url, secret: newWebhookSecret(), timeoutMs: 3000 } } });
		try {
			const answer = await wrong.server.api('/registrations', { email: 'hal@example.com', password: goodPassword, locale: 'en' });
			expect(answer.status).toBe(503);
			expect(answer.body.code).toBe('registration_unavailable');
			expect((await wrong.server.api('/health')).body.checks).toContainEqual({ name: 'platform', status: 'degraded' });
			expect(running.platform.users()).toEqual([]);
		} finally {
			await wrong.close();
		}
	});
});

describe('the contract backend’s start-up check', () => {
	test('passes with the right secret, says when the platform refuses new users, stops on a refused secret, not on an outage', async () => {
		const platform = await startReferencePlatform({ settings: { registrationAllowed: false, name: 'Acme Fleet' } });
		try {
			const check = (secret: string, url = platform.url) => contractPlatform({ config: { url, secret, timeoutMs: 1000 }, selfRegistration: true, retryDelayMs: 1 }).startupCheck?.();
			const good = await check(platform.secret);
			expect(good).toMatchObject({ fatal: false, text: expect.stringContaining('Acme Fleet, signed calls accepted') });
			expect(good?.text).toMatch(/does not accept new users \(registrationAllowed: false\)/);
			expect(await check(newWebhookSecret())).toMatchObject({ fatal: true, text: expect.stringMatching(/\[unauthorized\]: PLATFORM_SECRET must be the secret the platform verifies with/) });
			expect(await check(platform.secret, 'http://127.0.0.1:9')).toMatchObject({ fatal: false, text: expect.stringMatching(/\[unreachable\]/) });
		} finally {
			await platform.close();
		}
	});

	test('says when the platform names another login page than the one readers are sent to', async () => {
		const platform = await startReferencePlatform({ settings: { loginUrl: 'https://platform.acme.test/login' } });
		try {
			const check = (loginUrl: string) =>
				contractPlatform({ config: { url: platform.url, secret: platform.secret, timeoutMs: 1000 }, selfRegistration: true, loginUrl, retryDelayMs: 1 }).startupCheck?.();
			const other = await check('https://track.acme.test/');
			expect(other).toMatchObject({ fatal: false });
			expect(other?.text).toContain("The platform's login page is https://platform.acme.test/login, but the help center sends readers to https://track.acme.test/");
			expect(other?.text).toMatch(/set the profile's loginUrl \(or PROVIDER_LOGIN_URL\) to the platform's/);
			// The same page, written another way (host case), is the same page.
			expect((await check('https://PLATFORM.acme.test/login'))?.text).not.toContain('login page');
		} finally {
			await platform.close();
		}
	});
});
