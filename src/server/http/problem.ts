/**
 * Problems on the wire: {@link problemResponse} turns a {@link ProblemError} (the domain's error,
 * `../problem-error.ts`) into an RFC 9457 `application/problem+json` answer.
 */
import type { Context } from 'hono';

import { problemCatalogue, problemType, type Problem, type ProblemCode } from '../../signup/contract.ts';
import type { ProblemError, ProblemExtras } from '../problem-error.ts';

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
