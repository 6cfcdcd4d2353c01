/**
 * Test support: a Traccar server for tests, written from the reference in `reference/` (Traccar
 * cannot run here). It speaks the REST API's documented shapes — every request and every answer it
 * gives checked against `openapi.yaml` (`reference.ts`) — and enforces what the resources enforce,
 * each rule beside the file it comes from:
 *
 * - `UserResource.add`: anonymous registration only while the server's `registration` is on
 *   ("Registration disabled"; off by default), the first user of an empty server becomes
 *   administrator, the server's user defaults (`deviceLimit` -1) only on the anonymous path, a
 *   manager's new users linked to the manager and counted against its `userLimit`;
 * - `PermissionsService.checkUserUpdate`: changing `administrator`, `deviceLimit` or `userLimit`
 *   needs an administrator, changing `disabled` (and the other restrictions) needs a manager of the
 *   user — so an anonymous request cannot create a disabled user;
 * - `PermissionsService.checkUser`/`checkPermission`: a manager sees and changes only its users;
 * - `tc_users.email` is unique; `PUT /api/users/{id}` replaces the whole user (fields left out take
 *   their Java defaults and are checked as changes);
 * - `LoginService`/`SessionResource`: `POST /api/session` (form `email`, `password`), 401 for a wrong
 *   password, 400 `User is disabled` for a disabled user with the right one;
 * - `PasswordResource`: `POST /api/password/reset` always 200, its token an ordinary API token that
 *   lives 7 days; `POST /api/password/update` sets the password;
 * - `ServerResource.get`: `newServer` only in an anonymous answer.
 *
 * Exceptions without a status answer 400 with a Java-style stack, as `ResourceErrorHandler` does.
 * A request the document refuses is answered 400 and kept in `violations`; `close()` of the sign-up
 * test server fails a test that made any. Where the reference is silent, `Assumption:` says what
 * was chosen.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Clock } from '../../src/server/clock.ts';
import { traccarOperation } from './reference.ts';

/** A user as the test server stores it: the document's fields, the password, and the Java-side ones. */
export interface StoredUser {
	id: number;
	name: string | null;
	email: string | null;
	phone: string | null;
	readonly: boolean;
	administrator: boolean;
	map: string | null;
	latitude: number;
	longitude: number;
	zoom: number;
	coordinateFormat: string | null;
	disabled: boolean;
	expirationTime: string | null;
	deviceLimit: number;
	userLimit: number;
	deviceReadonly: boolean;
	limitCommands: boolean;
	fixedEmail: boolean;
	poiLayer: string | null;
	attributes: Record<string, unknown>;
	/** In clear: a test double compares it, nothing more. Never in an answer. */
	password: string | null;
}

/** The Java defaults of a `User` deserialized from a body that leaves a field out. */
const javaDefaults: Omit<StoredUser, 'id'> = {
	name: null,
	email: null,
	phone: null,
	readonly: false,
	administrator: false,
	map: null,
	latitude: 0,
	longitude: 0,
	zoom: 0,
	coordinateFormat: null,
	disabled: false,
	expirationTime: null,
	deviceLimit: 0,
	userLimit: 0,
	deviceReadonly: false,
	limitCommands: false,
	fixedEmail: false,
	poiLayer: null,
	attributes: {},
	password: null,
};

/** The server's settings (`tc_servers`), the part tests change. */
export interface TestTraccarSettings {
	registration: boolean;
	readonly: boolean;
	attributes: Record<string, unknown>;
}

/** An email Traccar sent (`PasswordResource.reset`): the token its link carries. */
export interface TraccarResetEmail {
	email: string;
	token: string;
}

/** One request the reference refused. */
export interface TraccarViolation {
	method: string;
	path: string;
	errors: string[];
}

/** How to start the test server. */
export interface TestTraccarOptions {
	clock: Clock;
	/**
	 * `true`: no users at all (`newServer`). Otherwise an administrator and a manager are made, and
	 * a token for each (`adminToken`, `managerToken`).
	 */
	empty?: boolean;
	/** The manager's `userLimit` (default -1, unlimited; 0 would make it an ordinary user). */
	managerUserLimit?: number;
	/** `web.serviceAccountToken` of the server's configuration (`LoginService`), if any. */
	serviceAccountToken?: string;
	settings?: Partial<TestTraccarSettings>;
	/** The loopback port to listen on (default: a free one the system picks). */
	port?: number;
}

/** A running test server and its controls. */
export interface TestTraccar {
	url: string;
	adminToken: string;
	managerToken: string;
	/** An ordinary (not manager) user's token. */
	userToken: string;
	settings: TestTraccarSettings;
	violations: TraccarViolation[];
	resetEmails: TraccarResetEmail[];
	/** Every user, as stored. */
	users(): StoredUser[];
	userByEmail(email: string): StoredUser | undefined;
	/** Adds a user directly (as the provider would in Traccar's own interface). */
	addUser(fields: Partial<Omit<StoredUser, 'id'>>): StoredUser;
	deleteUser(id: number): void;
	/** A token for a user (`POST /api/session/token`), living `days` days (default 7). */
	issueToken(userId: number, days?: number): string;
	revokeToken(token: string): void;
	/** `POST /api/session` with the form `email` and `password`: the HTTP status (200 signed in). */
	signIn(email: string, password: string): Promise<number>;
	/**
	 * The next `count` requests answer `status` (503, 500…), drop the connection unanswered
	 * (`'drop'`), or are carried out and then dropped, as when an answer is lost (`'drop-after'`).
	 * With `only` (`'PUT /users/{id}'`, the document's path), only such requests count.
	 */
	failNext(count: number, status: number | 'drop' | 'drop-after', only?: string): void;
	/** Every request answers 503 until `up()`. */
	down(): void;
	up(): void;
	/** Added before every answer. */
	latencyMs: number;
	/** Requests received, `METHOD /api/path` (no query). */
	requests: string[];
	close(): Promise<void>;
}

const day = 86_400_000;
/** Assumption: the service account's id (`ServiceAccountUser.ID`; the reference does not show its value). */
const serviceAccountId = Number.MAX_SAFE_INTEGER;

/** A Java exception as `ResourceErrorHandler` answers one: 400, the stack as text. */
class JavaException extends Error {
	readonly type: string;
	readonly status: number;
	constructor(type: string, message: string, status = 400) {
		super(message);
		this.type = type;
		this.status = status;
	}
}

const security = (message: string) => new JavaException('java.lang.SecurityException', message);
/** `PermissionsService.getUser(0)` is `null` for an anonymous caller: its checks then fail so. */
const anonymousCheck = () => new JavaException('java.lang.NullPointerException', 'Cannot invoke "org.traccar.model.User.getAdministrator()" because the return value of "getUser(long)" is null');

/** Starts the test server on 127.0.0.1. */
export async function startTestTraccar(options: TestTraccarOptions): Promise<TestTraccar> {
	const { clock } = options;
	const users = new Map<number, StoredUser>();
	/** `tc_user_user`: manager → the users it manages. */
	const managed = new Map<number, Set<number>>();
	const tokens = new Map<string, { userId: number; expiresAt: number }>();
	const settings: TestTraccarSettings = { registration: false, readonly: false, attributes: {}, ...options.settings };
	const violations: TraccarViolation[] = [];
	const resetEmails: TraccarResetEmail[] = [];
	const requests: string[] = [];
	let nextId = 1;
	let failures: { count: number; status: number | 'drop' | 'drop-after'; only: string | undefined } = { count: 0, status: 503, only: undefined };
	let dropAnswer = false;
	let isDown = false;

	function addUser(fields: Partial<Omit<StoredUser, 'id'>>): StoredUser {
		const user: StoredUser = { ...javaDefaults, ...fields, id: nextId++ };
		users.set(user.id, user);
		return user;
	}

	function issueToken(userId: number, days = 7): string {
		const token = randomBytes(24).toString('base64url');
		tokens.set(token, { userId, expiresAt: clock.now() + days * day });
		return token;
	}

	/** The users a caller is: `null` anonymous; the service account is an administrator (`ServiceAccountUser`). */
	type Caller = StoredUser | null;
	// Assumption: its name and empty address (the model is not in the reference).
	const serviceAccount: StoredUser = { ...javaDefaults, id: serviceAccountId, name: 'Service Account', email: '', administrator: true, userLimit: -1 };

	/** `LoginService.login(token)`: the service account, or a valid token's user, enabled. */
	function userOfToken(token: string): StoredUser {
		if (options.serviceAccountToken !== undefined && token === options.serviceAccountToken) return serviceAccount;
		const data = tokens.get(token);
		// Assumption: an unknown or expired token fails verification (TokenManager is not in the reference).
		if (!data || data.expiresAt <= clock.now()) throw new JavaException('java.security.GeneralSecurityException', 'Invalid token');
		const user = users.get(data.userId);
		if (!user) throw security('Unknown account');
		checkDisabled(user);
		return user;
	}

	/** `User.checkDisabled`. Assumption: the messages of the model (not in the reference) for an expired account. */
	function checkDisabled(user: StoredUser): void {
		if (user.disabled) throw security('User is disabled');
		if (user.expirationTime !== null && Date.parse(user.expirationTime) < clock.now()) throw security('User account expired');
	}

	/** `LoginService.login(email, password)`: by lower-cased email; `null` for no match. */
	function login(email: string, password: string): StoredUser | null {
		const wanted = email.trim().toLowerCase();
		const user = [...users.values()].find((candidate) => candidate.email?.toLowerCase() === wanted);
		if (!user || user.password === null || user.password !== password) return null;
		checkDisabled(user);
		return user;
	}

	const isManager = (user: StoredUser) => user.userLimit !== 0;

	// PermissionsService, as written.
	function checkAdmin(caller: Caller): void {
		if (!caller) throw anonymousCheck();
		if (!caller.administrator) throw security('Administrator access required');
	}
	function checkManager(caller: Caller): void {
		if (!caller) throw anonymousCheck();
		if (!caller.administrator && caller.userLimit === 0) throw security('Manager access required');
	}
	function checkUser(caller: Caller, managedUserId: number): void {
		if (!caller) throw anonymousCheck();
		if (caller.id !== managedUserId && !caller.administrator) {
			if (!isManager(caller) || !managed.get(caller.id)?.has(managedUserId)) throw security('User access denied');
		}
	}
	function checkUserUpdate(caller: Caller, before: StoredUser | Omit<StoredUser, 'id'>, after: StoredUser): void {
		if (before.administrator !== after.administrator || before.deviceLimit !== after.deviceLimit || before.userLimit !== after.userLimit) checkAdmin(caller);
		if (
			before.readonly !== after.readonly ||
			before.deviceReadonly !== after.deviceReadonly ||
			before.disabled !== after.disabled ||
			before.limitCommands !== after.limitCommands ||
			before.fixedEmail !== after.fixedEmail
		) {
			if ((caller?.id ?? 0) === after.id) checkAdmin(caller);
			else if (after.id > 0) checkUser(caller, after.id);
			else checkManager(caller);
		}
		if (before.fixedEmail && before.email !== after.email) checkAdmin(caller);
	}
	/** `checkPermission(User.class, …)`: an administrator, the user itself, or its manager. */
	function checkUserPermission(caller: Caller, userId: number): void {
		if (!caller) throw anonymousCheck();
		if (!caller.administrator && caller.id !== userId && !managed.get(caller.id)?.has(userId)) throw security('User access denied');
	}

	/** A user as the API answers it: everything but the password. */
	function shown(user: StoredUser): Record<string, unknown> {
		const { password: _password, ...rest } = user;
		return rest;
	}

	/** A body's user: the document's fields over the Java defaults (the whole user is replaced). */
	function userFromBody(body: Record<string, unknown>, id: number): StoredUser {
		const user = { ...javaDefaults, id } as StoredUser;
		for (const key of Object.keys(javaDefaults) as (keyof typeof javaDefaults)[]) {
			if (key in body && body[key] !== undefined) (user as unknown as Record<string, unknown>)[key] = body[key];
		}
		return user;
	}

	/** `tc_users.email` is unique; `name` and `email` are NOT NULL (the schema). Assumption: H2's wording of the violations. */
	function store(user: StoredUser): void {
		if (user.name === null) throw new JavaException('org.traccar.storage.StorageException', 'NULL not allowed for column "NAME"');
		if (user.email === null) throw new JavaException('org.traccar.storage.StorageException', 'NULL not allowed for column "EMAIL"');
		if (user.email !== null && [...users.values()].some((other) => other.id !== user.id && other.email === user.email)) {
			throw new JavaException('org.traccar.storage.StorageException', 'Unique index or primary key violation: "PUBLIC.IDX_USERS_EMAIL ON PUBLIC.TC_USERS(EMAIL)"');
		}
		users.set(user.id, user);
	}

	type Handler = (request: { caller: Caller; params: Record<string, string>; query: URLSearchParams; body: unknown }) => { status: number; body?: unknown };

	const handlers: Record<string, Handler> = {
		'GET /server': ({ caller }) => {
			const body: Record<string, unknown> = {
				id: 1,
				registration: settings.registration,
				readonly: settings.readonly,
				deviceReadonly: false,
				limitCommands: false,
				map: 'osm',
				latitude: 0,
				longitude: 0,
				zoom: 0,
				version: '6.14.5',
				forceSettings: false,
				openIdEnabled: false,
				openIdForce: false,
				attributes: settings.attributes,
			};
			// ServerResource.get: `newServer` only when nobody is signed in.
			if (!caller) body['newServer'] = users.size === 0;
			return { status: 200, body };
		},

		'POST /users': ({ caller, body }) => {
			const entity = userFromBody(body as Record<string, unknown>, 0);
			if (!caller || !caller.administrator) {
				checkUserUpdate(caller, javaDefaults, entity);
				if (caller && caller.userLimit !== 0) {
					if (caller.userLimit > 0 && (managed.get(caller.id)?.size ?? 0) >= caller.userLimit) throw security('Manager user limit reached');
				} else {
					if (users.size === 0) entity.administrator = true;
					else if (!settings.registration) throw security('Registration disabled');
					// UserUtil.setUserDefaults. Assumption: the configuration's defaults (users.defaultDeviceLimit -1).
					entity.deviceLimit = -1;
				}
			}
			entity.id = nextId;
			store(entity);
			nextId += 1;
			if (caller && caller.userLimit !== 0) {
				const set = managed.get(caller.id) ?? new Set<number>();
				set.add(entity.id);
				managed.set(caller.id, set);
			}
			return { status: 200, body: shown(entity) };
		},

		'GET /users': ({ caller, query }) => {
			if (!caller) return { status: 401 };
			const keyword = query.get('keyword')?.toLowerCase();
			const visible = [...users.values()].filter((user) => caller.administrator || managed.get(caller.id)?.has(user.id));
			const found = keyword ? visible.filter((user) => `${user.name ?? ''}\n${user.email ?? ''}`.toLowerCase().includes(keyword)) : visible;
			return { status: 200, body: found.map(shown) };
		},

		'GET /users/{id}': ({ caller, params }) => {
			const id = Number(params['id']);
			checkUserPermission(caller, id);
			const user = users.get(id);
			return user ? { status: 200, body: shown(user) } : { status: 404 };
		},

		'PUT /users/{id}': ({ caller, body }) => {
			// BaseObjectResource.update: the body's id names the user; the body replaces it whole.
			const entity = userFromBody(body as Record<string, unknown>, Number((body as Record<string, unknown>)['id'] ?? 0));
			checkUserPermission(caller, entity.id);
			const before = users.get(entity.id);
			if (!before) return { status: 404 };
			// checkEdit: a read-only server refuses every edit but an administrator's.
			if (settings.readonly && !caller?.administrator) throw security('Write access denied');
			checkUserUpdate(caller, before, entity);
			// The password is written only when the body has one (hashedPassword and salt otherwise kept).
			if (entity.password === null) entity.password = before.password;
			store(entity);
			return { status: 200, body: shown(entity) };
		},

		'POST /session': ({ body }) => {
			const form = body as Record<string, string>;
			const user = login(form['email'] ?? '', form['password'] ?? '');
			return user ? { status: 200, body: shown(user) } : { status: 401 };
		},

		'GET /session': ({ query }) => {
			const token = query.get('token');
			if (token === null) return { status: 404 };
			try {
				return { status: 200, body: shown(userOfToken(token)) };
			} catch {
				return { status: 401 };
			}
		},

		'POST /password/reset': ({ body }) => {
			const email = String((body as Record<string, string>)['email'] ?? '').toLowerCase();
			const user = [...users.values()].find((candidate) => candidate.email?.toLowerCase() === email);
			// The reset token is an ordinary API token of the default lifetime, 7 days.
			if (user?.email) resetEmails.push({ email: user.email, token: issueToken(user.id, 7) });
			return { status: 200 };
		},

		'POST /password/update': ({ body }) => {
			const form = body as Record<string, string>;
			const data = tokens.get(form['token'] ?? '');
			if (!data || data.expiresAt <= clock.now()) throw new JavaException('java.security.GeneralSecurityException', 'Invalid token');
			const user = users.get(data.userId);
			if (!user) return { status: 404 };
			user.password = form['password'] ?? null;
			return { status: 200 };
		},
	};

	/** Who the request is from (SecurityRequestFilter). Assumption: a refused credential is 401, as the document's 401 answers say. */
	function callerOf(request: IncomingMessage): Caller | 'refused' {
		const header = request.headers.authorization;
		if (!header) return null;
		const [scheme, credentials = ''] = header.split(' ');
		try {
			if (scheme?.toLowerCase() === 'bearer') return userOfToken(credentials);
			if (scheme?.toLowerCase() === 'basic') {
				const [email = '', password = ''] = Buffer.from(credentials, 'base64').toString('utf8').split(':', 2);
				return login(email, password) ?? 'refused';
			}
		} catch {
			return 'refused';
		}
		return 'refused';
	}

	async function readBody(request: IncomingMessage): Promise<unknown> {
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		if (chunks.length === 0) return undefined;
		const text = Buffer.concat(chunks).toString('utf8');
		const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim();
		if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(text));
		return JSON.parse(text) as unknown;
	}

	function send(response: ServerResponse, status: number, body?: unknown): void {
		if (body === undefined) {
			response.writeHead(status).end();
			return;
		}
		const text = typeof body === 'string' ? body : JSON.stringify(body);
		response.writeHead(status, { 'Content-Type': typeof body === 'string' ? 'text/plain' : 'application/json' }).end(text);
	}

	async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const url = new URL(request.url ?? '/', 'http://traccar.test');
		const method = request.method ?? 'GET';
		if (!url.pathname.startsWith('/api/')) return send(response, 404);
		const path = url.pathname.slice(4);
		requests.push(`${method} /api${path}`);
		if (api.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, api.latencyMs));
		if (isDown) return send(response, 503, 'Service Unavailable');
		dropAnswer = false;
		const matched = traccarOperation(method, path);
		if (failures.count > 0 && (failures.only === undefined || (matched && `${method} ${matched.operation.template}` === failures.only))) {
			failures.count -= 1;
			if (failures.status === 'drop-after') dropAnswer = true;
			else if (failures.status === 'drop') {
				request.socket.destroy();
				return;
			} else return send(response, failures.status, 'Failure on purpose');
		}
		const lost = dropAnswer;
		const found = traccarOperation(method, path);
		const handler = found && handlers[`${method} ${found.operation.template}`];
		if (!found || !handler) return send(response, 404);
		let body: unknown;
		try {
			body = await readBody(request);
		} catch {
			return send(response, 400, 'com.fasterxml.jackson.core.JsonParseException: Unexpected character');
		}
		const problems = found.operation.checkRequest(url.searchParams, request.headers['content-type'] ?? null, body);
		if (problems.length > 0) {
			violations.push({ method, path: found.operation.template, errors: problems });
			return send(response, 400, `javax.ws.rs.BadRequestException: ${problems.join('; ')}`);
		}
		const caller = callerOf(request);
		// `POST /api/users` is @PermitAll (UserResource.add) although the document lists credentials for it.
		const permitAll = found.operation.open || (method === 'POST' && found.operation.template === '/users');
		if (caller === 'refused' || (caller === null && !permitAll)) return send(response, 401);
		try {
			const answer = handler({ caller, params: found.params, query: url.searchParams, body });
			if (answer.status === 200 && answer.body !== undefined) {
				const drift = found.operation.checkAnswer(answer.body);
				if (drift.length > 0) throw new Error(`the test server's answer to ${method} ${found.operation.template} breaks the reference: ${drift.join('; ')}`);
			}
			if (lost) request.socket.destroy();
			else send(response, answer.status, answer.body);
		} catch (error) {
			if (!(error instanceof JavaException)) throw error;
			if (error.status !== 400) return send(response, error.status);
			send(response, 400, `${error.type}: ${error.message}\n\tat org.traccar.api.resource (test server)\n`);
		}
	}

	if (!options.empty) {
		addUser({ name: 'Administrator', email: 'admin@provider.test', password: 'admin-password', administrator: true, deviceLimit: -1, userLimit: -1 });
	}
	const admin = options.empty ? undefined : [...users.values()][0];
	const manager = options.empty ? undefined : addUser({ name: 'Help center', email: 'help-center@provider.test', password: 'manager-password', userLimit: options.managerUserLimit ?? -1 });
	const ordinary = options.empty ? undefined : addUser({ name: 'Someone', email: 'someone@provider.test', password: 'someone-password' });

	const server: Server = createServer((request, response) => {
		handle(request, response).catch((error: unknown) => {
			violations.push({ method: request.method ?? '', path: request.url ?? '', errors: [error instanceof Error ? error.message : String(error)] });
			if (!response.headersSent) send(response, 500, 'test server error');
		});
	});
	await new Promise<void>((resolve, reject) => {
		// A fixed port may be taken: fail rather than wait for ever.
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', resolve);
	});
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	const api: TestTraccar = {
		url,
		adminToken: admin ? issueToken(admin.id, 365) : '',
		managerToken: manager ? issueToken(manager.id, 365) : '',
		userToken: ordinary ? issueToken(ordinary.id, 365) : '',
		settings,
		violations,
		resetEmails,
		requests,
		latencyMs: 0,
		users: () => [...users.values()],
		userByEmail: (email) => [...users.values()].find((user) => user.email?.toLowerCase() === email.toLowerCase()),
		addUser,
		deleteUser(id) {
			users.delete(id);
			for (const set of managed.values()) set.delete(id);
		},
		issueToken,
		revokeToken(token) {
			tokens.delete(token);
		},
		async signIn(email, password) {
			const response = await fetch(`${url}/api/session`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ email, password }).toString(),
			});
			await response.text();
			return response.status;
		},
		failNext(count, status, only) {
			failures = { count, status, only };
		},
		down() {
			isDown = true;
		},
		up() {
			isDown = false;
		},
		async close() {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
	return api;
}
