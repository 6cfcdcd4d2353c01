/**
 * Test support (not a test): a Navixy-compatible platform on a loopback port, written from the
 * documented contract (see `platform-calls.ts`). It speaks the documented shapes — `POST
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
	PlatformState,
	type ActivationEmail,
	type Credential,
	type PlatformStateOptions,
	type RawUiSettings,
	type TestPlatformUser,
} from './platform-calls.ts';

/** Something to do instead of (or before) answering a call normally. */
export type InjectedFault =
	/** An error envelope with this code (and the documented HTTP status unless given). */
	| { code: number; httpStatus?: number; extra?: Record<string, unknown> }
	/** This body, verbatim: not JSON, an HTML error page, `{"success": true}` without the fields… */
	| { raw: string; httpStatus?: number; contentType?: string; headers?: Record<string, string> }
	/** Wait this long, then answer normally. */
	| { delayMs: number }
	/** Close the connection without answering. */
	| { drop: true };

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

/** A running test platform. */
export interface TestPlatform {
	/** The API base, like `https://api.eu.navixy.com/v2`: `http://127.0.0.1:<port>/v2`. */
	url: string;
	state: PlatformState;
	/** Every call so far, oldest first. */
	calls: RecordedCall[];
	users(): TestPlatformUser[];
	/** Activation emails sent to `login` (all when omitted), oldest first. */
	emails(login?: string): ActivationEmail[];
	/** Follows the newest activation link sent to `login`, as its owner would. */
	activate(login: string): void;
	/** Changes `settings` of `dealer/get_ui_config` (a `null` value removes a field; `null` removes them all). */
	updateSettings(patch: RawUiSettings | null): void;
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

	/** Spends one request of `key`'s per-second budget; false when it is spent. Real time: the limit is about load. */
	function withinLimit(key: string, perSecond: number): boolean {
		const now = performance.now();
		const recent = (windows.get(key) ?? []).filter((at) => now - at < 1000);
		recent.push(now);
		windows.set(key, recent);
		return recent.length <= perSecond;
	}

	function nextFault(action: string): InjectedFault | undefined {
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
		// user/activate takes the activation link's hash as `hash`; it is not a session.
		const sessionHash = header ?? (action === 'user/activate' ? undefined : stringParam(params['hash']));
		const credential = state.identify(sessionHash);
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
			if (!definition) throw new PlatformFault(5);
			checkAccess(definition.access, credential);
			const answer = definition.handle(params, credential);
			record(0);
			return c.json({ success: true, ...answer });
		} catch (error) {
			if (!(error instanceof PlatformFault)) throw error;
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
		users: () => state.users,
		emails: (login) => state.emails.filter((email) => login === undefined || email.to === login),
		activate(login) {
			const email = state.emails.filter((candidate) => candidate.to === login).at(-1);
			if (!email) throw new Error(`no activation email for ${login}`);
			state.calls['user/activate']?.handle({ hash: email.hash }, { kind: 'none' });
		},
		updateSettings(patch) {
			if (patch === null) state.settings = null;
			else state.settings = Object.fromEntries(Object.entries({ ...(state.settings ?? {}), ...patch }).filter(([, value]) => value !== null));
		},
		inject(action, fault, times = 1) {
			const queue = faults.get(action) ?? [];
			queue.push({ fault, times });
			faults.set(action, queue);
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
function checkAccess(access: 'open' | 'user' | 'panel', credential: Credential): void {
	if (access === 'open' || credential.kind === access) return;
	if (credential.kind === 'invalid') throw new PlatformFault(credential.ended ? 4 : 3);
	// Assumption: no hash at all is a wrong hash (3); the documentation does not say.
	throw new PlatformFault(credential.kind === 'none' ? 3 : 4);
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
