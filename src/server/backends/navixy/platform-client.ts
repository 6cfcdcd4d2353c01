/**
 * The one place that speaks HTTP to the platform: `POST <apiUrl>/<resource>/<action>` with a JSON
 * body, `Authorization: NVX <hash>` when a credential is given, a hard timeout, and the documented
 * envelope checked before anything else reads the answer. It also backs off after the platform's
 * rate limit (code 15 / HTTP 429) so that a flood of readers does not keep hammering it.
 */
import type { Clock } from '../../clock.ts';
import { PlatformError, PlatformUnavailableError } from './platform-errors.ts';

/** A call's parameters (JSON-serializable). */
export type PlatformParams = Record<string, unknown>;

/** A successful answer: the documented envelope's `success: true` object, fields as sent. */
export type PlatformAnswer = Readonly<Record<string, unknown>>;

/** How one call is made. */
export interface CallOptions {
	/**
	 * The call only reads (`dealer/get_ui_config`, `panel/user/list`…): it is tried once more after
	 * a timeout or a 8 (queue error) or 14 (database unavailable), the platform's passing troubles.
	 * Never for a call that changes something or sends an email.
	 */
	retry?: boolean;
}

/** Calls the platform. */
export interface PlatformClient {
	/**
	 * Calls `action` (e.g. `panel/user/list`). Resolves with the answer when `success` is true;
	 * throws {@link PlatformError} for an error envelope and {@link PlatformUnavailableError} when
	 * no usable answer came in time.
	 */
	call(action: string, params: PlatformParams, credential?: string, options?: CallOptions): Promise<PlatformAnswer>;
}

/** Whether a failed read is worth one more try. */
function isPassingTrouble(error: unknown): boolean {
	return (error instanceof PlatformUnavailableError && error.reason === 'timeout') || (error instanceof PlatformError && (error.code === 8 || error.code === 14));
}

/** What the client is built from. */
export interface PlatformClientOptions {
	/** Base URL without a trailing slash. */
	apiUrl: string;
	/** The longest wait for one call, connection and body included. */
	timeoutMs: number;
	clock: Clock;
	/** The largest answer read; the documented answers are a few KB. Default 1 MiB. */
	maxAnswerBytes?: number;
}

/** How long to stay away after a rate-limit answer without a `Retry-After`: the limits are per second. */
const defaultBackOffSeconds = 1;
/** The longest back-off a platform's `Retry-After` can impose on us. */
const maxBackOffSeconds = 60;

/** A {@link PlatformClient} over `fetch`. */
export function platformClient(options: PlatformClientOptions): PlatformClient {
	const maxAnswerBytes = options.maxAnswerBytes ?? 1024 * 1024;
	// The panel API and the user API have separate limits (10/s per provider, 50/s per user and IP).
	const backOffUntil = new Map<'panel' | 'user', number>();

	return {
		async call(action, params, credential, callOptions) {
			if (!callOptions?.retry) return once(action, params, credential);
			try {
				return await once(action, params, credential);
			} catch (error) {
				if (!isPassingTrouble(error)) throw error;
				return once(action, params, credential);
			}
		},
	};

	/** One attempt: the back-off, the request, the envelope. */
	async function once(action: string, params: PlatformParams, credential: string | undefined): Promise<PlatformAnswer> {
		const scope = action.startsWith('panel/') ? 'panel' : 'user';
		const now = options.clock.now();
		const until = backOffUntil.get(scope) ?? 0;
		if (now < until) {
			const wait = Math.max(1, Math.ceil((until - now) / 1000));
			throw new PlatformUnavailableError(action, 'backing_off', `backing off after the platform's rate limit for ${wait} s`, wait);
		}

		const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
		if (credential) headers['Authorization'] = `NVX ${credential}`;
		let response: Response;
		let text: string | null;
		try {
			response = await fetch(`${options.apiUrl}/${action}`, {
				method: 'POST',
				headers,
				body: JSON.stringify(params),
				signal: AbortSignal.timeout(options.timeoutMs),
				redirect: 'error',
			});
			text = await readCapped(response, maxAnswerBytes);
		} catch (error) {
			if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
				throw new PlatformUnavailableError(action, 'timeout', `no answer within ${options.timeoutMs} ms`);
			}
			throw new PlatformUnavailableError(action, 'unreachable', `unreachable (${describeNetworkError(error)})`);
		}
		if (text === null) throw new PlatformUnavailableError(action, 'malformed', `answered more than ${maxAnswerBytes} bytes`);

		const answer = parseObject(text);
		const code = errorCode(answer);
		const rateLimited = response.status === 429 || code === 15;
		if (rateLimited) {
			const wait = Math.min(maxBackOffSeconds, retryAfterSeconds(response.headers.get('Retry-After')) ?? defaultBackOffSeconds);
			backOffUntil.set(scope, options.clock.now() + wait * 1000);
			throw new PlatformError(action, 15, response.status, answer ?? {}, wait);
		}
		if (answer?.['success'] === true) return answer;
		if (code !== undefined && answer) throw new PlatformError(action, code, response.status, answer);
		const shape = answer ? 'without the documented envelope' : 'with a body that is not a JSON object';
		throw new PlatformUnavailableError(action, 'malformed', `answered HTTP ${response.status} ${shape}`);
	}
}

/** Reads the body as text, or `null` when it is larger than `limit` bytes. */
async function readCapped(response: Response, limit: number): Promise<string | null> {
	if (!response.body) return '';
	const reader = response.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			await reader.cancel();
			return null;
		}
		chunks.push(value);
	}
	return Buffer.concat(chunks).toString('utf8');
}

function parseObject(text: string): Record<string, unknown> | null {
	try {
		const value: unknown = JSON.parse(text);
		return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
	} catch {
		return null;
	}
}

/** The documented error code of an error envelope, if the answer is one. */
function errorCode(answer: Record<string, unknown> | null): number | undefined {
	if (!answer || answer['success'] !== false) return undefined;
	const status = answer['status'];
	if (typeof status !== 'object' || status === null) return undefined;
	const code = (status as Record<string, unknown>)['code'];
	return typeof code === 'number' && Number.isInteger(code) ? code : undefined;
}

/** `Retry-After` in seconds (delay form only; the platform does not document the header at all). */
function retryAfterSeconds(header: string | null): number | undefined {
	if (!header || !/^\d+$/.test(header.trim())) return undefined;
	return Math.max(1, Number(header.trim()));
}

/** A short reason for a network failure, for the log; never the request. */
function describeNetworkError(error: unknown): string {
	const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
	return cause?.code ?? (error instanceof Error ? error.message : String(error));
}
