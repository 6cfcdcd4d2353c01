/**
 * Test support (not a test): a Navixy-compatible platform on a loopback port, written from the
 * documented contract (see `platform-calls.ts`) and held to it: every call is checked against the
 * platform's own OpenAPI reference, loaded at run time (`reference.ts`), and a call it refuses
 * answers code 7 with `errors: [{parameter, error}]` and is kept in `violations`; its own answers
 * are checked against the reference's answer schemas. It speaks the documented shapes — `POST
 * /v2/<resource>/<action>` with JSON, form or query parameters, the `{success, status: {code,
 * description}}` envelope with the documented HTTP statuses, `Authorization: NVX <hash>` or a
 * `hash` parameter, panel and user hashes that are not interchangeable, panel sessions that end
 * after 24 hours, and the rate limits (code 15, HTTP 429) — and lets a test break it on purpose:
 * any code for any call, answers that are not JSON or lack fields, slowness, a dropped connection,
 * or the whole platform down.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { serve, type HttpBindings } from '@hono/node-server';
import { Hono, type Context } from 'hono';

import type { Clock } from '../../src/server/clock.ts';
import {
	describeCode,
	httpStatusOf,
	PlatformFault,
	invalidParameterList,
	PlatformState,
	type ActivationEmail,
	type CallAccess,
	type Credential,
	type PlatformStateOptions,
	type RawUiSettings,
	type TestPlatformUser,
} from './platform-calls.ts';
import { referenceOperation, type ParameterError } from './reference.ts';

/** Something to do instead of (or before) answering a call normally. */
export type InjectedFault =
	/** An error envelope with this code (and the documented HTTP status unless given). */
	| { code: number; httpStatus?: number; extra?: Record<string, unknown> }
	/** This body, verbatim: not JSON, an HTML error page, `{"success": true}` without the fields… */
	| { raw: string; httpStatus?: number; contentType?: string; headers?: Record<string, string> }
	/** Wait this long, then answer normally. */
	| { delayMs: number }
	/** Close the connection without answering. */
	| { drop: true }
	/** Carry the call out, then close the connection without answering: the caller cannot know it happened. */
	| { loseAnswer: true };

/** The documented rate limits: panel API 10/s per provider, user API 50/s per user and per IP. */
export interface PlatformRateLimits {
	panelPerSecond: number;
	userPerSecond: number;
}

/** How to start the test platform. */
export interface TestPlatformOptions extends Omit<PlatformStateOptions, 'clock'> {
	clock: Clock;
	/** Default: the documented limits. `null`: no limit (a suite that drives hundreds of calls a second). */
	rateLimits?: PlatformRateLimits | null;
	/** Every call waits this long before it is answered (a slow platform, for the latency benchmark). Default 0. */
	latencyMs?: number;
}

/** A call as the platform saw it, for assertions (passwords are not kept). */
export interface RecordedCall {
	action: string;
	credential: Credential['kind'];
	/** The parameter names sent, sorted. */
	params: string[];
	/** The code answered, or 0 for success. */
	code: number;
}

/** A call the reference refuses (the backend's fault), or an answer of the test platform's own that it refuses (the double's). */
export interface ReferenceViolation {
	action: string;
	kind: 'request' | 'answer';
	errors: string[];
}

/** A running test platform. */
export interface TestPlatform {
	/** The API base, like `https://api.eu.navixy.com/v2`: `http://127.0.0.1:<port>/v2`. */
	url: string;
	state: PlatformState;
	/** Every call so far, oldest first. */
	calls: RecordedCall[];
	/** Every call the reference refused (answered code 7), oldest first: a backend must never cause one. */
	violations: ReferenceViolation[];
	users(): TestPlatformUser[];
	/** Activation emails (or restore emails) sent to `login` (to anyone when omitted), oldest first. */
	emails(login?: string, kind?: ActivationEmail['kind']): ActivationEmail[];
	/** Follows the newest activation link sent to `login`, as its owner would. */
	activate(login: string): void;
	/** The login page's “forgot password” form, which no API call documents: emails `login` a restore link. */
	requestPasswordRestore(login: string): ActivationEmail | undefined;
	/** Changes `settings` of `dealer/get_ui_config` (a `null` value removes a field; `null` removes them all). */
	updateSettings(patch: RawUiSettings | null): void;
	/**
	 * Makes a share `rate` (0–1) of all calls fail at random, before they take effect: an error
	 * envelope (1, 8 or 14), an HTML error page, or a dropped connection. Seeded, so a run repeats.
	 * `0` stops it.
	 */
	failRandomly(rate: number, seed?: number): void;
	/** Makes the next `times` calls of `action` (default 1; `Infinity` for all) do `fault`. */
	inject(action: string, fault: InjectedFault, times?: number): void;
	clearFaults(): void;
	/** Forgets every panel session, as a platform restart would: the hashes become unknown (3). */
	endPanelSessions(): void;
	/** Stops listening (connection refused) until {@link TestPlatform.comeBack}. */
	goDown(): Promise<void>;
	comeBack(): Promise<void>;
	close(): Promise<void>;
}

const basePath = '/v2';

/** Starts the test platform on `127.0.0.1`, port 0. */
export async function startTestPlatform(options: TestPlatformOptions): Promise<TestPlatform> {
	const state = new PlatformState(options);
	const limits = options.rateLimits === undefined ? { panelPerSecond: 10, userPerSecond: 50 } : options.rateLimits;
	const windows = new Map<string, number[]>();
	const faults = new Map<string, Array<{ fault: InjectedFault; times: number }>>();
	const calls: RecordedCall[] = [];
	const violations: ReferenceViolation[] = [];

	/** Spends one request of `key`'s per-second budget; false when it is spent. Real time: the limit is about load. */
	function withinLimit(key: string, perSecond: number): boolean {
		const now = performance.now();
		const recent = (windows.get(key) ?? []).filter((at) => now - at < 1000);
		recent.push(now);
		windows.set(key, recent);
		return recent.length <= perSecond;
	}

	let random: { rate: number; next: () => number } = { rate: 0, next: Math.random };
	const randomFaults: InjectedFault[] = [
		{ code: 1 },
		{ code: 8 },
		{ code: 14 },
		{ raw: '<html><body>502 Bad Gateway</body></html>', httpStatus: 502, contentType: 'text/html' },
		{ drop: true },
	];

	function nextFault(action: string): InjectedFault | undefined {
		if (random.rate > 0 && random.next() < random.rate) return randomFaults[Math.floor(random.next() * randomFaults.length)];
		const queue = faults.get(action);
		const head = queue?.[0];
		if (!queue || !head) return undefined;
		head.times -= 1;
		if (head.times <= 0) queue.shift();
		return head.fault;
	}

	const app = new Hono<{ Bindings: HttpBindings }>();
	app.all(`${basePath}/*`, async (c) => {
		const action = c.req.path.slice(basePath.length + 1);
		const params = await readParams(c);
		if (params === null) return envelope(c, new PlatformFault(5));
		const header = /^NVX\s+(\S+)$/i.exec(c.req.header('Authorization') ?? '')?.[1];
		// The credential: the header, or a `hash` parameter (dealer/get_ui_config's `hash` is a user session too).
		const sessionHash = header ?? stringParam(params['hash']);
		const credential = state.identify(sessionHash);
		// Every call is checked against the reference's schema, whatever a test injected for it.
		const documented = referenceOperation(action);
		const refused = documented ? dedupe(documented.checkRequest(params)) : [];
		if (refused.length > 0) violations.push({ action, kind: 'request', errors: refused.map((error) => `${error.parameter} ${error.error}`) });
		const record = (code: number) => calls.push({ action, credential: credential.kind, params: Object.keys(params).sort(), code });

		const ip = (c.env.incoming as IncomingMessage).socket.remoteAddress ?? 'unknown';
		if (limits) {
			const panel = action.startsWith('panel/');
			const allowed = panel
				? withinLimit('panel', limits.panelPerSecond)
				: withinLimit(`ip:${ip}`, limits.userPerSecond) && (credential.kind !== 'user' || withinLimit(`user:${credential.hash}`, limits.userPerSecond));
			if (!allowed) {
				record(15);
				return envelope(c, new PlatformFault(15));
			}
		}

		if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
		let fault = nextFault(action);
		if (fault && 'delayMs' in fault) {
			await new Promise((resolve) => setTimeout(resolve, fault && 'delayMs' in fault ? fault.delayMs : 0));
			fault = undefined;
		}
		if (fault && 'drop' in fault) {
			record(-1);
			(c.env.incoming as IncomingMessage).socket.destroy();
			return c.body(null);
		}
		if (fault && 'raw' in fault) {
			record(-1);
			return c.body(fault.raw, (fault.httpStatus ?? 200) as 200, { 'Content-Type': fault.contentType ?? 'application/json', ...fault.headers });
		}
		if (fault && 'code' in fault) {
			record(fault.code);
			return envelope(c, new PlatformFault(fault.code, fault.extra), fault.httpStatus);
		}

		const definition = state.calls[action];
		try {
			// Assumption: an unknown call is a wrong request (5); the documentation does not say.
			if (!definition || !documented) throw new PlatformFault(5);
			checkAccess(definition.access, credential);
			if (definition.permission) checkPermission(state, definition.permission);
			if (refused.length > 0) throw invalidParameterList(refused);
			const answer = { success: true, ...definition.handle(params, credential) };
			// And the test platform's own answer against the reference's: the double must not drift either.
			const drift = documented.checkAnswer(answer);
			if (drift.length > 0) {
				violations.push({ action, kind: 'answer', errors: drift });
				throw new Error(`the test platform's answer to ${action} breaks the reference: ${drift.join('; ')}`);
			}
			record(0);
			if (fault && 'loseAnswer' in fault) {
				(c.env.incoming as IncomingMessage).socket.destroy();
				return c.body(null);
			}
			return c.json(answer);
		} catch (error) {
			if (!(error instanceof PlatformFault)) throw error;
			// A 7 of the call's own rules (time zone, password policy, login) is a refused call too.
			if (error.code === 7 && refused.length === 0 && !error.byState) {
				violations.push({ action, kind: 'request', errors: (error.extra['errors'] as ParameterError[]).map((item) => `${item.parameter} ${item.error}`) });
			}
			record(error.code);
			return envelope(c, error);
		}
	});

	const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
	await new Promise<void>((resolve) => server.once('listening', () => resolve()));
	const port = (server.address() as AddressInfo).port;

	const stop = () =>
		new Promise<void>((resolve) => {
			server.closeAllConnections();
			server.close(() => resolve());
		});

	return {
		url: `http://127.0.0.1:${port}${basePath}`,
		state,
		calls,
		violations,
		users: () => state.users,
		emails: (login, kind = 'activation') => state.emails.filter((email) => (login === undefined || email.to === login) && email.kind === kind),
		activate(login) {
			const email = state.emails.filter((candidate) => candidate.to === login && candidate.kind === 'activation').at(-1);
			if (!email) throw new Error(`no activation email for ${login}`);
			state.calls['user/activate']?.handle({}, state.identify(email.hash));
		},
		requestPasswordRestore: (login) => state.requestPasswordRestore(login),
		updateSettings(patch) {
			if (patch === null) state.settings = null;
			else state.settings = Object.fromEntries(Object.entries({ ...(state.settings ?? {}), ...patch }).filter(([, value]) => value !== null));
		},
		inject(action, fault, times = 1) {
			const queue = faults.get(action) ?? [];
			queue.push({ fault, times });
			faults.set(action, queue);
		},
		failRandomly(rate, seed = 1) {
			random = { rate, next: seededRandom(seed) };
		},
		clearFaults: () => faults.clear(),
		endPanelSessions: () => state.endPanelSessions(),
		goDown: stop,
		comeBack: () =>
			new Promise<void>((resolve, reject) => {
				server.once('error', reject);
				server.listen(port, '127.0.0.1', () => {
					server.off('error', reject);
					resolve();
				});
			}),
		close: async () => {
			if (server.listening) await stop();
		},
	};
}

/** A panel call needs a live panel hash, a user call a user hash; the other kind is code 4, an unknown hash 3. */
function checkAccess(access: CallAccess, credential: Credential): void {
	if (access === 'open' || credential.kind === access) return;
	if (credential.kind === 'invalid') throw new PlatformFault(credential.ended ? 4 : 3);
	// Assumption: no hash at all is a wrong hash (3); the documentation does not say.
	throw new PlatformFault(credential.kind === 'none' ? 3 : 4);
}

/** A panel call needs its permission in the session's `permissions` (13, "operation not permitted"). */
function checkPermission(state: PlatformState, [category, action]: [string, string]): void {
	if (!(state.options.permissions[category] ?? []).includes(action)) throw new PlatformFault(13);
}

function dedupe(errors: ParameterError[]): ParameterError[] {
	const seen = new Set<string>();
	return errors.filter((error) => {
		const key = `${error.parameter} ${error.error}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

function envelope(c: Context, fault: PlatformFault, httpStatus?: number): Response {
	const body = { success: false, status: { code: fault.code, description: describeCode(fault.code) }, ...fault.extra };
	return c.json(body, (httpStatus ?? httpStatusOf(fault.code)) as 400);
}

function stringParam(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The parameters: the query string, then a JSON or form body. Assumption (form and query): a value
 * written as a JSON object or array (`user={"login":…}`), `true` or `false` is decoded, the rest
 * stays a string. `null` for a body that cannot be read (code 5).
 */
async function readParams(c: Context): Promise<Record<string, unknown> | null> {
	const decode = (value: string): unknown => {
		if (value === 'true' || value === 'false') return value === 'true';
		if (/^[[{]/.test(value)) {
			try {
				return JSON.parse(value) as unknown;
			} catch {
				return value;
			}
		}
		return value;
	};
	const params: Record<string, unknown> = {};
	for (const [key, value] of new URL(c.req.url).searchParams) params[key] = decode(value);
	const text = await c.req.text();
	if (text.trim() === '') return params;
	const type = c.req.header('Content-Type') ?? '';
	if (/application\/x-www-form-urlencoded/i.test(type)) {
		for (const [key, value] of new URLSearchParams(text)) params[key] = decode(value);
		return params;
	}
	try {
		const body: unknown = JSON.parse(text);
		if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
		return { ...params, ...(body as Record<string, unknown>) };
	} catch {
		return null;
	}
}

/** A small seeded generator (mulberry32): the same failures in every run. */
function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let value = state;
		value = Math.imul(value ^ (value >>> 15), value | 1);
		value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
		return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
	};
}
