/**
 * The Traccar backend: the built-in backend (receipts, links, codes, cooldowns, its own branded
 * emails, all in its database) with a provider's Traccar server as the platform that holds the
 * accounts (`traccar-platform.ts`). With `TRACCAR_PASSWORD_RESET=traccar` the help center's
 * recovery form hands the request to Traccar's own `POST /api/password/reset` instead, and no reset
 * is completed here.
 */
import { ProblemError } from '../../problem-error.ts';
import { cooldownOver, loadAddressState, saveAddressState } from '../local/context.ts';
import { localBackend, type LocalBackend, type LocalBackendOptions } from '../local/local-backend.ts';
import { mailboxKey } from '../local/mailbox.ts';
import type { PlatformStartupReport } from '../account-platform.ts';
import type { TraccarConfig } from './config.ts';
import { traccarPlatform, type TraccarPlatform } from './traccar-platform.ts';

/** What the Traccar backend is built from: the built-in backend's parts and the server's settings. */
export interface TraccarBackendOptions extends Omit<LocalBackendOptions, 'platform'> {
	traccar: TraccarConfig;
}

/** The Traccar backend: the built-in one with its platform, and the platform's start-up check. */
export interface TraccarBackend extends LocalBackend {
	platform: TraccarPlatform;
	startupCheck(): Promise<PlatformStartupReport>;
}

/** The Traccar {@link SignupBackend}. */
export function traccarBackend(options: TraccarBackendOptions): TraccarBackend {
	const log = options.log ?? ((line: string) => console.error(line));
	const platform = traccarPlatform(options.traccar, log);
	const backend = localBackend({ ...options, platform, log });
	const startupCheck = () => platform.startupCheck();
	if (options.traccar.passwordReset === 'help-center') return { ...backend, platform, startupCheck };

	const { db, rules, clock } = options;
	return {
		...backend,
		platform,
		startupCheck,
		async requestPasswordReset({ email }) {
			const now = clock.now();
			const mailbox = mailboxKey(email);
			// The help center's cooldown, kept for every address as in the built-in backend.
			const due = await db.transaction(async (db) => {
				const state = await loadAddressState(db, mailbox);
				if (!cooldownOver(rules, state.reset_mail_at, now)) return false;
				await saveAddressState(db, mailbox, { ...state, reset_mail_at: now }, now);
				return true;
			});
			if (!due) return;
			// After the answer: Traccar sends its email only for a known address and waits for it, so
			// its answer's time would tell whether the address has an account.
			setImmediate(() => {
				platform.client.requestPasswordReset(email).catch((error: unknown) => {
					log(`traccar: a password-reset request could not be passed on: ${error instanceof Error ? error.message : String(error)}`);
				});
			});
		},
		async resetPassword() {
			throw new ProblemError('not_found', 'Resetting a password here is not offered: Traccar’s own reset page completes it.');
		},
	};
}
