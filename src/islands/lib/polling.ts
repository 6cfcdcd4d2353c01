/** How the status checker paces its questions to the server. */
export interface PollingPlan {
	/** The first wait, in milliseconds. */
	firstDelayMs: number;
	/** Each wait is the previous one times this. */
	factor: number;
	/** The longest wait. */
	maxDelayMs: number;
	/** After this long without an answer that ends the wait, the checker stops asking by itself. */
	giveUpAfterMs: number;
}

/** Every 3 s at first, then slower up to every 30 s, for 30 minutes. */
export const statusPolling: PollingPlan = { firstDelayMs: 3000, factor: 1.5, maxDelayMs: 30_000, giveUpAfterMs: 30 * 60_000 };

/** The wait before the next question, or `undefined` when the checker should stop. */
export function nextDelay(plan: PollingPlan, previousDelayMs: number | undefined, elapsedMs: number): number | undefined {
	if (elapsedMs >= plan.giveUpAfterMs) return undefined;
	const delay = previousDelayMs === undefined ? plan.firstDelayMs : Math.min(plan.maxDelayMs, previousDelayMs * plan.factor);
	return Math.min(delay, plan.giveUpAfterMs - elapsedMs);
}
