import { expect, test } from 'vitest';

import { mannWhitneyZ, separation, shuffled } from './timing-classifier.ts';

const noise = (seed: number, count: number, shift = 0) => shuffled(Array.from({ length: count }, (_, index) => index), seed).map((value) => value / count + shift);

test('two samples of one distribution are a coin toss; shifted ones are told apart', () => {
	const same = separation(noise(1, 300), noise(2, 300));
	expect(same.accuracy).toBeLessThan(0.55);
	expect(Math.abs(same.z)).toBeLessThan(3);
	const apart = separation(noise(3, 300, 0.3), noise(4, 300));
	expect(apart.accuracy).toBeGreaterThan(0.6);
	expect(apart.z).toBeGreaterThan(3);
});

test('Mann–Whitney z of fully separated samples is large and signed', () => {
	expect(mannWhitneyZ([10, 11, 12], [1, 2, 3])).toBeGreaterThan(1.9);
	expect(mannWhitneyZ([1, 2, 3], [10, 11, 12])).toBeLessThan(-1.9);
});
