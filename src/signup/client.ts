/**
 * The browser's client for the sign-up API. Every answer is checked against the contract before a
 * widget sees it, and every failure becomes one {@link ClientProblem} a widget can translate:
 * an API problem code, or `network_error` / `timeout` / `bad_answer` when no usable answer came.
 */
import * as z from 'zod/mini';

import { apiBasePath, endpoints, ProblemSchema, type EndpointName, type Problem, type ProblemCode } from './contract.ts';

/** Why a call failed: an API problem, or one of the failures that happen before an answer. */
export type ClientProblemCode = ProblemCode | 'network_error' | 'timeout' | 'bad_answer';

/** A failed call, with what a widget needs to explain it. */
export interface ClientProblem {
	code: ClientProblemCode;
	/** Seconds to wait before trying again, when the server said so. */
	retryAfter?: number;
	/** `weak_password`: the rules the password broke. */
	rules?: Problem['rules'];
	/** `invalid_code`: wrong codes still allowed. */
	attemptsLeft?: number;
}

/** The outcome of a call: the parsed answer, or a problem. Calls never throw. */
export type CallResult<T> = { ok: true; data: T } | { ok: false; problem: ClientProblem };

/** The request body an endpoint takes. */
type RequestOf<N extends EndpointName> = (typeof endpoints)[N] extends { request: infer S extends z.ZodMiniType } ? z.input<S> : undefined;
/** The answer an endpoint gives on success. */
type AnswerOf<N extends EndpointName> = z.output<(typeof endpoints)[N]['success']['schema']>;

/** Options of {@link createClient}. */
export interface ClientOptions {
	/**
	 * The origin that serves the API. Default: the page's `<meta name="signup-api">` (a provider
	 * whose API lives elsewhere), else the page's own origin.
	 */
	baseUrl?: string;
	/** How long to wait for an answer before giving up with `timeout`. Default: 8 seconds. */
	timeoutMs?: number;
	/** The fetch to use; tests pass their own. */
	fetch?: typeof fetch;
}

/** A client whose `call` sends one endpoint's request and checks its answer. */
export interface SignupClient {
	call<N extends EndpointName>(name: N, body?: RequestOf<N>): Promise<CallResult<AnswerOf<N>>>;
}

/** Creates a client. */
export function createClient(options: ClientOptions = {}): SignupClient {
	const { baseUrl = pageApiBase(), timeoutMs = 8000 } = options;
	const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
	return {
		async call(name, body) {
			const endpoint = endpoints[name];
			let response: Response;
			try {
				response = await doFetch(baseUrl + apiBasePath + endpoint.path, {
					method: endpoint.method,
					headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
					...(body === undefined ? {} : { body: JSON.stringify(body) }),
					signal: AbortSignal.timeout(timeoutMs),
				});
			} catch (error) {
				return failure(error instanceof DOMException && error.name === 'TimeoutError' ? 'timeout' : 'network_error');
			}
			let json: unknown;
			try {
				json = await response.json();
			} catch (error) {
				if (error instanceof DOMException && error.name === 'TimeoutError') return failure('timeout');
				return failure(response.ok ? 'bad_answer' : statusProblem(response));
			}
			if (response.status === endpoint.success.status) {
				const parsed = z.safeParse(endpoint.success.schema, json);
				return parsed.success ? { ok: true, data: parsed.data as AnswerOf<typeof name> } : failure('bad_answer');
			}
			const problem = z.safeParse(ProblemSchema, json);
			if (!problem.success) return failure(statusProblem(response));
			const { code, retryAfter, rules, attemptsLeft } = problem.data;
			return {
				ok: false,
				problem: {
					code,
					...(retryAfter === undefined ? retryAfterHeader(response) : { retryAfter }),
					...(rules === undefined ? {} : { rules }),
					...(attemptsLeft === undefined ? {} : { attemptsLeft }),
				},
			};
		},
	};
}

/** The API origin a page names in `<meta name="signup-api" content="…">`, or `''` for its own. */
function pageApiBase(): string {
	if (typeof document === 'undefined') return '';
	return document.querySelector<HTMLMetaElement>('meta[name="signup-api"]')?.content.replace(/\/+$/, '') ?? '';
}

function failure(code: ClientProblemCode): { ok: false; problem: ClientProblem } {
	return { ok: false, problem: { code } };
}

/** A problem for an error answer that is not problem+json (a proxy's page, a crashed server). */
function statusProblem(response: Response): ClientProblemCode {
	if (response.status === 429) return 'rate_limited';
	if (response.status === 413) return 'payload_too_large';
	if (response.status >= 500) return 'upstream_unavailable';
	return 'bad_answer';
}

function retryAfterHeader(response: Response): { retryAfter?: number } {
	const seconds = Number(response.headers.get('retry-after'));
	return Number.isInteger(seconds) && seconds > 0 ? { retryAfter: seconds } : {};
}
