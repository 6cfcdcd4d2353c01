import { useEffect, useState } from 'preact/hooks';

import type { ClientProblem } from '../../signup/client.ts';
import type { Delivery } from '../../signup/contract.ts';
import { callApi } from './api.ts';
import { nextDelay, statusPolling, type PollingPlan } from './polling.ts';
import { onConfirmedElsewhere } from './receipt.ts';

/** What a receipt reports. */
export type RegistrationStatus = 'pending' | 'confirmed' | 'expired';

/** What {@link followRegistration} needs from its surroundings; the widget passes the browser's, tests their own. */
export interface FollowOptions {
	/** Asks the server once. */
	ask: () => Promise<{ ok: true; status: RegistrationStatus; delivery?: Delivery | undefined } | { ok: false; problem: ClientProblem }>;
	/** Every answer: the status, and the latest email's timeline where the backend has one. */
	onStatus: (status: RegistrationStatus, delivery: Delivery | undefined) => void;
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
			onStatus(result.status, result.delivery);
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
 * {@link followRegistration} in a widget, for the receipt this browser keeps: the status, the
 * latest email's timeline, whether it stopped asking, and `checkNow` to start again (from the
 * beginning of the plan: after an address change, the new email is followed as closely as the
 * first). Another tab confirming asks at once.
 */
export function useFollowRegistration(receipt: string | undefined, onLost: (problem: ClientProblem) => void) {
	const [status, setStatus] = useState<RegistrationStatus | null>(null);
	const [delivery, setDelivery] = useState<Delivery | undefined>(undefined);
	const [stopped, setStopped] = useState(false);
	const [round, setRound] = useState(0);

	useEffect(() => {
		if (!receipt) return undefined;
		setStopped(false);
		const handle = followRegistration({
			ask: async () => {
				const result = await callApi('registrationStatus', { receipt });
				return result.ok ? { ok: true, status: result.data.status, delivery: result.data.delivery } : result;
			},
			onStatus: (next, timeline) => {
				setStatus(next);
				// The same state again keeps the same object: the timeline on screen does not change.
				setDelivery((previous) => (sameDelivery(previous, timeline) ? previous : timeline));
			},
			onLost: (problem) => {
				setStatus(null);
				setDelivery(undefined);
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

	return {
		status,
		setStatus,
		delivery,
		/** Forgets the timeline on screen (it was the old address's) and asks again at once. */
		restart: () => {
			setDelivery(undefined);
			setRound((n) => n + 1);
		},
		stopped,
		checkNow: () => setRound((n) => n + 1),
	};
}

/** Two timelines that say the same (answers are new objects at every poll). */
function sameDelivery(a: Delivery | undefined, b: Delivery | undefined): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}
