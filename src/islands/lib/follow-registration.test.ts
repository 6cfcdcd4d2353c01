import { afterEach, beforeEach, expect, test, vi } from 'vitest';

import { followRegistration, type FollowOptions, type RegistrationStatus } from './follow-registration.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A follow-up whose server answers from `answers`, one per question (the last one repeats). */
function follow(answers: Awaited<ReturnType<FollowOptions['ask']>>[], more: Partial<FollowOptions> = {}) {
	const seen: RegistrationStatus[] = [];
	const events: string[] = [];
	let asked = 0;
	const handle = followRegistration({
		ask: async () => answers[Math.min(asked++, answers.length - 1)]!,
		onStatus: (status) => seen.push(status),
		onLost: (problem) => events.push(`lost:${problem.code}`),
		onStopped: () => events.push('stopped'),
		now: () => Date.now(),
		...more,
	});
	return { handle, seen, events, asked: () => asked };
}

const pending = { ok: true as const, status: 'pending' as const };

test('asks at once, then on the plan’s growing waits, and ends at confirmed', async () => {
	const run = follow([pending, pending, { ok: true, status: 'confirmed' }]);
	await vi.advanceTimersByTimeAsync(0);
	expect(run.asked()).toBe(1);
	await vi.advanceTimersByTimeAsync(2999);
	expect(run.asked()).toBe(1);
	await vi.advanceTimersByTimeAsync(1);
	expect(run.asked()).toBe(2);
	await vi.advanceTimersByTimeAsync(4500);
	expect(run.seen).toEqual(['pending', 'pending', 'confirmed']);
	await vi.advanceTimersByTimeAsync(60_000);
	expect(run.asked()).toBe(3);
});

test('network trouble keeps it asking quietly; a receipt the server forgot ends it', async () => {
	const run = follow([{ ok: false, problem: { code: 'network_error' } }, { ok: false, problem: { code: 'invalid_receipt' } }]);
	await vi.advanceTimersByTimeAsync(3000);
	expect(run.seen).toEqual([]);
	expect(run.events).toEqual(['lost:invalid_receipt']);
	await vi.advanceTimersByTimeAsync(60_000);
	expect(run.asked()).toBe(2);
});

test('asks nothing while the tab is hidden; wake asks again', async () => {
	let hidden = true;
	const run = follow([pending], { hidden: () => hidden });
	await vi.advanceTimersByTimeAsync(10_000);
	expect(run.asked()).toBe(0);
	hidden = false;
	run.handle.wake();
	await vi.advanceTimersByTimeAsync(0);
	expect(run.asked()).toBe(1);
});

test('stops by itself after 30 minutes, and stop ends it at once', async () => {
	const run = follow([pending]);
	await vi.advanceTimersByTimeAsync(31 * 60_000);
	expect(run.events).toEqual(['stopped']);
	const count = run.asked();
	await vi.advanceTimersByTimeAsync(60 * 60_000);
	expect(run.asked()).toBe(count);

	const other = follow([pending]);
	await vi.advanceTimersByTimeAsync(0);
	other.handle.stop();
	await vi.advanceTimersByTimeAsync(60_000);
	expect(other.asked()).toBe(1);
});

test('each answer brings the latest email’s timeline along; a pending email keeps it asking', async () => {
	const timelines: unknown[] = [];
	const deferred = { email: 'anna@example.com', events: [{ kind: 'deferred' as const, at: '2026-12-01T10:04:00.000Z', nextAttemptAt: '2026-12-01T10:20:00.000Z' }] };
	const handle = followRegistration({
		ask: async () => ({ ok: true, status: 'pending', delivery: deferred }),
		onStatus: (_, delivery) => timelines.push(delivery),
		onLost: () => undefined,
		onStopped: () => undefined,
	});
	await vi.advanceTimersByTimeAsync(3000);
	expect(timelines).toEqual([deferred, deferred]);
	handle.stop();
});
