/** A password's strength from 0 (very weak) to 4 (very strong), as zxcvbn scores it. */
export type StrengthScore = 0 | 1 | 2 | 3 | 4;

/** Scores a password; `userInputs` (the email address…) count as guessable words. */
export type StrengthMeter = (password: string, userInputs: string[]) => StrengthScore;

let meter: Promise<StrengthMeter> | undefined;

/**
 * Loads zxcvbn and its dictionaries — several hundred kilobytes — the first time it is asked for,
 * which the password field does on first focus, so readers who never type a password never pay
 * for it. A failed download is tried again on the next call.
 */
export function loadStrengthMeter(): Promise<StrengthMeter> {
	meter ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('@zxcvbn-ts/language-en')]).then(
		([core, common, english]) => {
			const factory = new core.ZxcvbnFactory({
				dictionary: { ...common.dictionary, ...english.dictionary },
				graphs: common.adjacencyGraphs,
				useLevenshteinDistance: true,
			});
			return (password, userInputs) => factory.check(password, userInputs).score as StrengthScore;
		},
	);
	meter.catch(() => (meter = undefined));
	return meter;
}
