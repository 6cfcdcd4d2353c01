/**
 * The contract backend: an {@link AccountPlatform} that calls a provider's implementation of the
 * platform contract (`src/platform-contract/`) with signed requests. The built-in backend keeps
 * the confirmation flow (its emails, links, codes, receipts); this module only turns each of its
 * platform steps into contract operations and each contract problem into a {@link PlatformError}.
 *
 * Every call goes through the contract's client, which retries a call that got no answer with the
 * same `webhook-id`: the platform answers the retry with its first answer, so a user is never
 * created twice nor a password set by a stale retry.
 */
import type { PlatformProblemCode } from '../../../platform-contract/contract.ts';
import { PlatformCallError, platformClient, type PlatformClient } from '../../../platform-contract/client.ts';
import { PlatformError, type AccountPlatform, type PlatformFailure, type PlatformStartupReport } from '../account-platform.ts';
import type { HealthCheck } from '../types.ts';
import type { PlatformContractConfig } from './config.ts';

/** What the contract platform is built from. */
export interface ContractPlatformOptions {
	config: PlatformContractConfig;
	/** The provider's own self-registration setting, compared with the platform's at start-up. */
	selfRegistration: boolean;
	/** The login page the help center sends readers to (the provider's), compared with the platform's at start-up. */
	loginUrl?: string;
	fetch?: typeof fetch;
	/** Wait before a retry (doubled each time); default the client's 250 ms. */
	retryDelayMs?: number;
}

/** What each contract problem means for the help center, and what the provider should do about it. */
const failureOf: Record<PlatformProblemCode | 'unreachable' | 'bad_answer', { failure: PlatformFailure; fix?: string }> = {
	unreachable: { failure: 'unavailable' },
	unavailable: { failure: 'unavailable' },
	unknown_user: { failure: 'missing' },
	unauthorized: { failure: 'misconfigured', fix: 'PLATFORM_SECRET must be the secret the platform verifies with' },
	stale_timestamp: { failure: 'misconfigured', fix: 'the clocks of the help center and the platform differ by more than five minutes (use NTP)' },
	replayed: { failure: 'misconfigured', fix: 'the platform remembers a webhook-id for another request: its idempotency store mixes calls up' },
	invalid_request: { failure: 'misconfigured', fix: 'the platform refuses a request the contract allows: run npm run contract:check against it' },
	bad_answer: { failure: 'misconfigured', fix: 'the platform answers outside the contract: run npm run contract:check against it' },
	not_found: { failure: 'misconfigured', fix: 'PLATFORM_URL must be the base URL of the contract’s operations' },
	registration_disabled: { failure: 'misconfigured', fix: 'the platform refuses new users: allow them there, or set the profile’s selfRegistration to false' },
	password_rejected: {
		failure: 'misconfigured',
		fix: 'the platform refuses a password the help center’s policy accepts: make the profile’s passwordPolicy at least as strict as the platform’s',
	},
	user_exists: { failure: 'misconfigured', fix: 'the platform answered user_exists where the contract does not' },
};

/** A failed call as the hook's error; the message names the operation and, for the provider, the fix. */
function asPlatformError(error: unknown): PlatformError {
	if (!(error instanceof PlatformCallError)) return new PlatformError('unavailable', error instanceof Error ? error.message : String(error));
	const { failure, fix } = failureOf[error.code];
	return new PlatformError(failure, `${error.message} [${error.code}]${fix ? `: ${fix}` : ''}`);
}

/** The provider's platform behind the signed contract. */
export function contractPlatform(options: ContractPlatformOptions): AccountPlatform {
	const client: PlatformClient = platformClient({
		url: options.config.url,
		secret: options.config.secret,
		timeoutMs: options.config.timeoutMs,
		...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
		...(options.fetch ? { fetch: options.fetch } : {}),
	});
	// What the latest call found, for /health (which never calls the platform itself).
	let lastFailure: PlatformFailure | null = null;

	async function call<T>(task: (platform: PlatformClient) => Promise<T>): Promise<T> {
		try {
			const result = await task(client);
			lastFailure = null;
			return result;
		} catch (error) {
			const failed = asPlatformError(error);
			if (failed.failure !== 'missing') lastFailure = failed.failure;
			throw failed;
		}
	}

	/** A call whose `user_exists` is an answer, not a failure. */
	async function create(user: { email: string; password: string; locale: string }) {
		try {
			return await client.call('createUser', user);
		} catch (error) {
			if (error instanceof PlatformCallError && error.code === 'user_exists') return null;
			throw error;
		}
	}

	return {
		name: 'platform',

		createInactiveUser: (user) =>
			call(async (platform) => {
				// Twice at most: the address's user may be deleted between the two calls of the first round.
				for (let round = 0; round < 2; round++) {
					const created = await create(user);
					if (created) return { userId: created.userId, active: created.state === 'active' };
					// The address has a user already: an earlier attempt's (it gets this attempt's
					// password) or an active one (left exactly as it is).
					const found = await platform.call('getUser', { email: user.email });
					if (found.state === 'none' || !found.user) continue;
					if (found.state === 'active') return { userId: found.user.userId, active: true };
					const set = await platform.call('setPassword', { userId: found.user.userId, password: user.password, onlyIfInactive: true });
					return { userId: set.userId, active: !set.passwordChanged };
				}
				throw new PlatformCallError('bad_answer', 'createUser', 'user_exists for an address that getUser does not find');
			}),

		setPassword: (userId, password, { onlyInactive = false } = {}) =>
			call(async (platform) => {
				const set = await platform.call('setPassword', { userId, password, onlyIfInactive: onlyInactive });
				return set.passwordChanged ? 'set' : 'active';
			}),

		activate: (userId) =>
			call(async (platform) => {
				await platform.call('activateUser', { userId });
			}),

		userState: (userId) =>
			call(async (platform) => {
				const found = await platform.call('getUser', { userId });
				return found.state === 'none' ? 'missing' : found.state;
			}),

		settings: () =>
			call(async (platform) => {
				const settings = await platform.call('settings', {});
				return { title: settings.name };
			}),

		health(): HealthCheck[] {
			return [{ name: 'platform', status: lastFailure === null ? 'ok' : 'degraded' }];
		},

		async startupCheck(): Promise<PlatformStartupReport> {
			try {
				const settings = await call((platform) => platform.call('settings', {}));
				const lines = [`Platform contract at ${options.config.url}: ${settings.name}, signed calls accepted.`];
				if (options.selfRegistration && !settings.registrationAllowed) {
					lines.push('  The platform does not accept new users (registrationAllowed: false): registrations will answer registration_unavailable until it does.');
				}
				// The pages, widgets and emails send readers to the provider's login page; a platform
				// that names another one would have them sign in where their account is not.
				if (options.loginUrl !== undefined && new URL(settings.loginUrl).href !== new URL(options.loginUrl).href) {
					lines.push(
						`  The platform's login page is ${settings.loginUrl}, but the help center sends readers to ${options.loginUrl}: ` +
							'set the profile\'s loginUrl (or PROVIDER_LOGIN_URL) to the platform\'s, or correct the platform\'s settings.',
					);
				}
				return { text: lines.join('\n'), fatal: false };
			} catch (error) {
				const failed = error instanceof PlatformError ? error : asPlatformError(error);
				// A platform that is down may come back; one that refuses our signature will not.
				return {
					text: `Platform contract at ${options.config.url}: ${failed.message}`,
					fatal: failed.failure === 'misconfigured',
				};
			}
		},
	};
}
