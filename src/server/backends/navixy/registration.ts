/**
 * Registration on the platform: create the user through the panel API, have the platform send its
 * activation email, follow a receipt, resend. The enumeration rules are the built-in backend's
 * (see `src/server/README.md`): every registration makes the same calls in the same order and
 * answers the same, and the platform's telling answers (201 unknown, 206 taken, 264 too soon,
 * 265 already active) never reach the browser.
 *
 * Once `panel/user/create` has succeeded the account exists: nothing after it (the lookup, the
 * activation email) may tell the reader that registration failed. The status checker's resend can
 * send the email later.
 */
import type { PasswordPolicy, PasswordRule } from '../../../signup/contract.ts';
import { checkPassword } from '../../../signup/password-policy.ts';
import type { Clock } from '../../clock.ts';
import { ProblemError } from '../../problem-error.ts';
import { isCommonPassword } from '../../passwords/common-passwords.ts';
import type { SignupRules } from '../../settings.ts';
import type { RegistrationState, SignupBackend } from '../types.ts';
import type { NavixyConfig } from './config.ts';
import type { HealthBoard } from './health.ts';
import { newUserParams } from './new-user.ts';
import type { PanelSession } from './panel-session.ts';
import type { PlatformClient } from './platform-client.ts';
import { hasPlatformCode, invalidParameters, platformProblem, PlatformUnavailableError, type Logger } from './platform-errors.ts';
import { findUser, isConfirmed, type PlatformUser } from './platform-users.ts';
import type { ReceiptMail, ReceiptSealer } from './receipts.ts';
import type { NavixySettings } from './settings.ts';
import { TimeZoneConfigurationError, type TimeZoneSource } from './time-zone.ts';

/** What the registration flows need. */
export interface RegistrationContext {
	client: PlatformClient;
	panel: PanelSession;
	settings: () => Promise<NavixySettings>;
	receipts: ReceiptSealer;
	timeZone: TimeZoneSource;
	health: HealthBoard;
	config: Pick<NavixyConfig, 'sendActivation' | 'nameFallback'>;
	rules: Pick<SignupRules, 'confirmationTtlSeconds'>;
	clock: Clock;
	log: Logger;
}

/** Receipts are forgotten (`invalid_receipt`) this long after they expire, as in the built-in backend. */
const forgetReceiptsAfterMs = 7 * 86_400_000;

/**
 * After the platform fails to send an email to an address (209), a resend for that address answers
 * `upstream_unavailable` for this long without asking, with `Retry-After` the time left. Other
 * addresses are not affected.
 */
const mailFailurePauseMs = 60_000;
/** At most this many addresses are remembered for {@link mailFailurePauseMs} (oldest dropped first). */
const maxPausedAddresses = 10_000;
/** At most this many addresses' latest resends are remembered for the timeline (oldest dropped first). */
const maxRememberedResends = 10_000;

type RegistrationFlows = Pick<SignupBackend, 'register' | 'registrationStatus' | 'resendConfirmation' | 'confirmWithToken'>;

/** The problem a reader gets when the provider's configuration stops registrations. */
function registrationUnavailable(): ProblemError {
	return new ProblemError('registration_unavailable', 'The provider’s platform refuses registrations because of its configuration; the provider has been told in its log.');
}

/** The registration half of the Navixy backend. */
export function registrationFlows(context: RegistrationContext): RegistrationFlows {
	const { client, panel, receipts, config, rules, clock, log, health } = context;
	const mailPausedUntil = new Map<string, number>();
	// What the platform said about each address's latest resend, for its receipts' timelines (this
	// process's memory: a restart forgets it, and the timeline falls back to the registration's).
	const lastResend = new Map<string, { mail: Exclude<ReceiptMail, 'unknown'>; at: number }>();

	function rememberResend(login: string, mail: Exclude<ReceiptMail, 'unknown'>): void {
		lastResend.delete(login);
		lastResend.set(login, { mail, at: clock.now() });
		while (lastResend.size > maxRememberedResends) {
			const oldest = lastResend.keys().next().value;
			if (oldest === undefined) break;
			lastResend.delete(oldest);
		}
	}


	function assertMailFlowing(login: string): void {
		const until = mailPausedUntil.get(login);
		if (until === undefined) return;
		const wait = until - clock.now();
		if (wait <= 0) {
			mailPausedUntil.delete(login);
			return;
		}
		throw new ProblemError('upstream_unavailable', 'The provider’s platform could not send email to this address just now; try again shortly.', {
			retryAfter: Math.ceil(wait / 1000),
		});
	}

	function pauseMail(login: string): void {
		mailPausedUntil.delete(login);
		mailPausedUntil.set(login, clock.now() + mailFailurePauseMs);
		while (mailPausedUntil.size > maxPausedAddresses) {
			const oldest = mailPausedUntil.keys().next().value;
			if (oldest === undefined) break;
			mailPausedUntil.delete(oldest);
		}
	}

	/**
	 * `user/resend_activation`: the platform's own activation email. Only an outage is an error.
	 * `onSendFailed` hears of a 209 (the platform could not send), for the timeline.
	 */
	async function sendActivation(login: string, onSendFailed?: () => void): Promise<void> {
		try {
			await client.call('user/resend_activation', { login });
		} catch (error) {
			// 201 unknown, 264 too soon, 265 already active: the generic answer, whatever the address
			// (and the same `handed_off` on the timeline).
			if (hasPlatformCode(error, 201, 264, 265)) return;
			if (hasPlatformCode(error, 209)) {
				pauseMail(login);
				onSendFailed?.();
			}
			throw platformProblem(error, log);
		}
	}

	/** The time zone of new users; a configuration mistake stops registrations with a clear answer. */
	async function timeZone(): Promise<string> {
		try {
			const zone = await context.timeZone.get();
			health.pass('time_zone', `new users get the time zone ${zone}`);
			return zone;
		} catch (error) {
			if (!(error instanceof TimeZoneConfigurationError)) throw platformProblem(error, log);
			health.fail('time_zone', error.message);
			log(`navixy: ${error.message}`);
			throw registrationUnavailable();
		}
	}

	/** Whether the login's account is confirmed now; `false` when the platform cannot tell us. */
	async function confirmedNow(login: string): Promise<boolean> {
		try {
			const user = await findUser(panel, login);
			return user !== null && isConfirmed(user);
		} catch (error) {
			// A status check degrades to what time alone says (pending, then expired) rather than
			// failing: the page keeps asking, and the answer catches up when the platform is back.
			if (!(platformProblem(error, log) instanceof ProblemError)) throw error;
			return false;
		}
	}

	/** Whether the login has an account, after a create that went unanswered; `false` when the platform cannot say. */
	async function existsAfterAll(login: string): Promise<boolean> {
		try {
			// One try only: the reader has waited for the create already.
			return (await findUser(panel, login, false)) !== null;
		} catch {
			return false;
		}
	}

	/** `panel/user/create` failures: the reader's mistake, the provider's, or the platform's trouble. */
	function createProblem(error: unknown): unknown {
		if (hasPlatformCode(error, 7)) {
			const refused = invalidParameters(error);
			const names = refused.map((item) => item.parameter);
			if (names.some((name) => /password/i.test(name))) {
				log('navixy: panel/user/create refused a password that meets the published policy (code 7 naming the password)');
				return new ProblemError('weak_password', 'The provider’s platform refused this password.', { rules: [] });
			}
			if (names.length > 0 && names.every((name) => /(^|\.)(login|email)$/i.test(name))) {
				return new ProblemError('invalid_email', 'The provider’s platform refused this address.');
			}
			// A field the reader did not type: the help center's configuration or the platform's rules.
			const detail = refused.length > 0 ? refused.map((item) => `${item.parameter}: ${item.error}`).join('; ') : 'no parameter named';
			log(`navixy: configuration error: panel/user/create refused parameters the reader did not type (code 7; ${detail}); registrations fail until this is fixed`);
			health.countConfigurationError();
			health.fail('registrations', `panel/user/create refused ${refused.map((item) => item.parameter).join(', ') || 'the request'} (code 7)`);
			return registrationUnavailable();
		}
		if (hasPlatformCode(error, 13)) {
			log('navixy: configuration error: panel/user/create answered 13 (operation not permitted): the panel account needs the users: create permission');
			health.countConfigurationError();
			health.fail('panel_permissions', 'panel/user/create answered 13: the panel account lacks users: create');
			return registrationUnavailable();
		}
		return platformProblem(error, log);
	}

	return {
		async register({ email, password, locale }) {
			const settings = await context.settings();
			if (!settings.selfRegistration) throw new ProblemError('registration_disabled', 'This provider creates accounts itself.');
			assertMeetsPolicy(settings.passwordPolicy, password, email);
			const zone = await timeZone();
			const issuedAt = clock.now();

			// Every branch makes the same calls: create (new, or 206 for a known login), list (to learn
			// whether a known login is confirmed), then the activation email.
			let created: boolean;
			try {
				await panel.call('panel/user/create', newUserParams({ login: email, password, locale, timeZone: zone, nameFallback: config.nameFallback }));
				created = true;
				health.pass('registrations', 'the platform accepts registrations');
			} catch (error) {
				if (!hasPlatformCode(error, 206)) {
					// No answer does not mean nothing happened: the platform may have created the account.
					if (!(error instanceof PlatformUnavailableError && (await existsAfterAll(email)))) throw createProblem(error);
					log(`navixy: panel/user/create gave no answer (${error.message}), but the account exists; the reader gets the normal answer`);
				}
				// A known login (or one whose creation went unanswered): same answer. Its password is
				// not changed, so a stranger cannot take over a pending account by registering it again.
				created = false;
			}
			// From here on the account exists: trouble is logged, never answered.
			let user: PlatformUser | null = null;
			try {
				user = await findUser(panel, email);
			} catch (error) {
				log(`navixy: after a registration, the lookup failed (${describe(error)}); the reader gets the normal answer`);
			}
			// A known login whose state could not be read gets a receipt that never reports a confirmation.
			const outcome = created ? 'created' : user && !isConfirmed(user) ? 'pending' : 'exists';
			// Without the resend call the platform's own create flow sends the email: taken, as far as we know.
			let mail = 'handed_off' as ReceiptMail;
			if (config.sendActivation) {
				try {
					await sendActivation(email, () => (mail = 'platform_failed'));
				} catch (error) {
					if (mail !== 'platform_failed') mail = 'unknown';
					log(`navixy: after a registration, the activation email could not be sent (${describe(error)}); the status page’s resend can send it later`);
				}
			}
			return { receipt: receipts.seal({ login: email, issuedAt, outcome, mail }) };
		},

		async registrationStatus(receipt) {
			const record = receipts.open(receipt);
			const now = clock.now();
			const expiresAt = (record?.issuedAt ?? 0) + rules.confirmationTtlSeconds * 1000;
			if (!record || now >= expiresAt + forgetReceiptsAfterMs) {
				throw new ProblemError('invalid_receipt', 'No registration has this receipt (receipts are forgotten a week after they expire).');
			}
			// Asked for every receipt that names a login, even one that will never say "confirmed",
			// so that the answer takes as long whatever the attempt found.
			const confirmed = record.login !== null && (await confirmedNow(record.login));
			// A receipt for an address that was confirmed already never says "confirmed": it ages like a
			// registration nobody confirms.
			const status: RegistrationState = record.outcome !== 'exists' && confirmed ? 'confirmed' : now < expiresAt ? 'pending' : 'expired';
			if (record.login === null) return { status };
			// The platform sends the mail: the timeline holds what it said, for the latest email of the
			// attempt — a resend to the same address after the registration, else the registration's own.
			const resend = lastResend.get(record.login);
			const latest = resend && resend.at >= record.issuedAt ? resend : record.mail && record.mail !== 'unknown' ? { mail: record.mail, at: record.issuedAt } : null;
			return { status, delivery: { email: record.login, events: latest ? [{ kind: latest.mail, at: new Date(latest.at).toISOString() }] : [] } };
		},

		async resendConfirmation({ email }) {
			assertMailFlowing(email);
			await sendActivation(email, () => rememberResend(email, 'platform_failed'));
			rememberResend(email, 'handed_off');
		},

		async confirmWithToken(token) {
			// Reached when the provider points its activation email at the help center's confirm page.
			// The link's hash is the activation session: `user/activate` takes it as the credential
			// and no parameter at all.
			try {
				await client.call('user/activate', {}, token);
			} catch (error) {
				// 3 wrong hash, 4 not an activation session: a dead link.
				if (hasPlatformCode(error, 3, 4)) throw new ProblemError('invalid_token', 'This confirmation link is unknown or was already used.');
				throw platformProblem(error, log);
			}
		},
	};
}

/** Throws `weak_password` with the broken rules, before anything reaches the platform. */
export function assertMeetsPolicy(policy: PasswordPolicy, password: string, email?: string): void {
	const broken: PasswordRule[] = checkPassword(password, policy, email === undefined ? {} : { email });
	if (policy.rejectCommon && isCommonPassword(password)) broken.push('common');
	if (broken.length > 0) throw new ProblemError('weak_password', `The password breaks these rules: ${broken.join(', ')}.`, { rules: broken });
}

/** A failure for the log: the call and the code or reason, never a parameter. */
function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

