/**
 * The help center's side of the platform contract: signed calls to a provider's implementation,
 * answers parsed with the contract. A call that gets no answer (network failure, timeout) or
 * `unavailable` is retried with the **same** `webhook-id`, freshly signed: the platform's
 * idempotency makes the retry safe (a user is never created twice, even when the first attempt did
 * reach the platform and only its answer was lost).
 */
import * as z from 'zod/mini';

import {
	PlatformProblemSchema,
	platformContractVersion,
	platformOperations,
	type PlatformOperationName,
	type PlatformProblemCode,
} from './contract.ts';
import { newWebhookId, signatureHeaders } from './signing.ts';

/** How to reach a platform. */
export interface PlatformClientOptions {
	/** The base URL of the provider's implementation (`PLATFORM_URL`); operation paths are appended. */
	url: string;
	/** The shared `whsec_` secret (`PLATFORM_SECRET`). */
	secret: string;
	/** Per attempt; default 5 s. */
	timeoutMs?: number;
	/** Attempts in all for one call; default 3. */
	attempts?: number;
	/** Wait before the second attempt, doubled for each next one; default 250 ms. */
	retryDelayMs?: number;
	/** Milliseconds since the epoch, for `webhook-timestamp`; default the system clock. */
	now?: () => number;
	fetch?: typeof fetch;
}

/** Why a call did not succeed: a problem the platform answered, or no usable answer at all. */
export class PlatformCallError extends Error {
	override name = 'PlatformCallError';
	/** The platform's problem code; `unreachable` (no answer after every attempt) or `bad_answer` (not the contract's). */
	readonly code: PlatformProblemCode | 'unreachable' | 'bad_answer';
	readonly operation: PlatformOperationName;
	/** The HTTP status, when there was an answer. */
	readonly status: number | undefined;
	constructor(code: PlatformCallError['code'], operation: PlatformOperationName, message: string, status?: number) {
		super(`${operation}: ${message}`);
		this.code = code;
		this.operation = operation;
		this.status = status;
	}
}

/** The answer of an operation. */
export type PlatformAnswer<Name extends PlatformOperationName> = z.output<(typeof platformOperations)[Name]['success']['schema']>;

/** The input of an operation. */
export type PlatformInput<Name extends PlatformOperationName> = z.input<(typeof platformOperations)[Name]['request']>;

/** A client of one platform. */
export interface PlatformClient {
	/** Calls an operation; resolves with its answer or throws a {@link PlatformCallError}. `id` defaults to a new one. */
	call<Name extends PlatformOperationName>(name: Name, input: PlatformInput<Name>, options?: { id?: string }): Promise<PlatformAnswer<Name>>;
}

/** A client for the platform at `options.url`. */
export function platformClient(options: PlatformClientOptions): PlatformClient {
	const { secret, timeoutMs = 5000, attempts = 3, retryDelayMs = 250, now = Date.now } = options;
	const doFetch = options.fetch ?? fetch;
	const base = options.url.replace(/\/+$/, '');
	return {
		async call(name, input, { id = newWebhookId() } = {}) {
			const operation = platformOperations[name];
			const body = JSON.stringify(input);
			let lastFailure = '';
			for (let attempt = 1; attempt <= attempts; attempt++) {
				if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, retryDelayMs * 2 ** (attempt - 2)));
				let response: Response;
				let text: string;
				try {
					// Each attempt is signed anew (a fresh timestamp), with the same id.
					response = await doFetch(`${base}${operation.path}`, {
						method: 'POST',
						headers: {
							'Content-Type': 'application/json',
							'Platform-Contract-Version': platformContractVersion,
							...signatureHeaders(secret, id, Math.floor(now() / 1000), body),
						},
						body,
						// A redirect would carry the password and the signature elsewhere: never followed.
						redirect: 'manual',
						signal: AbortSignal.timeout(timeoutMs),
					});
					text = await response.text();
				} catch (error) {
					lastFailure = error instanceof Error ? error.message : String(error);
					continue;
				}
				if (response.status >= 300 && response.status < 400) {
					const location = response.headers.get('location') ?? 'nowhere';
					throw new PlatformCallError('bad_answer', name, `the URL redirects (HTTP ${response.status} to ${location}); set it to the final address: calls are never sent on`, response.status);
				}
				const json = parseJson(text);
				if (response.status === operation.success.status) {
					const parsed = z.safeParse(operation.success.schema, json);
					if (!parsed.success) throw new PlatformCallError('bad_answer', name, `the ${response.status} answer is not the contract's: ${z.prettifyError(parsed.error)}`, response.status);
					return parsed.data as never;
				}
				const problem = z.safeParse(PlatformProblemSchema, json);
				if (!problem.success) {
					lastFailure = `HTTP ${response.status} without a problem body`;
					if (response.status >= 500) continue;
					throw new PlatformCallError('bad_answer', name, lastFailure, response.status);
				}
				if (problem.data.code === 'unavailable') {
					lastFailure = `unavailable: ${problem.data.detail ?? ''}`;
					continue;
				}
				throw new PlatformCallError(problem.data.code, name, problem.data.detail ?? problem.data.title, response.status);
			}
			throw new PlatformCallError('unreachable', name, `no answer after ${attempts} attempts (${lastFailure})`);
		},
	};
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}
