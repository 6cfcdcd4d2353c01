/** A password's strength from 0 (very weak) to 4 (very strong), as zxcvbn scores it. */
export type StrengthScore = 0 | 1 | 2 | 3 | 4;

/** Scores a password; `userInputs` (the email address…) count as guessable words. */
export type StrengthMeter = (password: string, userInputs: string[]) => StrengthScore;

let meter: Promise<StrengthMeter> | undefined;

/**
 * Loads zxcvbn the first time it is asked for, which the password field does on first focus, so
 * readers who never type a password never pay for it. A failed download is tried again on the next
 * call.
 *
 * Its dictionaries are two short lists, the same in every language (about 45 KB gzipped with
 * zxcvbn itself, instead of 820 KB for zxcvbn's English and common dictionaries): the server's own
 * list of common passwords, so the meter never calls strong what the server refuses, and the
 * passwords seen most often in breaches. zxcvbn's patterns (keyboard walks, sequences, repeats,
 * dates, l33t) need no dictionary.
 */
export function loadStrengthMeter(): Promise<StrengthMeter> {
	meter ??= Promise.all([import('@zxcvbn-ts/core'), import('./strength-data.ts')]).then(([core, data]) => {
		// No Levenshtein matching: it cost a phone hundreds of milliseconds per keystroke, and a typo of
		// a listed password (`passwrd`) still scores weak without it.
		const factory = new core.ZxcvbnFactory({ dictionary: data.dictionary, graphs: data.adjacencyGraphs });
		return (password, userInputs) => factory.check(password, userInputs).score as StrengthScore;
	});
	meter.catch(() => (meter = undefined));
	return meter;
}

