/**
 * The address readers should look for in their inbox. The provider's own setting wins
 * (`PROVIDER_SENDER` or the profile's `senderAddress`); without one, the platform's `email_from`
 * (`panel/dealer/settings/notification/read`, "the address notification email is sent from"),
 * read when the panel account has the `notification_settings: read` permission.
 */
import type { ProviderSettings } from '../../settings.ts';
import type { PanelSession } from './panel-session.ts';
import type { Logger } from './platform-errors.ts';

/** Whether the provider configured a sender of its own. */
export function hasOwnSender(provider: Pick<ProviderSettings, 'senderAddress'>): boolean {
	return Boolean(provider.senderAddress);
}

/** The bare address of `email_from`, which may be `Name <address>` or an address alone. */
export function addressOf(emailFrom: unknown): string | null {
	if (typeof emailFrom !== 'string') return null;
	const inside = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(emailFrom)?.[1] ?? emailFrom.trim();
	return /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(inside) ? inside : null;
}

/** The platform's sender, fetched once it is needed and then kept; `null` when it cannot be read. */
export function platformSenderSource(panel: PanelSession, log: Logger, now: () => number, retryAfterMs: number): () => Promise<string | null> {
	let known: string | null | undefined;
	let failedAt = -Infinity;
	return async () => {
		if (known !== undefined) return known;
		if (now() - failedAt < retryAfterMs) return null;
		try {
			const permissions = await panel.permissions();
			if (!(permissions['notification_settings'] ?? []).includes('read')) {
				known = null;
				return null;
			}
			const answer = await panel.call('panel/dealer/settings/notification/read', {}, { retry: true });
			const value = answer['value'];
			known = addressOf(typeof value === 'object' && value !== null ? (value as Record<string, unknown>)['email_from'] : undefined);
			return known;
		} catch (error) {
			failedAt = now();
			log(`navixy: the platform’s sender could not be read (${error instanceof Error ? error.message : String(error)}); showing the configured one`);
			return null;
		}
	};
}
