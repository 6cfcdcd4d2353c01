/**
 * Registration on the platform: create the user through the panel API, have the platform send its
 * activation email, follow a receipt, resend. The enumeration rules are the built-in backend's
 * (see `src/server/README.md`): every registration makes the same calls in the same order and
 * answers the same, and the platform's telling answers (201 unknown, 206 taken, 264 too soon,
 * 265 already active) never reach the browser.
 */
import type { Locale, PasswordPolicy, PasswordRule } from '../../../signup/contract.ts';
import { checkPassword } from '../../../signup/password-policy.ts';
import type { Clock } from '../../clock.ts';
import { ProblemError } from '../../http/problem.ts';
import { isCommonPassword } from '../../passwords/common-passwords.ts';
import type { SignupRules } from '../../settings.ts';
import type { RegistrationState, SignupBackend } from '../types.ts';
import type { NavixyConfig } from './config.ts';
import { navixyLocales } from './locales.ts';
import type { PanelSession } from './panel-session.ts';
import type { PlatformClient } from './platform-client.ts';
import { hasPlatformCode, platformProblem, type PlatformError, type Logger } from './platform-errors.ts';
import { findUser, isConfirmed, type PlatformUser } from './platform-users.ts';
import type { ReceiptSealer } from './receipts.ts';
import type { NavixySettings } from './settings.ts';

/** What the registration flows need. */
export interface RegistrationContext {
	client: PlatformClient;
	panel: PanelSession;
	settings: () => Promise<NavixySettings>;
	receipts: ReceiptSealer;
	config: Pick<NavixyConfig, 'sendActivation' | 'timeZone'>;
	rules: Pick<SignupRules, 'confirmationTtlSeconds'>;
	clock: Clock;
	log: Logger;
}

/** Receipts are forgotten (`invalid_receipt`) this long after they expire, as in the built-in backend. */
const forgetReceiptsAfterMs = 7 * 86_400_000;

/**
 * After the platform fails to send an email (209), every request that would send one answers
 * `upstream_unavailable` for this long without asking. Only existing addresses can produce a 209
 * (an unknown one is 201), so answering it address by address would tell which exist.
 */
const mailOutageMs = 60_000;

type RegistrationFlows = Pick<SignupBackend, 'register' | 'registrationStatus' | 'resendConfirmation' | 'confirmWithToken'>;

/** The registration half of the Navixy backend. */
export function registrationFlows(context: RegistrationContext): RegistrationFlows {
	const { client, panel, receipts, config, rules, clock, log } = context;
	let mailFailingUntil = 0;

	function assertMailFlowing(): void {
		const wait = mailFailingUntil - clock.now();
		if (wait > 0) {
			throw new ProblemError('upstream_unavailable', 'The provider’s platform cannot send email right now; try again shortly.', {
				retryAfter: Math.ceil(wait / 1000),
			});
		}
	}

	/** `user/resend_activation`: the platform's own activation email. Only an outage is an error. */
	async function sendActivation(login: string): Promise<void> {
		try {
			await client.call('user/resend_activation', { login });
		} catch (error) {
			// 201 unknown, 264 too soon, 265 already active: the generic answer, whatever the address.
			if (hasPlatformCode(error, 201, 264, 265)) return;
			if (hasPlatformCode(error, 209)) mailFailingUntil = clock.now() + mailOutageMs;
			throw platformProblem(error, log);
		}
	}

	/** The panel user a registration creates: inactive and unverified until the reader follows the link. */
	function newUser(login: string, locale: Locale, password: string) {
		return {
			// Only login, activated, verified, first_name and legal_type are documented; the name is
			// a placeholder the reader can change in the platform's UI (see the README's assumptions).
			user: { login, activated: false, verified: false, first_name: login.slice(0, login.lastIndexOf('@')), legal_type: 'individual' },
			password,
			locale: navixyLocales[locale],
			time_zone: config.timeZone,
		};
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

	return {
		async register({ email, password, locale }) {
			const settings = await context.settings();
			if (!settings.selfRegistration) throw new ProblemError('registration_disabled', 'This provider creates accounts itself.');
			assertMeetsPolicy(settings.passwordPolicy, password, email);
			if (config.sendActivation) assertMailFlowing();
			const issuedAt = clock.now();

			// Every branch makes the same calls: create (new, or 206 for a known login), list (to learn
			// whether a known login is confirmed), then the activation email.
			let created: boolean;
			try {
				await panel.call('panel/user/create', newUser(email, locale, password));
				created = true;
			} catch (error) {
				if (!hasPlatformCode(error, 206)) throw createProblem(error, log);
				// A known login: same answer. Its password is not changed, so a stranger cannot
				// take over a pending account by registering it again.
				created = false;
			}
			let user: PlatformUser | null;
			try {
				user = await findUser(panel, email);
			} catch (error) {
				throw platformProblem(error, log);
			}
			const outcome = created ? 'created' : user && !isConfirmed(user) ? 'pending' : 'exists';
			if (config.sendActivation) await sendActivation(email);
			return { receipt: receipts.seal({ login: email, issuedAt, outcome }) };
		},

		async registrationStatus(receipt): Promise<RegistrationState> {
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
			if (record.outcome !== 'exists' && confirmed) return 'confirmed';
			return now < expiresAt ? 'pending' : 'expired';
		},

		async resendConfirmation({ email }) {
			assertMailFlowing();
			await sendActivation(email);
		},

		async confirmWithToken(token) {
			// Reached only when the provider points its activation email at the help center's confirm
			// page; the token is then the activation hash, which `user/activate` takes as `hash`.
			try {
				await client.call('user/activate', { hash: token });
			} catch (error) {
				// 3 wrong hash, 4 wrong kind of hash, 7 a value the platform cannot read: a dead link.
				if (hasPlatformCode(error, 3, 4, 7)) throw new ProblemError('invalid_token', 'This confirmation link is unknown or was already used.');
				throw platformProblem(error, log);
			}
		},
	};
}

/** Throws `weak_password` with the broken rules, before anything reaches the platform. */
function assertMeetsPolicy(policy: PasswordPolicy, password: string, email: string): void {
	const broken: PasswordRule[] = checkPassword(password, policy, { email });
	if (policy.rejectCommon && isCommonPassword(password)) broken.push('common');
	if (broken.length > 0) throw new ProblemError('weak_password', `The password breaks these rules: ${broken.join(', ')}.`, { rules: broken });
}

/**
 * `panel/user/create` failures. Newer platforms name the field of a code 7 (`errors: [{parameter,
 * error}]`): a refused password is `weak_password` (the platform's rules went beyond what it
 * publishes), a refused login `invalid_email`. Everything else goes through the common table.
 */
function createProblem(error: unknown, log: Logger): unknown {
	if (hasPlatformCode(error, 7)) {
		const fields = invalidParameters(error);
		if (fields.some((name) => /password/i.test(name))) {
			log('navixy: panel/user/create refused a password that meets the published policy (code 7)');
			return new ProblemError('weak_password', 'The provider’s platform refused this password.', { rules: [] });
		}
		if (fields.some((name) => /login|email/i.test(name))) return new ProblemError('invalid_email', 'The provider’s platform refused this address.');
	}
	return platformProblem(error, log);
}

/** The parameter names of a code 7's `errors`. */
function invalidParameters(error: PlatformError): string[] {
	const errors = error.answer['errors'];
	if (!Array.isArray(errors)) return [];
	return errors.flatMap((item: unknown) => {
		const parameter = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)['parameter'] : undefined;
		return typeof parameter === 'string' ? [parameter] : [];
	});
}
