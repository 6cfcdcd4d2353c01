/**
 * Where the per-IP limiters keep their counts. In memory, each process counts for itself: right for
 * one process, and N replicas would allow N times each limit. `postgres-limit-store.ts` keeps them
 * in PostgreSQL, where every replica spends from the same budget.
 */
import { RateLimiterMemory, type RateLimiterAbstract } from 'rate-limiter-flexible';

import type { HealthCheck } from '../backends/types.ts';
import type { RateLimit } from './rate-limits.ts';

/** A place for the limiters' counts. */
export interface LimitStore {
	/** What the start-up message says about it. */
	readonly description: string;
	/** The limiter of one group of routes; `name` keeps the group's counts apart from the others'. */
	limiter(name: string, limit: RateLimit): RateLimiterAbstract;
	/** Named checks for `/health`, read from memory (none for a store that cannot fail). */
	health(): HealthCheck[];
	/** Resolves once the store has been tried: reached, or found unreachable (and said so). */
	ready(): Promise<void>;
	/** Releases its connections. */
	close(): Promise<void>;
}

/** Counts in this process's memory. */
export function memoryLimitStore(): LimitStore {
	return {
		description: 'Rate limits are counted in this process (set LIMITS_URL to share them between replicas).',
		limiter: (name, limit) => new RateLimiterMemory({ keyPrefix: name, points: limit.points, duration: limit.seconds }),
		health: () => [],
		ready: async () => {},
		close: async () => {},
	};
}
