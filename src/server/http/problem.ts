/**
 * Problems as values: {@link ProblemError} is what backends and handlers throw, and
 * {@link problemResponse} turns one into an RFC 9457 `application/problem+json` answer.
 */
import type { Context } from 'hono';

import { problemCatalogue, problemType, type Problem, type ProblemCode } from '../../signup/contract.ts';

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

/** The body of a problem answer. */
export function problemBody(code: ProblemCode, detail: string, extras: ProblemExtras = {}): Problem {
	const { status, title } = problemCatalogue[code];
	return { type: problemType(code), title, status, detail, code, ...extras };
}

/** A problem answer, with `Retry-After` when the body says when to retry. */
export function problemResponse(c: Context, error: ProblemError): Response {
	const body = problemBody(error.code, error.message, error.extras);
	const headers: Record<string, string> = {
		'Content-Type': 'application/problem+json',
		'Cache-Control': 'no-store',
		...error.headers,
	};
	if (body.retryAfter !== undefined) headers['Retry-After'] = String(body.retryAfter);
	return c.body(JSON.stringify(body), body.status as 400, headers);
}
