/**
 * The provider's Admin Panel session: one hash from `panel/account/auth`, kept in memory only and
 * shared by every panel call. The platform ends a panel session after 24 hours (or earlier); a call
 * that answers 3 or 4 gets a new session and is tried once more. The credentials and the hash
 * never leave this module except as the `Authorization` header of a panel call.
 */
import type { Clock } from '../../clock.ts';
import type { PlatformAnswer, PlatformClient, PlatformParams } from './platform-client.ts';
import { hasPlatformCode, PlatformError, PlatformUnavailableError } from './platform-errors.ts';

/** Calls the panel API with the provider's session. */
export interface PanelSession {
	call(action: string, params: PlatformParams): Promise<PlatformAnswer>;
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

/** A {@link PanelSession} that signs in lazily and renews itself. */
export function panelSession({ client, login, password, clock }: PanelSessionOptions): PanelSession {
	let hash: string | null = null;
	let signingIn: Promise<string> | null = null;
	let refused: { error: PlatformError; at: number } | null = null;

	async function signIn(): Promise<string> {
		if (refused && clock.now() - refused.at < refusedCredentialsPauseMs) throw refused.error;
		try {
			const answer = await client.call('panel/account/auth', { login, password });
			const fresh = answer['hash'];
			if (typeof fresh !== 'string' || fresh === '') {
				throw new PlatformUnavailableError('panel/account/auth', 'malformed', 'answered success without a hash');
			}
			refused = null;
			return fresh;
		} catch (error) {
			if (hasPlatformCode(error, 11, 12)) refused = { error, at: clock.now() };
			throw error;
		}
	}

	/** The current hash; concurrent callers share one sign-in. */
	function currentHash(): Promise<string> {
		if (hash) return Promise.resolve(hash);
		signingIn ??= signIn()
			.then((fresh) => (hash = fresh))
			.finally(() => {
				signingIn = null;
			});
		return signingIn;
	}

	return {
		async call(action, params) {
			const used = await currentHash();
			try {
				return await client.call(action, params, used);
			} catch (error) {
				// 3 (wrong hash) or 4 (session ended): sign in again, once. Only the caller whose hash
				// failed drops it, so calls that fail together share the one new sign-in.
				if (!hasPlatformCode(error, 3, 4)) throw error;
				if (hash === used) hash = null;
				return client.call(action, params, await currentHash());
			}
		},
	};
}
