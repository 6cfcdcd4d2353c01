/**
 * The provider's Admin Panel session: one hash from `panel/account/auth`, kept in memory only and
 * shared by every panel call. The platform ends a panel session after 24 hours by one page of its
 * documentation (30 days by a newer one); the session is renewed after 23 hours without waiting for
 * a refusal, and a call that answers 3 or 4 all the same gets a new session and is tried once more. The credentials and the hash
 * never leave this module except as the `Authorization` header of a panel call.
 */
import type { Clock } from '../../clock.ts';
import type { CallOptions, PlatformAnswer, PlatformClient, PlatformParams } from './platform-client.ts';
import { hasPlatformCode, PlatformError, PlatformUnavailableError } from './platform-errors.ts';

/** The session's `permissions` (`PanelPermissions`): category → permitted actions; an absent category grants nothing. */
export type PanelPermissions = Readonly<Record<string, readonly string[]>>;

/** Calls the panel API with the provider's session. */
export interface PanelSession {
	call(action: string, params: PlatformParams, options?: CallOptions): Promise<PlatformAnswer>;
	/** Signs in if needed; the permissions `panel/account/auth` reported for the current session. */
	permissions(): Promise<PanelPermissions>;
}

/** What a panel session is built from. */
export interface PanelSessionOptions {
	client: PlatformClient;
	login: string;
	password: string;
	clock: Clock;
}

/**
 * After the platform refuses the panel credentials (11 blocked, 12 not found), every request would
 * otherwise try them again at once; they are not tried again for this long.
 */
const refusedCredentialsPauseMs = 10_000;

/** A session is replaced this long after it was issued: before the shortest documented lifetime (24 hours) ends. */
const renewAfterMs = 23 * 3600_000;

/** A {@link PanelSession} that signs in lazily and renews itself. */
export function panelSession({ client, login, password, clock }: PanelSessionOptions): PanelSession {
	let hash: string | null = null;
	let issuedAt = 0;
	let signingIn: Promise<string> | null = null;
	let refused: { error: PlatformError; at: number } | null = null;
	let permissions: PanelPermissions = {};

	async function signIn(): Promise<string> {
		if (refused && clock.now() - refused.at < refusedCredentialsPauseMs) throw refused.error;
		try {
			const answer = await client.call('panel/account/auth', { login, password });
			const fresh = answer['hash'];
			if (typeof fresh !== 'string' || fresh === '') {
				throw new PlatformUnavailableError('panel/account/auth', 'malformed', 'answered success without a hash');
			}
			refused = null;
			permissions = readPermissions(answer['permissions']);
			return fresh;
		} catch (error) {
			if (hasPlatformCode(error, 11, 12)) refused = { error, at: clock.now() };
			throw error;
		}
	}

	/** The current hash; concurrent callers share one sign-in. */
	function currentHash(): Promise<string> {
		if (hash && clock.now() - issuedAt < renewAfterMs) return Promise.resolve(hash);
		signingIn ??= signIn()
			.then((fresh) => {
				issuedAt = clock.now();
				return (hash = fresh);
			})
			.finally(() => {
				signingIn = null;
			});
		return signingIn;
	}

	return {
		async call(action, params, options) {
			const used = await currentHash();
			try {
				return await client.call(action, params, used, options);
			} catch (error) {
				// 3 (wrong hash) or 4 (session ended): sign in again, once. Only the caller whose hash
				// failed drops it, so calls that fail together share the one new sign-in.
				if (!hasPlatformCode(error, 3, 4)) throw error;
				if (hash === used) hash = null;
				return client.call(action, params, await currentHash(), options);
			}
		},
		async permissions() {
			await currentHash();
			return permissions;
		},
	};
}

/** `permissions` as documented: an object of string lists; anything else grants nothing. */
function readPermissions(value: unknown): PanelPermissions {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
	return Object.fromEntries(
		Object.entries(value as Record<string, unknown>).map(([category, actions]) => [category, Array.isArray(actions) ? actions.filter((action): action is string => typeof action === 'string') : []]),
	);
}
