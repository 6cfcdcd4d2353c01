/**
 * Per-IP limits (rate-limiter-flexible, in memory: one process holds them). They stop floods and
 * code guessing; per-address rules (cooldowns, wrong-code counts) live in the backend. Answering
 * `rate_limited` with the true wait is safe: it tells the caller about its own traffic only.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

import { clientIp, rateLimitKey, type TrustProxy } from './client-ip.ts';
import { ProblemError } from '../problem-error.ts';
import { problemResponse } from './problem.ts';

/** A limit: at most `points` requests per `seconds`. */
export interface RateLimit {
	points: number;
	seconds: number;
}

/** The limited groups of routes. */
export interface RateLimits {
	/** Registrations. */
	register: RateLimit;
	/** Requests that may send an email: resend, password-reset request. */
	email: RateLimit;
	/** Confirmations and password resets (token and code guessing). */
	confirm: RateLimit;
	/** Receipt status checks (polled by the page). */
	status: RateLimit;
	/** Address changes of pending registrations (each sends an email to a new address). */
	changeAddress: RateLimit;
}

/** Defaults generous enough for an office behind one NAT address. */
export const defaultRateLimits: RateLimits = {
	register: { points: 20, seconds: 3600 },
	email: { points: 20, seconds: 3600 },
	confirm: { points: 30, seconds: 900 },
	status: { points: 600, seconds: 600 },
	changeAddress: { points: 10, seconds: 3600 },
};

/** A middleware that spends one point of `limit` per request from the same IP (an IPv6 client: its /64). */
export function rateLimit(name: string, limit: RateLimit, trustProxy: TrustProxy): MiddlewareHandler {
	const limiter = new RateLimiterMemory({ keyPrefix: name, points: limit.points, duration: limit.seconds });
	return async (c: Context, next) => {
		try {
			await limiter.consume(rateLimitKey(clientIp(c, trustProxy)));
		} catch (rejection) {
			if (!(rejection instanceof RateLimiterRes)) throw rejection;
			const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
			return problemResponse(c, new ProblemError('rate_limited', `Too many requests from this address; try again in ${retryAfter} s.`, { retryAfter }));
		}
		return next();
	};
}
