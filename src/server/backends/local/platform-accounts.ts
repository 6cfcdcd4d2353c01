/**
 * The built-in backend's side of an {@link AccountPlatform}: which platform call each flow makes,
 * in what order with its own transactions, and what a failed call becomes. Without a platform none
 * of this runs. The reasoning (hijacking, enumeration timing, nothing half-made) is in
 * `src/server/README.md`, “Accounts on a platform”.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

import { ProblemError } from '../../problem-error.ts';
import { PlatformError, type AccountPlatform, type NewPlatformUser } from '../account-platform.ts';
import { findAccount, type LocalContext } from './context.ts';

/** What a registration's platform step found, for the transaction that records the attempt. */
export interface PlacedAttempt {
	/** The platform user of the address; `null` for a confirmed address whose user predates the platform. */
	userId: string | null;
	/** The address has an active user on the platform: the attempt must not be recorded (it is an `exists`). */
	active: boolean;
}

/**
 * Runs one task at a time per key (a mailbox): the platform call of a flow and the transaction that
 * records its outcome happen together, so the attempt that is live in the help center is always
 * the one whose password is on the platform. In one process, like the rate limits.
 */
export function keyedLock(): <T>(key: string, task: () => Promise<T>) => Promise<T> {
	const tails = new Map<string, Promise<unknown>>();
	return async (key, task) => {
		const previous = tails.get(key) ?? Promise.resolve();
		const run = previous.then(task, task);
		const tail = run.catch(() => undefined);
		tails.set(key, tail);
		try {
			return await run;
		} finally {
			if (tails.get(key) === tail) tails.delete(key);
		}
	};
}

/**
 * Keeps the three registration branches (new, pending, confirmed address) equally long on the
 * platform side: each makes one platform call, and every call waits until a common target — a
 * little above what the slowest kind of call usually takes (its running mean plus four running mean
 * deviations) — so that what a branch's own call costs (a create, a password change, a read) does
 * not show: every answer leaves at about the target, whichever branch it took. The estimates are
 * running means of real calls, so a platform whose user creation costs more than a read (it hashes
 * the password) is matched too; only a call slower than the target goes out unpadded.
 */
export function timingEqualizer(): <T>(kind: string, call: () => Promise<T>) => Promise<T> {
	const estimates = new Map<string, { mean: number; deviation: number }>();
	return async (kind, call) => {
		const started = performance.now();
		const result = await call();
		const elapsed = performance.now() - started;
		const known = estimates.get(kind);
		estimates.set(
			kind,
			known === undefined
				? { mean: elapsed, deviation: elapsed / 4 }
				: { mean: known.mean * 0.9 + elapsed * 0.1, deviation: known.deviation * 0.9 + Math.abs(elapsed - known.mean) * 0.1 },
		);
		const target = Math.max(...[...estimates.values()].map(({ mean, deviation }) => mean + 4 * deviation));
		// Every call below the target waits, even a fraction of a millisecond, so that the timer's own
		// rounding is the same for every branch.
		if (target > elapsed) await sleep(target - elapsed);
		return result;
	};
}

/** A failed platform call as the reader's answer; the log line is for the provider. */
export function platformProblem(error: unknown, log: (line: string) => void): ProblemError {
	if (!(error instanceof PlatformError)) {
		log(`account platform: unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
		return new ProblemError('upstream_unavailable', 'The account platform cannot answer now; try again in a minute.', { retryAfter: 60 });
	}
	log(`account platform (${error.failure}): ${error.message}`);
	if (error.failure === 'misconfigured') {
		// Trying again will not help: the provider must fix its platform connection (see /health).
		return new ProblemError('registration_unavailable', 'The provider’s platform refuses the help center’s credentials; the provider has been told in its log.');
	}
	return new ProblemError('upstream_unavailable', 'The account platform cannot answer now; try again in a minute.', { retryAfter: error.retryAfter ?? 60 });
}

/** The platform user id of an account, if it has one. */
export async function platformUserOf(context: Pick<LocalContext, 'db'>, accountId: number): Promise<string | null> {
	return (await context.db.get<{ platform_user_id: string | null }>('SELECT platform_user_id FROM accounts WHERE id = ?', accountId))?.platform_user_id ?? null;
}

/** The platform-side flows the built-in backend calls when a platform holds the accounts. */
export interface PlatformSteps {
	/** Serializes the flows of one mailbox (see {@link keyedLock}). */
	withMailbox<T>(mailbox: string, task: () => Promise<T>): Promise<T>;
	/**
	 * A registration attempt's platform step, before the transaction that records it: the password of
	 * this attempt goes on the platform (new and pending addresses) or the user is only read
	 * (confirmed). For a pending address the live attempt is deleted *first*, so that if the call
	 * fails half-way (the platform may have taken the new password) no older link or code can
	 * activate a password it was not issued for.
	 */
	placeAttempt(mailbox: string, user: NewPlatformUser): Promise<PlacedAttempt>;
	/** Activates the account's platform user (a confirmation); throws the problem to answer. */
	activate(accountId: number): Promise<void>;
	/** Sets a new password (a completed reset) and activates a pending user. */
	resetPassword(accountId: number, email: string, locale: string, password: string, pending: boolean): Promise<void>;
}

/** The {@link PlatformSteps} of a platform. */
export function platformSteps(context: Pick<LocalContext, 'db' | 'clock'>, platform: AccountPlatform, log: (line: string) => void): PlatformSteps {
	const { db } = context;
	const lock = keyedLock();
	const equalize = timingEqualizer();

	async function call<T>(task: () => Promise<T>): Promise<T> {
		try {
			return await task();
		} catch (error) {
			throw platformProblem(error, log);
		}
	}

	/** A user that is active on the platform makes the help center's account confirmed too. */
	async function markConfirmed(accountId: number, userId: string | null): Promise<void> {
		await db.transaction(async (db) => {
			await db.run('UPDATE accounts SET platform_user_id = ?, confirmed_at = COALESCE(confirmed_at, ?) WHERE id = ?', userId, context.clock.now(), accountId);
			await db.run('DELETE FROM confirmations WHERE account_id = ?', accountId);
		});
	}

	return {
		withMailbox: lock,

		async placeAttempt(mailbox, user) {
			const account = await findAccount(db, mailbox);
			if (!account) {
				return call(() => equalize('write', () => platform.createInactiveUser(user)));
			}
			const userId = await platformUserOf(context, account.id);
			if (account.confirmed_at !== null) {
				// Platform work of the same shape as the other branches; its answer changes nothing.
				if (userId !== null) await call(() => equalize('read', () => platform.userState(userId)));
				return { userId, active: true };
			}
			await db.run('DELETE FROM confirmations WHERE account_id = ?', account.id);
			const placed = await call(async () => {
				if (userId === null) return equalize('write', () => platform.createInactiveUser(user));
				try {
					const outcome = await equalize('write', () => platform.setPassword(userId, user.password, { onlyInactive: true }));
					return { userId, active: outcome === 'active' };
				} catch (error) {
					// Deleted on the platform meanwhile: a new inactive user takes its place.
					if (error instanceof PlatformError && error.failure === 'missing') return platform.createInactiveUser(user);
					throw error;
				}
			});
			if (placed.active) await markConfirmed(account.id, placed.userId);
			return placed;
		},

		async activate(accountId) {
			const userId = await platformUserOf(context, accountId);
			// An attempt recorded before the platform held the accounts: its password never reached it.
			if (userId === null) throw new ProblemError('invalid_token', 'This confirmation was issued before accounts moved to the platform; register again.');
			await call(() => platform.activate(userId));
		},

		async resetPassword(accountId, email, locale, password, pending) {
			const userId = await platformUserOf(context, accountId);
			await call(async () => {
				let id = userId;
				try {
					if (id !== null) await platform.setPassword(id, password);
				} catch (error) {
					if (!(error instanceof PlatformError && error.failure === 'missing')) throw error;
					id = null;
				}
				if (id === null) {
					const made = await platform.createInactiveUser({ email, password, locale });
					if (made.userId === null) throw new PlatformError('misconfigured', 'the address belongs to a platform user the help center’s credentials cannot manage');
					id = made.userId;
					// An active user at the address that is not the one on record: it gets the new password too.
					if (made.active) await platform.setPassword(id, password);
				}
				// The link proved the mailbox: a pending account (or one made again) is active from now on.
				if (pending || id !== userId) await platform.activate(id);
				if (id !== userId) await db.run('UPDATE accounts SET platform_user_id = ? WHERE id = ?', id, accountId);
			});
		},
	};
}
