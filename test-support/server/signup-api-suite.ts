/**
 * Test support: the sign-up API's behaviour over HTTP, as one suite that every backend runs
 * (`describeSignupApi(factory)`). A test of something a backend does not offer is skipped, with the
 * reason: a contract feature that its `/settings` turns off, or a {@link BackendTraits} entry. Tests
 * that look inside one backend (its database, its email wording) stay in that backend's own files.
 */
import { afterEach, beforeEach, describe, expect, test, type TestContext } from 'vitest';

import { RegisterAnswerSchema, SettingsSchema, type Settings } from '../../src/signup/contract.ts';
import type { BackendTraits, SentMail, SignupServerFactory, SignupTestServer } from './signup-server.ts';

/** Declares the suite for one backend. */
export function describeSignupApi(factory: SignupServerFactory): void {
	describe(`the sign-up API on the ${factory.name} backend`, () => {
		let server: SignupTestServer;
		beforeEach(async () => {
			server = await factory.start();
		});
		afterEach(async () => {
			await server.close();
		});

		const register = (email: string, password = server.goodPassword, locale = 'en') => server.api('/registrations', { email, password, locale });
		const resend = (email: string, locale = 'en') => server.api('/registrations/resend', { email, locale });
		const status = async (receipt: unknown) => (await server.api('/registrations/status', { receipt })).body.status as string;
		const settings = async () => SettingsSchema.parse((await server.api('/settings')).body) as Settings;
		const minutes = (count: number) => count * 60_000;

		/** Skips the test unless `/settings` publishes the feature. */
		async function requireFeature(context: TestContext, feature: keyof Settings['features']): Promise<void> {
			const on = (await settings()).features[feature];
			context.skip(!on, `the ${factory.name} backend publishes features.${feature} = false`);
		}

		/** Skips the test unless the backend has the trait. */
		function requireTrait(context: TestContext, trait: keyof BackendTraits): void {
			const value = factory.traits[trait];
			if (value !== true) context.skip(`${factory.name}: ${value.lacking}`);
		}

		/** The confirmation emails sent to `email`. */
		async function confirmations(email: string): Promise<SentMail[]> {
			return (await server.mailTo(email)).filter((mail) => mail.kind === 'confirm');
		}

		/** Registers and returns the receipt and the newest confirmation email's secrets. */
		async function registerAndRead(email: string, password?: string) {
			const answer = await register(email, password);
			expect(answer.status).toBe(202);
			const last = (await confirmations(email)).at(-1);
			if (!last) throw new Error(`no confirmation email for ${email}`);
			return { receipt: answer.body.receipt as string, token: last.token, code: last.code };
		}

		/** Registers and confirms through the API, with the link from the email. */
		async function confirmedAccount(email: string) {
			const { token } = await registerAndRead(email);
			expect((await server.api('/registrations/confirm', { token })).status).toBe(200);
		}

		describe('GET /settings', () => {
			test('publishes settings the contract accepts, with a five-minute resend cooldown', async () => {
				const answer = await server.api('/settings');
				expect(answer.status).toBe(200);
				const published = SettingsSchema.parse(answer.body);
				expect(published.resendCooldownSeconds).toBe(300);
				expect(published.selfRegistration).toBe(true);
				expect(published.features.registrationStatus).toBe(true);
				expect(new URL(published.loginUrl).protocol).toMatch(/^https?:$/);
			});
		});

		describe('POST /registrations', () => {
			test('answers 202 with a receipt and sends a confirmation email with a link', async () => {
				const answer = await register('ann@example.com');
				expect(answer.status).toBe(202);
				const { resendCooldownSeconds, features } = await settings();
				expect(RegisterAnswerSchema.parse(answer.body)).toEqual({ receipt: expect.any(String), status: 'pending', resendAfterSeconds: resendCooldownSeconds });
				expect(answer.body.receipt).toMatch(/^[\w-]{22,128}$/);
				const mails = await confirmations('ann@example.com');
				expect(mails).toHaveLength(1);
				expect(mails[0]?.token).toMatch(/^[\w-]{22,128}$/);
				// A code comes with the link only where the backend offers code confirmation.
				expect(mails[0]?.code !== undefined).toBe(features.confirmationCode);
			});

			test('normalizes the address: trimmed, NFC, domain lower-cased, local part kept', async () => {
				await register('  Ann@EXAMPLE.Com ');
				await register('Ann@example.com');
				expect(await server.accounts()).toEqual(['Ann@example.com']);
			});

			test('rejects a weak password with the rules it broke, before creating anything', async () => {
				const answer = await register('ann@example.com', 'short');
				expect(answer.status).toBe(422);
				expect(answer.headers.get('content-type')).toBe('application/problem+json');
				expect(answer.body.code).toBe('weak_password');
				expect(answer.body.rules).toContain('min_length');
				expect(await server.accounts()).toEqual([]);
			});

			test('rejects an invalid address with invalid_email', async () => {
				for (const email of ['not-an-email', 'a@b', 'a@localhost', `${'x'.repeat(250)}@example.com`, 'ann@exa mple.com', 'ann\u0000@example.com']) {
					const answer = await register(email);
					expect(answer.status, email).toBe(422);
					expect(answer.body.code, email).toBe('invalid_email');
				}
			});

			test('answers registration_disabled when the provider turned self-registration off', async () => {
				const closed = await factory.start({ selfRegistration: false });
				try {
					const answer = await closed.api('/registrations', { email: 'ann@example.com', password: closed.goodPassword, locale: 'en' });
					expect(answer.status).toBe(403);
					expect(answer.body.code).toBe('registration_disabled');
					expect((await closed.api('/settings')).body.selfRegistration).toBe(false);
					expect(await closed.accounts()).toEqual([]);
				} finally {
					await closed.close();
				}
			});
		});

		describe('POST /registrations/confirm', () => {
			test('confirms once; the link is dead afterwards', async () => {
				const { token, receipt } = await registerAndRead('ann@example.com');
				const confirmed = await server.api('/registrations/confirm', { token });
				expect(confirmed.status).toBe(200);
				expect(confirmed.body).toEqual({ status: 'confirmed', loginUrl: (await settings()).loginUrl });
				expect(await status(receipt)).toBe('confirmed');
				const again = await server.api('/registrations/confirm', { token });
				expect(again.status).toBe(400);
				expect(again.body.code).toBe('invalid_token');
			});

			test('refuses an expired link with expired_token', async (context) => {
				requireTrait(context, 'linkExpiry');
				const { token } = await registerAndRead('ann@example.com');
				server.clock.advance((await settings()).confirmationTtlSeconds * 1000);
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

			test('a resend replaces the link: the older one stops working', async (context) => {
				requireTrait(context, 'linkReplacement');
				const first = await registerAndRead('ann@example.com');
				server.clock.advance(minutes(5));
				expect((await resend('ann@example.com')).status).toBe(202);
				const second = (await confirmations('ann@example.com')).at(-1);
				expect(second?.token).not.toBe(first.token);
				expect((await server.api('/registrations/confirm', { token: first.token })).body.code).toBe('invalid_token');
				expect((await server.api('/registrations/confirm', { token: second?.token })).status).toBe(200);
			});
		});

		describe('POST /registrations/confirm-code', () => {
			test('confirms with the emailed code (spaces allowed)', async (context) => {
				await requireFeature(context, 'confirmationCode');
				const { code, receipt } = await registerAndRead('ann@example.com');
				const spaced = `${code?.slice(0, 3)} ${code?.slice(3)}`;
				const answer = await server.api('/registrations/confirm-code', { email: 'ann@EXAMPLE.com', code: spaced });
				expect(answer.status).toBe(200);
				expect(await status(receipt)).toBe('confirmed');
			});

			test('allows five wrong codes, then only a new code helps', async (context) => {
				await requireFeature(context, 'confirmationCode');
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
				await resend('ann@example.com');
				const fresh = (await confirmations('ann@example.com')).at(-1);
				expect((await server.api('/registrations/confirm-code', { email: 'ann@example.com', code: fresh?.code })).status).toBe(200);
			});

			test('refuses an expired code with expired_token', async (context) => {
				await requireFeature(context, 'confirmationCode');
				const { code } = await registerAndRead('ann@example.com');
				server.clock.advance((await settings()).confirmationTtlSeconds * 1000 + 1);
				expect((await server.api('/registrations/confirm-code', { email: 'ann@example.com', code })).body.code).toBe('expired_token');
			});

			test('refuses a malformed code with invalid_code', async () => {
				const answer = await server.api('/registrations/confirm-code', { email: 'ann@example.com', code: '12ab56' });
				expect(answer.status).toBe(400);
				expect(answer.body.code).toBe('invalid_code');
			});

			test('answers not_found where the backend offers no code confirmation', async (context) => {
				const { features } = await settings();
				context.skip(features.confirmationCode, `the ${factory.name} backend offers code confirmation`);
				await register('ann@example.com');
				const answer = await server.api('/registrations/confirm-code', { email: 'ann@example.com', code: '123456' });
				expect(answer.status).toBe(404);
				expect(answer.body.code).toBe('not_found');
			});
		});

		describe('POST /registrations/status', () => {
			test('reports pending, then expired when nobody confirms', async () => {
				const { receipt } = await registerAndRead('ann@example.com');
				expect((await server.api('/registrations/status', { receipt })).body).toMatchObject({ status: 'pending' });
				server.clock.advance((await settings()).confirmationTtlSeconds * 1000);
				expect((await server.api('/registrations/status', { receipt })).body).toMatchObject({ status: 'expired' });
			});

			test('never reveals that an address was already confirmed: such a receipt ages like an unconfirmed one', async () => {
				await confirmedAccount('ann@example.com');
				const stranger = await register('ann@example.com', server.otherPassword);
				expect(stranger.status).toBe(202);
				const receipt = stranger.body.receipt as string;
				expect(await status(receipt)).toBe('pending');
				server.clock.advance((await settings()).confirmationTtlSeconds * 1000);
				expect(await status(receipt)).toBe('expired');
			});

			test('a receipt for a pending address follows the confirmation of its own attempt', async () => {
				await registerAndRead('ann@example.com');
				const second = await register('ann@example.com');
				// Within the cooldown the second attempt is not mailed; a resend after it mails its link.
				server.clock.advance(minutes(5));
				await resend('ann@example.com');
				const latest = (await confirmations('ann@example.com')).at(-1);
				expect((await server.api('/registrations/confirm', { token: latest?.token })).status).toBe(200);
				expect(await status(second.body.receipt)).toBe('confirmed');
			});

			test('refuses an unknown receipt with invalid_receipt (404)', async () => {
				for (const receipt of ['x'.repeat(43), 'y'.repeat(128), 'short']) {
					const answer = await server.api('/registrations/status', { receipt });
					expect(answer.status, receipt).toBe(404);
					expect(answer.body.code, receipt).toBe('invalid_receipt');
				}
			});
		});

		describe('POST /registrations/change-address', () => {
			test('is not_found (404) where the backend publishes features.addressChange = false', async (context) => {
				const on = (await settings()).features.addressChange;
				context.skip(on, `the ${factory.name} backend publishes features.addressChange = true`);
				const { receipt } = await registerAndRead('ann@example.com');
				const answer = await server.api('/registrations/change-address', { receipt, email: 'ann@example.org', locale: 'en' });
				expect(answer.status).toBe(404);
				expect(answer.body.code).toBe('not_found');
			});

			test('moves a pending registration where the backend offers it: the receipt follows, the old link dies', async (context) => {
				await requireFeature(context, 'addressChange');
				const { receipt, token } = await registerAndRead('ann@example.com');
				const answer = await server.api('/registrations/change-address', { receipt, email: 'ann@example.org', locale: 'en' });
				expect(answer.status).toBe(202);
				expect(answer.body).toEqual({ status: 'pending', resendAfterSeconds: (await settings()).resendCooldownSeconds });
				expect((await server.api('/registrations/confirm', { token })).body.code).toBe('invalid_token');
				const moved = (await confirmations('ann@example.org')).at(-1);
				expect((await server.api('/registrations/confirm', { token: moved?.token })).status).toBe(200);
				expect(await status(receipt)).toBe('confirmed');
			});
		});

		describe('POST /registrations/resend', () => {
			test('sends at most one email per address per cooldown, and always answers the same', async () => {
				await registerAndRead('ann@example.com');
				const early = await resend('ann@example.com');
				expect(early.status).toBe(202);
				expect(early.body).toEqual({ status: 'accepted', resendAfterSeconds: 300 });
				expect(early.headers.get('retry-after')).toBeNull();
				expect(await confirmations('ann@example.com')).toHaveLength(1);
				server.clock.advance(minutes(5));
				expect((await resend('ann@example.com')).body).toEqual(early.body);
				expect((await resend('ann@example.com')).body).toEqual(early.body);
				expect(await confirmations('ann@example.com')).toHaveLength(2);
			});

			test('answers an unknown address exactly like a known one, and sends nothing', async () => {
				const unknown = await resend('nobody@example.com');
				expect(unknown.status).toBe(202);
				expect(unknown.body).toEqual({ status: 'accepted', resendAfterSeconds: 300 });
				expect(unknown.headers.get('retry-after')).toBeNull();
				expect(await server.mailTo('nobody@example.com')).toEqual([]);
			});

			test('answers a confirmed address like any other', async () => {
				await confirmedAccount('ann@example.com');
				server.clock.advance(minutes(5));
				const answer = await resend('ann@example.com');
				expect(answer.status).toBe(202);
				expect(answer.body).toEqual({ status: 'accepted', resendAfterSeconds: 300 });
				expect(await confirmations('ann@example.com')).toHaveLength(1);
			});

			test('tells a confirmed owner who asks again that the account exists', async (context) => {
				requireTrait(context, 'existsNotice');
				await confirmedAccount('ann@example.com');
				server.clock.advance(minutes(5));
				await resend('ann@example.com', 'de');
				expect((await server.mailTo('ann@example.com')).at(-1)?.kind).toBe('exists');
			});

			test('a registration within the cooldown of a pending address sends nothing new', async () => {
				await registerAndRead('ann@example.com');
				await register('ann@example.com');
				expect(await server.mailTo('ann@example.com')).toHaveLength(1);
			});
		});

		describe('registering a known address', () => {
			test('emails a confirmed owner that an account exists', async (context) => {
				requireTrait(context, 'existsNotice');
				await confirmedAccount('ann@example.com');
				server.clock.advance(minutes(5));
				expect((await register('ann@example.com', server.otherPassword, 'fr')).status).toBe(202);
				expect((await server.mailTo('ann@example.com')).at(-1)?.kind).toBe('exists');
			});

			test('a confirmed owner keeps the password when someone registers the address again', async () => {
				await confirmedAccount('ann@example.com');
				server.clock.advance(minutes(5));
				expect((await register('ann@example.com', server.otherPassword)).status).toBe(202);
				expect(await server.passwordMatches('ann@example.com', server.goodPassword)).toBe(true);
				expect(await server.accounts()).toEqual(['ann@example.com']);
			});

			test('a stranger’s later registration never makes the owner’s link activate the stranger’s password', async () => {
				const { token } = await registerAndRead('ann@example.com');
				await register('ann@example.com', server.otherPassword);
				await server.api('/registrations/confirm', { token });
				expect(await server.passwordMatches('ann@example.com', server.goodPassword)).toBe(true);
			});
		});

		describe('password resets', () => {
			const requestReset = (email = 'ann@example.com') => server.api('/password-resets', { email, locale: 'en' });
			const complete = (token: string | undefined, newPassword: string) => server.api('/password-resets/complete', { token, newPassword });
			const resets = async (email = 'ann@example.com') => (await server.mailTo(email)).filter((mail) => mail.kind === 'reset');

			test('answers an unknown address exactly like a known one, and emails only the known one', async (context) => {
				await requireFeature(context, 'passwordReset');
				await confirmedAccount('ann@example.com');
				const known = await requestReset();
				const unknown = await requestReset('nobody@example.com');
				expect(unknown.status).toBe(known.status);
				expect(unknown.body).toEqual(known.body);
				expect(unknown.body).toEqual({ status: 'accepted', resendAfterSeconds: 300 });
				expect(await resets()).toHaveLength(1);
				expect(await server.mailTo('nobody@example.com')).toEqual([]);
			});

			test('sends at most one reset email per cooldown', async (context) => {
				await requireFeature(context, 'passwordReset');
				await confirmedAccount('ann@example.com');
				await requestReset();
				await requestReset();
				expect(await resets()).toHaveLength(1);
				server.clock.advance(minutes(5));
				await requestReset();
				expect(await resets()).toHaveLength(2);
			});

			test('sets the new password and kills the token', async (context) => {
				await requireFeature(context, 'passwordReset');
				await confirmedAccount('ann@example.com');
				await requestReset();
				const token = (await resets()).at(-1)?.token;
				const answer = await complete(token, server.otherPassword);
				expect(answer.status).toBe(200);
				expect(answer.body).toEqual({ status: 'password_changed', loginUrl: (await settings()).loginUrl });
				expect(await server.passwordMatches('ann@example.com', server.otherPassword)).toBe(true);
				const reused = await complete(token, server.goodPassword);
				expect(reused.status).toBe(400);
				expect(reused.body.code).toBe('invalid_token');
			});

			test('a newer reset link invalidates the older one', async (context) => {
				await requireFeature(context, 'passwordReset');
				await confirmedAccount('ann@example.com');
				await requestReset();
				const older = (await resets()).at(-1)?.token;
				server.clock.advance(minutes(5));
				await requestReset();
				const newer = (await resets()).at(-1)?.token;
				expect(newer).not.toBe(older);
				expect((await complete(older, server.otherPassword)).body.code).toBe('invalid_token');
				expect((await complete(newer, server.otherPassword)).status).toBe(200);
			});

			test('refuses a weak password and keeps the token usable', async (context) => {
				await requireFeature(context, 'passwordReset');
				await confirmedAccount('ann@example.com');
				await requestReset();
				const token = (await resets()).at(-1)?.token;
				const weak = await complete(token, 'short');
				expect(weak.status).toBe(422);
				expect(weak.body.code).toBe('weak_password');
				expect(weak.body.rules).toContain('min_length');
				expect((await complete(token, server.otherPassword)).status).toBe(200);
			});

			test('confirms a pending account: the reset link proves the mailbox too', async (context) => {
				await requireFeature(context, 'passwordReset');
				const { receipt } = await registerAndRead('pending@example.com');
				await requestReset('pending@example.com');
				const token = (await resets('pending@example.com')).at(-1)?.token;
				expect((await complete(token, server.otherPassword)).status).toBe(200);
				expect(await server.passwordMatches('pending@example.com', server.otherPassword)).toBe(true);
				// No registration attempt was confirmed, so its receipt does not say so (the built-in rule).
				expect(await status(receipt)).not.toBe('confirmed');
			});

			test('refuses an unknown token with invalid_token', async (context) => {
				await requireFeature(context, 'passwordReset');
				const answer = await complete('Z'.repeat(43), server.otherPassword);
				expect(answer.status).toBe(400);
				expect(answer.body.code).toBe('invalid_token');
			});

			test('both routes answer not_found where the backend offers no reset', async (context) => {
				const { features } = await settings();
				context.skip(features.passwordReset, `the ${factory.name} backend offers password resets`);
				await confirmedAccount('ann@example.com');
				expect((await requestReset()).body.code).toBe('not_found');
				expect((await complete('Z'.repeat(43), server.otherPassword)).status).toBe(404);
			});
		});
	});
}
