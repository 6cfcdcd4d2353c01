/**
 * The start-up self-check: what a provider gets wrong when it connects its platform, each tried
 * the way the backend will use it, with one line per check saying what is wrong and what to do.
 * `main.ts` runs it before listening (a time zone the platform does not list stops the server),
 * `npm run navixy:check` runs it on demand, and its results stay on the health board.
 *
 * - `ui_config`: `dealer/get_ui_config` knows `NAVIXY_UI_DOMAIN` (12: unknown domain, 201: no settings);
 * - `panel_sign_in`: `panel/account/auth` takes `NAVIXY_PANEL_LOGIN` and `NAVIXY_PANEL_PASSWORD`;
 * - `panel_permissions`: the session may create and read users (`users: create, read`);
 * - `time_zone`: new users' time zone is one of `timezone/list`.
 */
import type { HealthBoard, CheckState } from './health.ts';
import type { PanelSession } from './panel-session.ts';
import { PlatformError, PlatformUnavailableError } from './platform-errors.ts';
import { TimeZoneConfigurationError, type TimeZoneSource } from './time-zone.ts';
import type { UiSettingsSource } from './ui-settings.ts';

/** What the self-check tries. */
export interface SelfCheckDeps {
	ui: UiSettingsSource;
	panel: PanelSession;
	timeZone: TimeZoneSource;
	health: HealthBoard;
	/** For the messages: where the platform is, which domain. Never a credential. */
	apiUrl: string;
	uiDomain: string;
}

/** The outcome: every check, and whether the server must not start. */
export interface SelfCheckReport {
	checks: CheckState[];
	ok: boolean;
	/** A mistake the server cannot serve with (a time zone the platform does not list). */
	fatal: boolean;
	/** The report for the provider, one line per check. */
	text: string;
}

/** The permissions the backend needs, by `PanelPermissions` category. */
export const requiredPermissions: Readonly<Record<string, readonly string[]>> = { users: ['create', 'read'] };

/** Runs every check; never throws. */
export async function runSelfCheck(deps: SelfCheckDeps): Promise<SelfCheckReport> {
	const { health } = deps;
	let fatal = false;

	// The UI settings and the panel side are independent: asked at the same time, so a slow
	// platform delays the start once, not once per check.
	const uiCheck = async () => {
		try {
			await deps.ui.fetchNow();
			health.pass('ui_config', `dealer/get_ui_config knows ${deps.uiDomain}`);
		} catch (error) {
			health.fail('ui_config', uiConfigMessage(error, deps));
		}
	};
	const panelChecks = async () => {
		try {
			const permissions = await deps.panel.permissions();
			health.pass('panel_sign_in', 'panel/account/auth accepted NAVIXY_PANEL_LOGIN and NAVIXY_PANEL_PASSWORD');
			const missing = Object.entries(requiredPermissions).flatMap(([category, actions]) =>
				actions.filter((action) => !(permissions[category] ?? []).includes(action)).map((action) => `${category}: ${action}`),
			);
			if (missing.length === 0) health.pass('panel_permissions', 'the panel account may create and read users');
			else health.fail('panel_permissions', `the panel account lacks ${missing.join(', ')}: give NAVIXY_PANEL_LOGIN these permissions in the Admin Panel, or use an account that has them`);
		} catch (error) {
			health.fail('panel_sign_in', signInMessage(error, deps));
		}
		try {
			const zone = await deps.timeZone.get();
			health.pass('time_zone', `new users get the time zone ${zone}`);
		} catch (error) {
			if (error instanceof TimeZoneConfigurationError) {
				fatal = true;
				health.fail('time_zone', error.message);
			} else {
				health.fail('time_zone', `could not be checked (${reason(error)}); it is checked again at the first registration`);
			}
		}
	};
	await Promise.all([uiCheck(), panelChecks()]);

	const checks = health.list();
	const ok = checks.every((check) => check.ok);
	const lines = checks.map((check) => `  ${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.message}`);
	const text = `Navixy platform at ${deps.apiUrl} for ${deps.uiDomain}: ${ok ? 'every check passed' : 'problems found, registrations may fail'}\n${lines.join('\n')}`;
	return { checks, ok, fatal, text };
}

function reason(error: unknown): string {
	if (error instanceof PlatformUnavailableError) return `the platform did not answer (${error.message})`;
	if (error instanceof PlatformError) return `${error.call} answered code ${error.code}`;
	// A ProblemError from the settings source carries no more than this.
	return error instanceof Error ? error.message : String(error);
}

function uiConfigMessage(error: unknown, deps: SelfCheckDeps): string {
	const cause = error;
	if (cause instanceof PlatformError && cause.code === 12) return `the platform knows no dealer for NAVIXY_UI_DOMAIN=${deps.uiDomain} (code 12): set it to the domain of your monitoring interface`;
	if (cause instanceof PlatformError && cause.code === 201) return `the platform has no UI settings for NAVIXY_UI_DOMAIN=${deps.uiDomain} (code 201)`;
	if (cause instanceof PlatformUnavailableError) return `NAVIXY_API_URL=${deps.apiUrl} did not answer (${cause.message}): check the URL (e.g. https://api.eu.navixy.com/v2)`;
	return `dealer/get_ui_config failed: ${reason(cause)}`;
}

function signInMessage(error: unknown, deps: SelfCheckDeps): string {
	if (error instanceof PlatformError && error.code === 12) return 'panel/account/auth refused NAVIXY_PANEL_LOGIN or NAVIXY_PANEL_PASSWORD (code 12): check both in the Admin Panel';
	if (error instanceof PlatformError && error.code === 11) return 'panel/account/auth says the dealer is blocked (code 11): contact the platform';
	if (error instanceof PlatformUnavailableError) return `NAVIXY_API_URL=${deps.apiUrl} did not answer the panel sign-in (${error.message})`;
	return `panel/account/auth failed: ${reason(error)}`;
}
