/**
 * The time zone of new users. `panel/user/create` requires a `zone_id` of the platform's
 * `timezone/list` (region zones such as `Europe/London`; `UTC` is not one): `NAVIXY_TIME_ZONE`
 * when set, otherwise the dealer's `default_user_time_zone` (`panel/dealer/settings/service/read`).
 * Checked against the live list once, at start or at the first registration; a zone the platform
 * does not list is a configuration mistake with a message that names the variable and shows zones
 * it does list.
 */
import type { PanelSession } from './panel-session.ts';
import type { PlatformClient } from './platform-client.ts';
import { PlatformUnavailableError } from './platform-errors.ts';

/** A time zone that cannot be used: the provider must change its configuration. */
export class TimeZoneConfigurationError extends Error {
	override name = 'TimeZoneConfigurationError';
}

/** The new users' time zone, resolved once. */
export interface TimeZoneSource {
	/** The zone; throws {@link TimeZoneConfigurationError}, or a platform error when it cannot be learned now. */
	get(): Promise<string>;
}

/** After a configuration mistake, the platform is asked again after this long (the provider may fix its panel). */
const recheckAfterMs = 60_000;

/** A {@link TimeZoneSource}. */
export function timeZoneSource(options: { client: PlatformClient; panel: PanelSession; configured: string | null; now: () => number }): TimeZoneSource {
	let resolved: string | null = null;
	let mistake: { error: TimeZoneConfigurationError; at: number } | null = null;
	let resolving: Promise<string> | null = null;

	/** The dealer's `default_user_time_zone`, or `null` when it has none. */
	async function dealerZone(): Promise<string | null> {
		const answer = await options.panel.call('panel/dealer/settings/service/read', {}, { retry: true });
		const value = answer['value'];
		const zone = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)['default_user_time_zone'] : undefined;
		return typeof zone === 'string' && zone !== '' ? zone : null;
	}

	async function resolve(): Promise<string> {
		// The list and the dealer's default are independent: asked at the same time.
		const [listed, zone] = await Promise.all([zoneIds(options.client), options.configured === null ? dealerZone() : Promise.resolve(options.configured)]);
		if (zone === null) {
			throw new TimeZoneConfigurationError(
				`NAVIXY_TIME_ZONE is not set and the dealer has no default_user_time_zone: set NAVIXY_TIME_ZONE to a zone of the platform's list, such as ${examples(listed)}.`,
			);
		}
		const origin = options.configured === null ? `the dealer's default_user_time_zone (${zone})` : `NAVIXY_TIME_ZONE=${zone}`;
		if (!listed.includes(zone)) {
			throw new TimeZoneConfigurationError(`${origin} is not a time zone of the platform's timezone/list: set NAVIXY_TIME_ZONE to one it lists, such as ${examples(listed)}.`);
		}
		return zone;
	}

	return {
		async get() {
			if (resolved) return resolved;
			if (mistake && options.now() - mistake.at < recheckAfterMs) throw mistake.error;
			resolving ??= resolve()
				.then((zone) => {
					resolved = zone;
					mistake = null;
					return zone;
				})
				.catch((error: unknown) => {
					if (error instanceof TimeZoneConfigurationError) mistake = { error, at: options.now() };
					throw error;
				})
				.finally(() => {
					resolving = null;
				});
			return resolving;
		},
	};
}

/** The `zone_id`s of `timezone/list` (no credential; `locale` is required). */
async function zoneIds(client: PlatformClient): Promise<string[]> {
	const answer = await client.call('timezone/list', { locale: 'en_US' }, undefined, { retry: true });
	const list = answer['list'];
	if (!Array.isArray(list)) throw new PlatformUnavailableError('timezone/list', 'malformed', 'answered success without a list');
	return list.flatMap((item: unknown) => {
		const id = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)['zone_id'] : undefined;
		return typeof id === 'string' ? [id] : [];
	});
}

/** A few zones of the list to name in a message: the documentation's example first. */
function examples(listed: string[]): string {
	const preferred = ['Europe/London', 'America/New_York', 'Asia/Dubai', 'Australia/Sydney'].filter((zone) => listed.includes(zone));
	const shown = [...new Set([...preferred, ...listed])].slice(0, 4);
	return shown.length > 0 ? shown.join(', ') : 'Europe/London (the platform returned an empty list)';
}
