/** The time source of the server. Tests pass a {@link manualClock} so cooldowns and expiry need no sleeping. */
export interface Clock {
	/** Milliseconds since the Unix epoch. */
	now(): number;
}

/** The real clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that moves only when told to. */
export interface ManualClock extends Clock {
	/** Moves the clock forward. */
	advance(milliseconds: number): void;
	/** Sets the clock. */
	set(milliseconds: number): void;
}

/** A {@link ManualClock} starting at `start` (default: now). */
export function manualClock(start = Date.now()): ManualClock {
	let time = start;
	return {
		now: () => time,
		advance: (milliseconds) => {
			time += milliseconds;
		},
		set: (milliseconds) => {
			time = milliseconds;
		},
	};
}
