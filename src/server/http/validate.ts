/**
 * Request validation at the edge: JSON only (415 otherwise), then the contract's schema. A schema
 * failure becomes a problem answer: field checks that carry their own problem code (an invalid
 * email, a malformed token) answer with that code; anything structural — a wrong type, a missing
 * or unknown field — is `invalid_request` with the issues listed.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { validator } from 'hono/validator';
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

import { problemCodes, type ProblemCode } from '../../signup/contract.ts';
import { ProblemError } from '../problem-error.ts';
import { problemResponse } from './problem.ts';

// zod/mini ships without messages; the server's answers are for developers, in English.
z.config(en());

const jsonMediaType = /^application\/json\s*(;|$)/i;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Answers 415 unless the request says its body is JSON, and `invalid_request` unless the body is
 * well-formed UTF-8: a lenient decoder would turn bad bytes into U+FFFD, and a password would then
 * silently be another one than the reader typed. (Hono keeps the bytes read here for the validator.)
 */
export const requireJson: MiddlewareHandler = async (c, next) => {
	if (!jsonMediaType.test(c.req.header('Content-Type') ?? '')) {
		return problemResponse(c, new ProblemError('unsupported_media_type', 'Send the body as application/json.'));
	}
	try {
		strictUtf8.decode(await c.req.arrayBuffer());
	} catch (error) {
		if (!(error instanceof TypeError)) throw error;
		const message = 'The body is not valid UTF-8; send the text as UTF-8.';
		return problemResponse(c, new ProblemError('invalid_request', message, { issues: [{ path: '(body)', message }] }));
	}
	return next();
};

/**
 * Validates the JSON body with a contract schema; the handler reads the result with
 * `c.req.valid('json')`. Malformed JSON makes Hono throw an HTTPException, which `onError` turns
 * into `invalid_request`.
 */
export function jsonBody<T extends z.ZodMiniType>(schema: T) {
	return validator('json', (value: unknown, c: Context): z.output<T> | Response => {
		const result = schema.safeParse(value);
		return result.success ? result.data : problemResponse(c, problemForIssues(result.error.issues));
	});
}

/** The problem a list of zod issues amounts to. */
export function problemForIssues(issues: readonly z.core.$ZodIssue[]): ProblemError {
	const codes = issues.map(ownProblem);
	if (codes.every((code) => code !== null)) {
		const [first] = issues;
		return new ProblemError(codes[0] ?? 'invalid_request', first?.message);
	}
	const listed = issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(body)', message: issue.message }));
	return new ProblemError(
		'invalid_request',
		listed.map((issue) => `${issue.path}: ${issue.message}`).join('; '),
		{ issues: listed },
	);
}

/** The problem code a custom contract check attached to its issue, if any. */
function ownProblem(issue: z.core.$ZodIssue): ProblemCode | null {
	if (issue.code !== 'custom') return null;
	const problem: unknown = issue.params?.['problem'];
	return typeof problem === 'string' && (problemCodes as readonly string[]).includes(problem) ? (problem as ProblemCode) : null;
}
