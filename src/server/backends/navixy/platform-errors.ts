/**
 * What can go wrong with a platform call, and how it reaches the browser. The platform's own words
 * (`status.description`) never do: every code becomes a contract problem code, and whatever the
 * table does not know becomes `upstream_unavailable` with a log line naming the call and the code.
 */
import type { ProblemCode } from '../../../signup/contract.ts';
import { ProblemError } from '../../problem-error.ts';

/** The platform answered `{success: false, status: {code}}` (or HTTP 429 without a body we can read). */
export class PlatformError extends Error {
	override name = 'PlatformError';
	/** `resource/action`, e.g. `panel/user/create`. */
	readonly call: string;
	readonly code: number;
	readonly httpStatus: number;
	/** The whole answer (264 carries `timeout` and `remainder`; 7 may carry `errors`). */
	readonly answer: Readonly<Record<string, unknown>>;
	/** Seconds to wait, when the platform asked us to back off (code 15 / HTTP 429). */
	readonly retryAfterSeconds: number | undefined;

	constructor(call: string, code: number, httpStatus: number, answer: Record<string, unknown>, retryAfterSeconds?: number) {
		super(`${call} answered code ${code} (HTTP ${httpStatus})`);
		this.call = call;
		this.code = code;
		this.httpStatus = httpStatus;
		this.answer = answer;
		this.retryAfterSeconds = retryAfterSeconds;
	}
}

/** Why no usable answer came. */
export type UnavailableReason = 'unreachable' | 'timeout' | 'malformed' | 'backing_off';

/** No usable answer: connection refused, timeout, an answer that is not the documented envelope, or our own back-off. */
export class PlatformUnavailableError extends Error {
	override name = 'PlatformUnavailableError';
	readonly call: string;
	readonly reason: UnavailableReason;
	readonly retryAfterSeconds: number;

	constructor(call: string, reason: UnavailableReason, message: string, retryAfterSeconds = defaultRetryAfterSeconds) {
		super(`${call}: ${message}`);
		this.call = call;
		this.reason = reason;
		this.retryAfterSeconds = retryAfterSeconds;
	}
}

/** The `Retry-After` of an `upstream_unavailable` that has no better estimate (as the built-in backend's busy hasher). */
export const defaultRetryAfterSeconds = 5;

/** Where log lines go. */
export type Logger = (line: string) => void;

/** Whether `error` is a platform answer with one of `codes`. */
export function hasPlatformCode(error: unknown, ...codes: number[]): error is PlatformError {
	return error instanceof PlatformError && codes.includes(error.code);
}

/** One row of the mapping table. */
export interface CodeMapping {
	problem: ProblemCode;
	/** What the platform documents the code as. */
	meaning: string;
}

/**
 * How a documented platform code reaches the browser when the flow that made the call does not
 * handle it itself. Flow-specific rows (201, 206, 264 and 265 become the generic answer, 7 and 13 on
 * `panel/user/create` are the reader's field or the provider's configuration, 3 and 4 renew the
 * panel session or mean a dead link) live in the flows; the README has the whole table.
 */
export const platformCodeProblems: ReadonlyMap<number, CodeMapping> = new Map<number, CodeMapping>([
	[1, { problem: 'upstream_unavailable', meaning: 'database error' }],
	[3, { problem: 'upstream_unavailable', meaning: 'wrong hash (still wrong after a new panel session)' }],
	[4, { problem: 'upstream_unavailable', meaning: 'session ended or wrong kind of hash (still after a new panel session)' }],
	[5, { problem: 'upstream_unavailable', meaning: 'wrong request format (a bug on our side)' }],
	[6, { problem: 'upstream_unavailable', meaning: 'unexpected error' }],
	[7, { problem: 'upstream_unavailable', meaning: 'invalid parameters (panel/user/create and user/password/change map the field themselves)' }],
	[8, { problem: 'upstream_unavailable', meaning: 'queue error' }],
	[11, { problem: 'upstream_unavailable', meaning: 'provider blocked' }],
	[12, { problem: 'upstream_unavailable', meaning: 'provider not found (check NAVIXY_UI_DOMAIN, NAVIXY_PANEL_LOGIN)' }],
	[13, { problem: 'upstream_unavailable', meaning: 'operation not permitted (the panel account lacks a right; panel/user/create answers registration_unavailable)' }],
	[14, { problem: 'upstream_unavailable', meaning: 'database unavailable' }],
	[15, { problem: 'upstream_unavailable', meaning: 'too many requests (the platform’s limit, not the reader’s)' }],
	[102, { problem: 'upstream_unavailable', meaning: 'wrong login or password (user/auth; not called)' }],
	[103, { problem: 'upstream_unavailable', meaning: 'user not activated (user/auth; not called)' }],
	[104, { problem: 'upstream_unavailable', meaning: 'login limit (user/auth; not called)' }],
	[105, { problem: 'upstream_unavailable', meaning: 'login limit (user/auth; not called)' }],
	[201, { problem: 'upstream_unavailable', meaning: 'not found (no settings for the domain; the resend flow answers generically instead)' }],
	[206, { problem: 'upstream_unavailable', meaning: 'login already in use (the registration flow handles it)' }],
	[207, { problem: 'upstream_unavailable', meaning: 'invalid captcha (the platform’s own forms; not called)' }],
	[209, { problem: 'upstream_unavailable', meaning: 'failed sending email (that address pauses for a minute)' }],
	[257, { problem: 'registration_disabled', meaning: 'registration forbidden' }],
	[264, { problem: 'upstream_unavailable', meaning: 'asked again too soon (the flows answer generically instead)' }],
	[265, { problem: 'upstream_unavailable', meaning: 'already activated (the flows answer generically instead)' }],
]);

/**
 * The problem a failed platform call becomes, logging why. Anything that is not a platform failure
 * is a bug and is returned as is (the app answers `internal_error`).
 */
export function platformProblem(error: unknown, log: Logger): unknown {
	if (error instanceof PlatformUnavailableError) {
		if (error.reason !== 'backing_off') log(`navixy: ${error.message}`);
		return new ProblemError('upstream_unavailable', 'The provider’s platform cannot be reached; try again shortly.', { retryAfter: error.retryAfterSeconds });
	}
	if (!(error instanceof PlatformError)) return error;
	const mapping = platformCodeProblems.get(error.code);
	if (!mapping) {
		log(`navixy: ${error.call} answered the undocumented code ${error.code} (HTTP ${error.httpStatus}); answering upstream_unavailable`);
		return new ProblemError('upstream_unavailable', 'The provider’s platform gave an unexpected answer; try again later.', { retryAfter: defaultRetryAfterSeconds });
	}
	log(`navixy: ${error.call} answered code ${error.code} (${mapping.meaning}); answering ${mapping.problem}`);
	if (mapping.problem !== 'upstream_unavailable') return new ProblemError(mapping.problem);
	const retryAfter = error.retryAfterSeconds ?? defaultRetryAfterSeconds;
	return new ProblemError('upstream_unavailable', 'The provider’s platform cannot answer now; try again shortly.', { retryAfter });
}

/** One entry of a code 7's `errors`: the parameter the platform refused and its words on why. */
export interface InvalidParameter {
	parameter: string;
	error: string;
}

/** The `errors` of a code 7 (`[{parameter, error}]`); empty when the platform named none. */
export function invalidParameters(error: PlatformError): InvalidParameter[] {
	const errors = error.answer['errors'];
	if (!Array.isArray(errors)) return [];
	return errors.flatMap((item: unknown) => {
		if (typeof item !== 'object' || item === null) return [];
		const fields = item as Record<string, unknown>;
		const parameter = fields['parameter'];
		return typeof parameter === 'string' ? [{ parameter, error: typeof fields['error'] === 'string' ? fields['error'] : '' }] : [];
	});
}
