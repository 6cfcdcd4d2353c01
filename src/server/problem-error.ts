/**
 * The domain's error: what a backend or a handler throws when a request cannot be carried out, with
 * a contract problem code. The HTTP layer turns it into a problem answer (`http/problem.ts`); a
 * backend never needs to know it is served over HTTP.
 */
import { problemCatalogue, type Problem, type ProblemCode } from '../signup/contract.ts';

/** The optional members of a problem body. */
export type ProblemExtras = Partial<Pick<Problem, 'retryAfter' | 'rules' | 'issues' | 'attemptsLeft'>>;

/**
 * An error that becomes a problem answer. Kept apart from plain `Error`s, which are bugs and
 * become `internal_error` without their message.
 */
export class ProblemError extends Error {
	override name = 'ProblemError';
	readonly code: ProblemCode;
	readonly extras: ProblemExtras;
	/** Headers to add, e.g. `Allow`. */
	readonly headers: Record<string, string>;

	constructor(code: ProblemCode, detail?: string, extras: ProblemExtras = {}, headers: Record<string, string> = {}) {
		super(detail ?? problemCatalogue[code].title);
		this.code = code;
		this.extras = extras;
		this.headers = headers;
	}
}
