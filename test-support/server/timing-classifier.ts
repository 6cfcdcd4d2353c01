/**
 * Test support: how well one request's time tells two kinds of address apart — the attacker's view.
 * Two figures: the accuracy of the best single-request threshold classifier (“slower than t ms means
 * the address has an account”), cross-validated so that chance alone scores about 50 %, and the
 * Mann–Whitney z of the two samples (|z| ≥ 3 would mean the kinds' times differ).
 */

/** The measured verdict on two samples of request times. */
export interface Separation {
	/** Cross-validated accuracy of the best threshold: 0.5 is a coin toss. */
	accuracy: number;
	/** The same threshold's accuracy on the data it was chosen on (optimistic; printed, not judged). */
	inSampleAccuracy: number;
	/** Mann–Whitney U as a normal z score (positive: the first sample is slower). */
	z: number;
}

/** The best threshold on two samples, either way round, and its accuracy on them. */
function bestThreshold(a: readonly number[], b: readonly number[]): { threshold: number; aAbove: boolean; accuracy: number } {
	const all = [...a.map((value) => ({ value, a: true })), ...b.map((value) => ({ value, a: false }))].sort((x, y) => x.value - y.value);
	// Walk the sorted values: below the cut, count a's and b's.
	let aBelow = 0;
	let bBelow = 0;
	let best = { threshold: Number.NEGATIVE_INFINITY, aAbove: true, accuracy: 0.5 };
	const total = a.length + b.length;
	for (let index = 0; index <= all.length; index++) {
		// "a above the cut": b's below are right, a's above are right.
		const aAboveRight = (bBelow + (a.length - aBelow)) / total;
		const aBelowRight = (aBelow + (b.length - bBelow)) / total;
		const threshold = index < all.length ? (all[index]?.value ?? 0) : Number.POSITIVE_INFINITY;
		if (aAboveRight > best.accuracy) best = { threshold, aAbove: true, accuracy: aAboveRight };
		if (aBelowRight > best.accuracy) best = { threshold, aAbove: false, accuracy: aBelowRight };
		const item = all[index];
		if (item?.a) aBelow++;
		else if (item) bBelow++;
	}
	return best;
}

/** Accuracy of a threshold (values below `threshold` are “b” when `aAbove`) on fresh samples. */
function accuracyOf(rule: { threshold: number; aAbove: boolean }, a: readonly number[], b: readonly number[]): number {
	const saysA = (value: number) => (value >= rule.threshold) === rule.aAbove;
	const right = a.filter(saysA).length + b.filter((value) => !saysA(value)).length;
	return right / (a.length + b.length);
}

/** Mann–Whitney U of `a` against `b`, as a z score (ties share their mean rank). */
export function mannWhitneyZ(a: readonly number[], b: readonly number[]): number {
	const all = [...a.map((value) => ({ value, a: true })), ...b.map((value) => ({ value, a: false }))].sort((x, y) => x.value - y.value);
	let rankSumA = 0;
	for (let start = 0; start < all.length; ) {
		let end = start;
		while (end + 1 < all.length && all[end + 1]?.value === all[start]?.value) end++;
		const rank = (start + end) / 2 + 1;
		for (let index = start; index <= end; index++) if (all[index]?.a) rankSumA += rank;
		start = end + 1;
	}
	const n1 = a.length;
	const n2 = b.length;
	const u = rankSumA - (n1 * (n1 + 1)) / 2;
	return (u - (n1 * n2) / 2) / Math.sqrt((n1 * n2 * (n1 + n2 + 1)) / 12);
}

/**
 * How separable two samples are. The threshold is chosen on one half (even indices) and scored on
 * the other, then the other way round: an attacker must pick the threshold before seeing the
 * request they classify.
 */
export function separation(a: readonly number[], b: readonly number[]): Separation {
	const half = (values: readonly number[], parity: number) => values.filter((_, index) => index % 2 === parity);
	let right = 0;
	for (const parity of [0, 1]) {
		const rule = bestThreshold(half(a, parity), half(b, parity));
		const testA = half(a, 1 - parity);
		const testB = half(b, 1 - parity);
		right += accuracyOf(rule, testA, testB) * (testA.length + testB.length);
	}
	return { accuracy: right / (a.length + b.length), inSampleAccuracy: bestThreshold(a, b).accuracy, z: mannWhitneyZ(a, b) };
}

/** A deterministic shuffle (mulberry32), so that a run's order can be repeated. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
	let state = seed >>> 0;
	const random = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const copy = [...items];
	for (let index = copy.length - 1; index > 0; index--) {
		const other = Math.floor(random() * (index + 1));
		[copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
	}
	return copy;
}
