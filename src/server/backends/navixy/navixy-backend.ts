/**
 * The Navixy backend: accounts live on the provider's Navixy platform, which sends its own email.
 * No database: the panel session and the UI settings are kept in memory, receipts are sealed.
 * `src/server/README.md` (“The Navixy backend”) tells how to connect a platform and what is assumed
 * where the platform's documentation is silent.
 */
import type { Clock } from '../../clock.ts';
import { ProblemError } from '../../problem-error.ts';
import type { ProviderSettings, SignupRules } from '../../settings.ts';
import type { HealthCheck, SignupBackend } from '../types.ts';
import type { NavixyConfig } from './config.ts';
import { healthBoard, type HealthBoard } from './health.ts';
import { panelSession } from './panel-session.ts';
import { passwordChange } from './password-change.ts';
import { platformClient } from './platform-client.ts';
import type { Logger } from './platform-errors.ts';
import { receiptSealer } from './receipts.ts';
import { registrationFlows } from './registration.ts';
import { runSelfCheck, type SelfCheckReport } from './self-check.ts';
import { hasOwnSender, platformSenderSource } from './sender.ts';
import { navixySettings } from './settings.ts';
import { timeZoneSource } from './time-zone.ts';
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

/** The Navixy {@link SignupBackend}, with its self-check. */
export interface NavixyBackend extends SignupBackend {
	/** Tries what the provider may have misconfigured (see `self-check.ts`); never throws. */
	selfCheck(): Promise<SelfCheckReport>;
	health(): HealthCheck[];
	/** The checks with their messages, for the provider's tools (never served). */
	board: HealthBoard;
}

/** Builds the Navixy backend. */
export function navixyBackend({ config, provider, rules, clock, log = (line) => console.warn(line) }: NavixyBackendOptions): NavixyBackend {
	const client = platformClient({ apiUrl: config.apiUrl, timeoutMs: config.timeoutMs, clock });
	const panel = panelSession({ client, login: config.panelLogin, password: config.panelPassword, clock });
	const ui = uiSettingsSource({ client, uiDomain: config.uiDomain, ttlMs: config.settingsTtlSeconds * 1000, clock, log });
	const timeZone = timeZoneSource({ client, panel, configured: config.timeZone, now: () => clock.now() });
	const sender = platformSenderSource(panel, log, () => clock.now(), config.settingsTtlSeconds * 1000);
	const board = healthBoard();
	const settings = async () => {
		const uiSettings = await ui.get();
		return navixySettings(uiSettings, provider, config, rules, hasOwnSender(provider) ? null : await sender());
	};
	const notOffered = (what: string) => async () => {
		// The platform documents no such call; `settings().features` says so to the widgets.
		throw new ProblemError('not_found', `${what} is not offered with this provider’s platform.`);
	};

	return {
		settings,
		...registrationFlows({ client, panel, settings, receipts: receiptSealer(config.receiptSecret), timeZone, health: board, config, rules, clock, log }),
		confirmWithCode: notOffered('Confirming with a code'),
		requestPasswordReset: notOffered('Requesting a password reset here'),
		resetPassword: config.passwordReset ? passwordChange(client, settings, log) : notOffered('Resetting a password here'),
		selfCheck: () => runSelfCheck({ ui, panel, timeZone, health: board, apiUrl: config.apiUrl, uiDomain: config.uiDomain }),
		// A platform problem is the provider's to fix; the server still answers: degraded, not failing.
		health: () => board.list().map(({ name, ok }) => ({ name, status: ok ? ('ok' as const) : ('degraded' as const) })),
		board,
	};
}
