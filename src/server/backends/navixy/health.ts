/**
 * What the provider must know about its platform connection, by named check: the start-up
 * self-check sets every check, and the flows keep them current (a refused panel sign-in, a time
 * zone the platform does not list, a registration the platform refused for a field the reader did
 * not type). `GET /api/v1/health` shows the names and whether each passes, never a message: the
 * messages name configuration variables and go to the server's log only.
 */

/** The checks, in the order the report lists them. */
export const checkNames = ['ui_config', 'panel_sign_in', 'panel_permissions', 'time_zone', 'registrations'] as const;

/** A check's name. */
export type CheckName = (typeof checkNames)[number];

/** One check's state. */
export interface CheckState {
	name: CheckName;
	ok: boolean;
	/** For the provider (the log and `npm run navixy:check`): what is wrong and what to do. */
	message: string;
}

/** The board the checks are kept on. */
export interface HealthBoard {
	pass(name: CheckName, message?: string): void;
	fail(name: CheckName, message: string): void;
	/** Every check that has a state (a check not yet run is not listed). */
	list(): CheckState[];
	/** How many registrations the platform refused for a configuration mistake since the server started. */
	configurationErrors(): number;
	countConfigurationError(): void;
}

/** A {@link HealthBoard} in memory. */
export function healthBoard(): HealthBoard {
	const states = new Map<CheckName, CheckState>();
	let configurationErrors = 0;
	return {
		pass(name, message = 'ok') {
			states.set(name, { name, ok: true, message });
		},
		fail(name, message) {
			states.set(name, { name, ok: false, message });
		},
		list: () => checkNames.flatMap((name) => (states.has(name) ? [states.get(name) as CheckState] : [])),
		configurationErrors: () => configurationErrors,
		countConfigurationError() {
			configurationErrors += 1;
		},
	};
}
