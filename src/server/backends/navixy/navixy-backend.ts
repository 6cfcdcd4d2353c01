/**
 * The Navixy backend: accounts live on the provider's Navixy platform, which sends its own email.
 * No database: the panel session and the UI settings are kept in memory, receipts are sealed.
 * `src/server/README.md` (“The Navixy backend”) tells how to connect a platform and what is assumed
 * where the platform's documentation is silent.
 */
import type { Clock } from '../../clock.ts';
import { ProblemError } from '../../http/problem.ts';
import type { ProviderSettings, SignupRules } from '../../settings.ts';
import type { SignupBackend } from '../types.ts';
import type { NavixyConfig } from './config.ts';
import { panelSession } from './panel-session.ts';
import { platformClient } from './platform-client.ts';
import type { Logger } from './platform-errors.ts';
import { receiptSealer } from './receipts.ts';
import { registrationFlows } from './registration.ts';
import { navixySettings } from './settings.ts';
import { uiSettingsSource } from './ui-settings.ts';

/** What the Navixy backend is built from. */
export interface NavixyBackendOptions {
	config: NavixyConfig;
	/** The help center's provider settings: support channels, sender, a fallback name. */
	provider: ProviderSettings;
	rules: Pick<SignupRules, 'confirmationTtlSeconds'>;
	clock: Clock;
	/** Where platform trouble is reported (call and code, never a credential). Default `console.warn`. */
	log?: Logger;
}

/** The Navixy {@link SignupBackend}. */
export function navixyBackend({ config, provider, rules, clock, log = (line) => console.warn(line) }: NavixyBackendOptions): SignupBackend {
	const client = platformClient({ apiUrl: config.apiUrl, timeoutMs: config.timeoutMs, clock });
	const panel = panelSession({ client, login: config.panelLogin, password: config.panelPassword, clock });
	const ui = uiSettingsSource({ client, uiDomain: config.uiDomain, ttlMs: config.settingsTtlSeconds * 1000, clock, log });
	const settings = async () => navixySettings(await ui.get(), provider, config, rules);
	const notOffered = (what: string) => async () => {
		// The platform documents no such call; `settings().features` says so to the widgets.
		throw new ProblemError('not_found', `${what} is not offered with this provider’s platform.`);
	};

	return {
		settings,
		...registrationFlows({ client, panel, settings, receipts: receiptSealer(config.receiptSecret), config, rules, clock, log }),
		confirmWithCode: notOffered('Confirming with a code'),
		requestPasswordReset: notOffered('Resetting a password here'),
		resetPassword: notOffered('Resetting a password here'),
	};
}
