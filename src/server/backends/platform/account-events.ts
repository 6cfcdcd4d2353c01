/**
 * `account.confirmed` events to the provider's events URL (`PLATFORM_EVENTS_URL`), for platforms
 * that only need to know. The database writes each event in the transaction that confirms the
 * account (a trigger, see the migrations), so none is lost; this module delivers them, signed per
 * Standard Webhooks with the event's own `webhook-id` on every retry, until a 2xx answer — with
 * backoff, for about a day — and logs the ones it gives up on.
 */
import type { Store } from '../../store/store.ts';

import type { AccountConfirmedEventSchema } from '../../../platform-contract/contract.ts';
import { signatureHeaders } from '../../../platform-contract/signing.ts';
import type { Clock } from '../../clock.ts';
import type { PlatformEventsConfig } from './config.ts';
import type * as z from 'zod/mini';

/** What the delivery is built from. */
export interface AccountEventsOptions {
	db: Store;
	config: PlatformEventsConfig;
	/** Schedules the retries; the signatures use real time (the receiver's clock is real). */
	clock: Clock;
	log?: (line: string) => void;
	fetch?: typeof fetch;
	pollIntervalMs?: number;
	/** First retry delay, doubled each time up to an hour; default 5 s. */
	retryBaseMs?: number;
	/** Attempts before giving up; default 30 (about a day with the default delays). */
	maxAttempts?: number;
}

/** The delivery loop. */
export interface AccountEvents {
	/** Delivers what is due; resolves with the number of events tried. */
	runOnce(): Promise<number>;
	start(): void;
	stop(): Promise<void>;
}

/** How long a claimed event is kept from other deliveries (a second process on the same file). */
const leaseMs = 60_000;

/** Records events from now on (the trigger writes one only while a target is set). */
export async function enableAccountEvents(db: Store, url: string): Promise<void> {
	await db.transaction(async (db) => await db.run('INSERT INTO account_event_target (id, url) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET url = excluded.url', url));
}

/** Records no more events (the server runs without `PLATFORM_EVENTS_URL`); pending ones stay. */
export async function disableAccountEvents(db: Store): Promise<void> {
	await db.transaction(async (db) => await db.run('DELETE FROM account_event_target'));
}

/** The delivery of `account.confirmed` events. */
export function accountEvents(options: AccountEventsOptions): AccountEvents {
	const { db, config, clock, pollIntervalMs = 1000, retryBaseMs = 5000, maxAttempts = 30 } = options;
	const log = options.log ?? ((line: string) => console.error(line));
	const doFetch = options.fetch ?? fetch;
	let timer: NodeJS.Timeout | undefined;
	let stopped = false;
	let running: Promise<unknown> = Promise.resolve();

	async function deliver(event: EventRow): Promise<void> {
		const body: z.output<typeof AccountConfirmedEventSchema> = {
			type: 'account.confirmed',
			timestamp: new Date(event.occurred_at).toISOString(),
			data: { email: event.email, locale: event.locale, userId: event.platform_user_id },
		};
		const text = JSON.stringify(body);
		let failure: string;
		try {
			const answer = await doFetch(config.url, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', ...signatureHeaders(config.secret, event.webhook_id, Math.floor(Date.now() / 1000), text) },
				body: text,
				// A redirect would carry the signed event elsewhere: never followed (and not a 2xx).
				redirect: 'manual',
				signal: AbortSignal.timeout(config.timeoutMs),
			});
			await answer.body?.cancel();
			if (answer.ok) {
				await db.transaction(async (db) => await db.run('UPDATE account_events SET delivered_at = ? WHERE id = ?', clock.now(), event.id));
				return;
			}
			failure = `HTTP ${answer.status}`;
		} catch (error) {
			failure = error instanceof Error ? error.message : String(error);
		}
		const now = clock.now();
		if (event.attempts >= maxAttempts) {
			await db.transaction(async (db) => await db.run('UPDATE account_events SET failed_at = ? WHERE id = ?', now, event.id));
			log(`platform events: account.confirmed ${event.webhook_id} given up after ${event.attempts} attempts (${failure}); check PLATFORM_EVENTS_URL`);
			return;
		}
		const delay = Math.min(retryBaseMs * 2 ** (event.attempts - 1), 3600_000);
		await db.transaction(async (db) => await db.run('UPDATE account_events SET next_attempt_at = ? WHERE id = ?', now + delay, event.id));
	}

	async function runOnce(): Promise<number> {
		const now = clock.now();
		const due = await db.transaction(async (db) => {
			await db.run('DELETE FROM account_events WHERE delivered_at < ? OR failed_at < ?', now - 7 * 86_400_000, now - 30 * 86_400_000);
			return await db.all<EventRow>(
				`UPDATE account_events SET attempts = attempts + 1, next_attempt_at = ?
				WHERE id IN (SELECT id FROM account_events WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT 20)
				RETURNING id, webhook_id, occurred_at, attempts,
					(SELECT email FROM accounts WHERE id = account_id) AS email,
					(SELECT locale FROM accounts WHERE id = account_id) AS locale,
					(SELECT platform_user_id FROM accounts WHERE id = account_id) AS platform_user_id`,
				now + leaseMs,
				now,
			);
		});
		await Promise.all(due.map(deliver));
		return due.length;
	}

	return {
		runOnce,
		start() {
			const tick = () => {
				running = runOnce()
					.catch((error: unknown) => log(`platform events: ${error instanceof Error ? error.message : String(error)}`))
					.finally(() => {
						if (stopped) return;
						timer = setTimeout(tick, pollIntervalMs);
						timer.unref();
					});
			};
			tick();
		},
		async stop() {
			stopped = true;
			clearTimeout(timer);
			await running;
		},
	};
}

/** A claimed event with what its body needs. */
interface EventRow {
	id: number;
	webhook_id: string;
	occurred_at: number;
	attempts: number;
	email: string;
	locale: string;
	platform_user_id: string | null;
}
