import { expect, test } from 'vitest';

import { nextDelay, statusPolling } from './polling.ts';

test('waits longer after each question, up to the longest wait', () => {
	const delays: number[] = [];
	let delay: number | undefined;
	let elapsed = 0;
	for (let i = 0; i < 10; i++) {
		delay = nextDelay(statusPolling, delay, elapsed);
		delays.push(delay!);
		elapsed += delay!;
	}
	expect(delays.slice(0, 4)).toEqual([3000, 4500, 6750, 10125]);
	expect(Math.max(...delays)).toBe(30_000);
});

test('stops after 30 minutes and never waits past them', () => {
	expect(nextDelay(statusPolling, 30_000, 30 * 60_000)).toBeUndefined();
	expect(nextDelay(statusPolling, 30_000, 30 * 60_000 - 1000)).toBe(1000);
});
