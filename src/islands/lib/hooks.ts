import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * `false` while the page shows the server-rendered markup, `true` once the island runs. Forms
 * keep their controls disabled until then: a press before hydration would do nothing.
 */
export function useHydrated(): boolean {
	const [hydrated, setHydrated] = useState(false);
	useEffect(() => setHydrated(true), []);
	return hydrated;
}

/** Seconds left until `until` (a `Date.now()` time), updated every second; 0 once passed. */
export function useCountdown(until: number): number {
	const [, setNow] = useState(() => Date.now());
	useEffect(() => {
		if (until <= Date.now()) return undefined;
		const timer = setInterval(() => {
			setNow(Date.now());
			if (Date.now() >= until) clearInterval(timer);
		}, 1000);
		return () => clearInterval(timer);
	}, [until]);
	// The clock is read at each render; the ticks only cause the renders. A time kept from the last
	// tick would add the time since it (since the page loaded, for the first countdown) to a new one.
	return Math.max(0, Math.ceil((until - Date.now()) / 1000));
}

/** Moves focus to the element once `when` becomes true (an error summary, a result heading). */
export function useFocusWhen<T extends HTMLElement>(when: unknown) {
	const ref = useRef<T>(null);
	useEffect(() => {
		if (when) ref.current?.focus();
	}, [when]);
	return ref;
}
