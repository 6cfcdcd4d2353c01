/**
 * The built-in backend: accounts in SQLite, mail through the outbox, every rule about who gets which
 * email and what a caller may learn. The flows live in `registration.ts` and `password-reset.ts`;
 * `src/server/README.md` explains the reasoning.
 */
import type { Store } from '../../store/store.ts';

import { codeLength } from '../../../signup/contract.ts';
import type { Clock } from '../../clock.ts';
import type { PasswordHasher } from '../../passwords/password-hash.ts';
import type { ProviderSettings, SignupRules } from '../../settings.ts';
import type { QueuedMail } from '../../mail/outbox.ts';
import type { PreparedMail } from '../../mail/worker.ts';
import type { AccountPlatform } from '../account-platform.ts';
import type { SignupBackend } from '../types.ts';
import { addressChangeFlow, defaultMaxAddressChanges } from './address-change.ts';
import { mailForRequest } from './mail-requests.ts';
import { passwordResetFlows } from './password-reset.ts';
import { platformSteps } from './platform-accounts.ts';
import { withPlatform } from './platform-flows.ts';
import { registrationFlows } from './registration.ts';

/** What the built-in backend is built from. */
export interface LocalBackendOptions {
	db: Store;
	provider: ProviderSettings;
	rules: SignupRules;
	hasher: PasswordHasher;
	clock: Clock;
	/** Called after a transaction queued mail, so the worker sends it now rather than at its next poll. */
	onMailQueued?: () => void;
	/** How many times a registration may change its address (default {@link defaultMaxAddressChanges}). */
	maxAddressChanges?: number;
	/**
	 * The platform that holds the accounts (Traccar, the platform contract): the help center confirms,
	 * the platform keeps the user and its password. Without one the accounts live in `db`.
	 */
	platform?: AccountPlatform | null;
	/** Where platform failures are reported for the provider; default the console. */
	log?: (line: string) => void;
}

/** The built-in backend: the API's flows, and what its mail worker sends for a queued row. */
export interface LocalBackend extends SignupBackend {
	/**
	 * The message for a claimed outbox row, its link and code minted now; `replaced`: a newer attempt
	 * replaced the registration it belongs to; `null`: nothing to send.
	 */
	mailFor(mail: QueuedMail): Promise<PreparedMail>;
}

/** The built-in {@link SignupBackend}. */
export function localBackend(options: LocalBackendOptions): LocalBackend {
	const { provider, rules } = options;
	const platform = options.platform ?? null;
	const log = options.log ?? ((line: string) => console.error(line));
	const steps = platform ? platformSteps(options, platform, log) : null;
	const context = { ...options, mailQueued: () => options.onMailQueued?.(), platform: steps };
	const flows = { ...registrationFlows(context), ...passwordResetFlows(context) };
	return {
		async settings() {
			return {
				providerName: provider.name,
				selfRegistration: provider.selfRegistration,
				passwordPolicy: provider.passwordPolicy,
				resendCooldownSeconds: rules.resendCooldownSeconds,
				confirmationTtlSeconds: rules.confirmationTtlSeconds,
				codeLength,
				loginUrl: provider.loginUrl,
				senderAddress: provider.senderAddress ?? '',
				support: { email: provider.support.email, phone: provider.support.phone, url: provider.support.url },
				// The resolved provider's features are the built-in backend's row of `backendFeatures`.
				features: provider.features,
			};
		},
		async health() {
			return [{ name: 'database', status: (await options.db.problem()) ? 'failing' : 'ok' }, ...(platform?.health?.() ?? [])];
		},
		...(steps ? withPlatform(flows, context, steps) : { ...flows, changeAddress: addressChangeFlow(context, options.maxAddressChanges ?? defaultMaxAddressChanges) }),
		mailFor: async (mail) => await mailForRequest(context, mail),
	};
}
