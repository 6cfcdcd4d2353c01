import { useEffect, useState } from 'preact/hooks';

import type { ClientProblem } from '../../signup/client.ts';
import { callApi } from './api.ts';
import { nextDelay, statusPolling, type PollingPlan } from './polling.ts';
import { onConfirmedElsewhere } from './receipt.ts';

/** What a receipt reports. */
export type RegistrationStatus = 'pending' | 'confirmed' | 'expired';

/** What {@link followRegistration} needs from its surroundings; the widget passes the browser's, tests their own. */
export interface FollowOptions {
	/** Asks the server once. */
	ask: () => Promise<{ ok: true; status: RegistrationStatus } | { ok: false; problem: ClientProblem }>;
	onStatus: (status: RegistrationStatus) => void;
	/** The server no longer knows the receipt. */
	onLost: (problem: ClientProblem) => void;
	/** Stopped asking by itself (the plan's time is over) while still pending. */
	onStopped: () => void;
	/** The tab is hidden: no question now; {@link FollowHandle.wake} asks again once it shows. */
	hidden?: () => boolean;
	plan?: PollingPlan;
	now?: () => number;
}

/** A running follow-up. */
export interface FollowHandle {
	/** Asks now (the tab became visible), keeping the schedule's pace. */
	wake: () => void;
	stop: () => void;
}

/**
 * Follows a registration: asks, waits a little longer each time, asks nothing while the tab is
 * hidden, stops after the plan's time. Network trouble is not news: it keeps asking quietly on
 * the same schedule. Ends at `confirmed`, `expired`, or a receipt the server no longer knows.
 */
export function followRegistration({ ask, onStatus, onLost, onStopped, hidden = () => false, plan = statusPolling, now = Date.now }: FollowOptions): FollowHandle {
	let timer: ReturnType<typeof setTimeout> | undefined;
	let delay: number | undefined;
	let stopped = false;
	const started = now();

	const question = async () => {
		if (stopped || hidden()) return;
		const result = await ask();
		if (stopped) return;
		if (result.ok) {
			onStatus(result.status);
			if (result.status !== 'pending') return;
		} else if (result.problem.code === 'invalid_receipt') {
			onLost(result.problem);
			return;
		}
		delay = nextDelay(plan, delay, now() - started);
		if (delay === undefined) onStopped();
		else timer = setTimeout(() => void question(), delay);
	};
	void question();
	return {
		wake: () => {
			clearTimeout(timer);
			void question();
		},
		stop: () => {
			stopped = true;
			clearTimeout(timer);
		},
	};
}

/**
 * {@link followRegistration} in a widget, for the receipt this browser keeps: the status, whether
 * it stopped asking, and `checkNow` to start again. Another tab confirming asks at once.
 */
export function useFollowRegistration(receipt: string | undefined, onLost: (problem: ClientProblem) => void) {
	const [status, setStatus] = useState<RegistrationStatus | null>(null);
	const [stopped, setStopped] = useState(false);
	const [round, setRound] = useState(0);

	useEffect(() => {
		if (!receipt) return undefined;
		setStopped(false);
		const handle = followRegistration({
			ask: async () => {
				const result = await callApi('registrationStatus', { receipt });
				return result.ok ? { ok: true, status: result.data.status } : result;
			},
			onStatus: setStatus,
			onLost: (problem) => {
				setStatus(null);
				onLost(problem);
			},
			onStopped: () => setStopped(true),
			hidden: () => document.hidden,
		});
		const onVisible = () => {
			if (!document.hidden) handle.wake();
		};
		document.addEventListener('visibilitychange', onVisible);
		const stopListening = onConfirmedElsewhere(() => setRound((n) => n + 1));
		return () => {
			handle.stop();
			document.removeEventListener('visibilitychange', onVisible);
			stopListening();
		};
	}, [receipt, round]);

	return { status, setStatus, stopped, checkNow: () => setRound((n) => n + 1) };
}
