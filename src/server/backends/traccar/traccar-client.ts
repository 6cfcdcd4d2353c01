/**
 * The few calls the help center makes to a Traccar server's REST API (reference: Traccar's
 * `openapi.yaml` and its resources), and what each failure means. Traccar answers an exception
 * without a status as HTTP 400 with a Java stack trace (`ResourceErrorHandler`), so a refusal of
 * rights ("Manager access required", "User access denied"…) is told apart from other 400s by the
 * exception's first line; only that line is ever logged.
 */
import { PlatformError } from '../account-platform.ts';
import type { TraccarConfig } from './config.ts';

/** A Traccar user as the API gives it (`#/components/schemas/User`); kept whole for `PUT`. */
export interface TraccarUser {
	id: number;
	name?: string;
	email?: string;
	disabled?: boolean;
	administrator?: boolean;
	userLimit?: number;
	deviceLimit?: number;
	[field: string]: unknown;
}

/** The server's settings (`GET /api/server`), the fields the help center reads. */
export interface TraccarServer {
	registration?: boolean;
	/** Only in an anonymous answer: the server has no users yet. */
	newServer?: boolean;
	version?: string;
	attributes?: Record<string, unknown>;
	[field: string]: unknown;
}

/** The answer of one call. */
interface Answer {
	status: number;
	text: string;
	headers: Headers;
}

/** Exceptions whose message says the token lacks a right (`PermissionsService`, `UserResource`). */
const rightsRefused = /SecurityException: (Manager access required|Administrator access required|Manager user limit reached|Write access denied|Operation restricted|Registration disabled)/;
/** A user the token may not see: deleted, or no longer managed by the token's user. */
const userAccessDenied = /SecurityException: User access denied/;
/** A second user with the same email (`tc_users.email` is unique). */
const duplicateEmail = /unique|duplicate|constraint/i;

/** The first line of a Traccar error body: the exception and its message, never the stack. */
export function exceptionLine(text: string): string {
	return (text.split('\n')[0] ?? '').trim().slice(0, 200) || '(empty body)';
}

/** A client for one Traccar server with the provider's token. */
export interface TraccarClient {
	/** `GET /api/server` without credentials: only such an answer carries `newServer`. */
	server(): Promise<TraccarServer>;
	/** `GET /api/session?token=…`: the token's own user; `null` when the token is refused. */
	tokenUser(): Promise<TraccarUser | null>;
	/** `GET /api/users?keyword=…`: the users the token may see whose address is `email` (any case). */
	usersWithEmail(email: string): Promise<TraccarUser[]>;
	/** `GET /api/users/{id}`; `null` when it is gone (404, or no longer visible to the token). */
	user(id: number): Promise<TraccarUser | null>;
	/** `POST /api/users`; `'duplicate'` when the address is taken. */
	createUser(user: Record<string, unknown>): Promise<TraccarUser | 'duplicate'>;
	/** `PUT /api/users/{id}` with the whole user; `null` when it is gone. */
	updateUser(user: TraccarUser & { password?: string }): Promise<TraccarUser | null>;
	/** `POST /api/password/reset` (form `email`): Traccar's own reset email. */
	requestPasswordReset(email: string): Promise<void>;
}

/**
 * A {@link TraccarClient}. `onCredentials` hears after each authenticated call whether Traccar
 * refused the token's rights (`true`, with what to fix) or accepted them: the health check's memory.
 */
export function traccarClient(config: Pick<TraccarConfig, 'url' | 'token' | 'timeoutMs'>, onCredentials?: (refused: boolean, why: string) => void): TraccarClient {
	async function call(method: string, path: string, options: { json?: unknown; form?: Record<string, string>; anonymous?: boolean } = {}): Promise<Answer> {
		const headers = new Headers({ Accept: 'application/json' });
		if (!options.anonymous) headers.set('Authorization', `Bearer ${config.token}`);
		let body: string | undefined;
		if (options.json !== undefined) {
			headers.set('Content-Type', 'application/json');
			body = JSON.stringify(options.json);
		} else if (options.form) {
			headers.set('Content-Type', 'application/x-www-form-urlencoded');
			body = new URLSearchParams(options.form).toString();
		}
		let response: Response;
		try {
			response = await fetch(`${config.url}/api${path}`, { method, headers, body: body ?? null, signal: AbortSignal.timeout(config.timeoutMs), redirect: 'manual' });
		} catch (error) {
			const why = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${config.timeoutMs} ms` : 'the connection failed';
			throw new PlatformError('unavailable', `${method} /api${path.replace(/\?.*/, '')}: ${why}`);
		}
		const text = await response.text().catch(() => '');
		const where = `${method} /api${path.replace(/\?.*/, '')}`;
		if (response.status >= 500 || response.status === 429) {
			const retryAfter = Number(response.headers.get('Retry-After'));
			throw new PlatformError('unavailable', `${where}: HTTP ${response.status}`, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
		}
		if (response.status >= 300 && response.status < 400) {
			// Redirects are not followed: the token would go wherever the server points.
			onCredentials?.(true, `${where}: HTTP ${response.status} to ${response.headers.get('Location') ?? '?'}: set TRACCAR_URL to the server's final address`);
			throw new PlatformError('misconfigured', `${where}: HTTP ${response.status}: TRACCAR_URL redirects (to ${response.headers.get('Location') ?? '?'})`);
		}
		if (!options.anonymous && (response.status === 401 || response.status === 403)) {
			onCredentials?.(true, `${where}: HTTP ${response.status}: Traccar refuses TRACCAR_TOKEN (revoked, expired, or its user disabled)`);
			throw new PlatformError('misconfigured', `${where}: HTTP ${response.status}: Traccar refuses TRACCAR_TOKEN`);
		}
		if (response.status === 400 && rightsRefused.test(text)) {
			const line = exceptionLine(text);
			onCredentials?.(true, `${where}: ${line}: TRACCAR_TOKEN's user lacks the right (a manager's or an administrator's token is needed)`);
			throw new PlatformError('misconfigured', `${where}: ${line}`);
		}
		if (!options.anonymous && response.status < 400) onCredentials?.(false, 'ok');
		return { status: response.status, text, headers: response.headers };
	}

	function json<T>(answer: Answer, where: string): T {
		try {
			return JSON.parse(answer.text) as T;
		} catch {
			throw new PlatformError('unavailable', `${where}: the answer is not JSON`);
		}
	}

	function unexpected(answer: Answer, where: string): PlatformError {
		return new PlatformError('unavailable', `${where}: HTTP ${answer.status}: ${exceptionLine(answer.text)}`);
	}

	return {
		async server() {
			const answer = await call('GET', '/server', { anonymous: true });
			if (answer.status !== 200) throw unexpected(answer, 'GET /api/server');
			return json<TraccarServer>(answer, 'GET /api/server');
		},
		async tokenUser() {
			// The documented way to learn whose a token is; the answer is the user (or 401).
			const answer = await call('GET', `/session?token=${encodeURIComponent(config.token)}`, { anonymous: true });
			if (answer.status === 401 || answer.status === 404) return null;
			if (answer.status !== 200) throw unexpected(answer, 'GET /api/session');
			return json<TraccarUser>(answer, 'GET /api/session');
		},
		async usersWithEmail(email) {
			const answer = await call('GET', `/users?keyword=${encodeURIComponent(email)}`);
			if (answer.status !== 200) throw unexpected(answer, 'GET /api/users');
			const users = json<TraccarUser[]>(answer, 'GET /api/users');
			// The keyword matches names and addresses anywhere in them: keep the address itself.
			const wanted = email.toLowerCase();
			return Array.isArray(users) ? users.filter((user) => typeof user.email === 'string' && user.email.toLowerCase() === wanted) : [];
		},
		async user(id) {
			const answer = await call('GET', `/users/${id}`);
			if (answer.status === 404 || (answer.status === 400 && userAccessDenied.test(answer.text))) return null;
			if (answer.status !== 200) throw unexpected(answer, 'GET /api/users/{id}');
			return json<TraccarUser>(answer, 'GET /api/users/{id}');
		},
		async createUser(user) {
			const answer = await call('POST', '/users', { json: user });
			if (answer.status === 400 && duplicateEmail.test(exceptionLine(answer.text))) return 'duplicate';
			if (answer.status !== 200) throw unexpected(answer, 'POST /api/users');
			return json<TraccarUser>(answer, 'POST /api/users');
		},
		async updateUser(user) {
			const answer = await call('PUT', `/users/${user.id}`, { json: user });
			if (answer.status === 404 || (answer.status === 400 && userAccessDenied.test(answer.text))) return null;
			if (answer.status !== 200) throw unexpected(answer, 'PUT /api/users/{id}');
			return json<TraccarUser>(answer, 'PUT /api/users/{id}');
		},
		async requestPasswordReset(email) {
			const answer = await call('POST', '/password/reset', { form: { email }, anonymous: true });
			if (answer.status !== 200) throw unexpected(answer, 'POST /api/password/reset');
		},
	};
}
