/**
 * The reference implementation of the platform contract (`src/platform-contract/contract.ts`): a
 * small Hono app a provider can adapt to its own platform. Every operation goes through the same
 * steps, in this order:
 *
 * 1. verify the Standard Webhooks signature and timestamp (`unauthorized`, `stale_timestamp`);
 * 2. claim the `webhook-id` in the idempotency store: a repeat of the same request answers the first
 *    answer again and does nothing; the same id with another request is `replayed`;
 * 3. validate the body with the contract's schema (`invalid_request`);
 * 4. carry the operation out on the users (here a SQLite table with scrypt hashes) and store its answer.
 *
 * Beside the contract it offers `POST /sign-in` (email and password, unsigned): what the platform's
 * own login does, so that tests and the kit can prove an account can be signed in with.
 */
import type { DatabaseSync } from 'node:sqlite';

import { Hono, type Context } from 'hono';
import * as z from 'zod/mini';

import {
	platformEvents,
	platformOperations,
	type PlatformOperation,
	platformProblemCatalogue,
	platformProblemType,
	type PlatformOperationName,
	type PlatformProblemCode,
	type PlatformSettings,
	type PlatformUser,
} from '../platform-contract/contract.ts';
import { verifySignature, type Verdict } from '../platform-contract/signing.ts';
import type { PasswordHasher } from '../server/passwords/password-hash.ts';
import { fingerprintOf, newUserId, sqliteIdempotencyStore, userStore, type IdempotencyStore, type UserRow } from './store.ts';

/** What the reference platform is built from. */
export interface ReferencePlatformOptions {
	/** The `whsec_` secret shared with the help center. */
	secret: string;
	db: DatabaseSync;
	hasher: PasswordHasher;
	settings: PlatformSettings;
	/** Milliseconds since the epoch; default the system clock. */
	now?: () => number;
	/** How a call's signature is checked; default {@link verifySignature} with `secret`. */
	verify?: (header: (name: string) => string | undefined, body: string, nowSeconds: number) => Verdict;
	/** Where answers are remembered by `webhook-id`; default the database's own table. */
	idempotency?: IdempotencyStore;
	/** Receives an `account.confirmed` event (`POST /events`); default: recorded in `received_events`. */
	onAccountConfirmed?: (event: { email: string; locale: string; userId: string | null }) => Promise<void>;
	log?: (line: string) => void;
}

/** Bodies larger than this are refused before anything else. */
const maxBodyBytes = 64 * 1024;

/** A platform problem to answer with. */
class PlatformProblemError extends Error {
	readonly code: PlatformProblemCode;
	constructor(code: PlatformProblemCode, detail?: string) {
		super(detail ?? platformProblemCatalogue[code].title);
		this.code = code;
	}
}

/** An answer: status and JSON body. */
interface Answer {
	status: number;
	body: unknown;
}

/** The body of a problem answer. */
function problem(code: PlatformProblemCode, detail: string): Answer {
	const { status, title } = platformProblemCatalogue[code];
	return { status, body: { type: platformProblemType(code), title, status, detail, code } };
}

function send(c: Context, answer: Answer, extra: Record<string, string> = {}): Response {
	const type = answer.status >= 400 ? 'application/problem+json' : 'application/json';
	return c.body(JSON.stringify(answer.body), answer.status as 200, { 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
}

/** Builds the reference platform's app. */
export function createReferencePlatform(options: ReferencePlatformOptions): Hono {
	const { db, hasher, settings } = options;
	const now = options.now ?? Date.now;
	const verify = options.verify ?? ((header, body, nowSeconds) => verifySignature(options.secret, header, body, nowSeconds));
	const idempotency = options.idempotency ?? sqliteIdempotencyStore(db);
	const users = userStore(db);
	const log = options.log ?? ((line) => console.error(line));
	// Compared against when no user matches, so a sign-in takes as long for an unknown address.
	const dummyHash = hasher.hash('not a password anyone uses');

	const asUser = (row: UserRow): PlatformUser => ({ userId: row.id, email: row.email, state: row.active ? 'active' : 'inactive' });
	const existing = (userId: string): UserRow => {
		const row = users.byId(userId);
		if (!row) throw new PlatformProblemError('unknown_user', `No user has the id ${JSON.stringify(userId)}.`);
		return row;
	};

	/** The operations themselves, on a validated request. */
	const handlers: { [Name in PlatformOperationName]: (input: z.output<(typeof platformOperations)[Name]['request']>) => Promise<unknown> } = {
		async settings() {
			return settings;
		},
		async createUser({ email, password, locale }) {
			if (!settings.registrationAllowed) throw new PlatformProblemError('registration_disabled', 'This platform does not accept new users now.');
			if (users.byEmail(email)) throw new PlatformProblemError('user_exists', 'A user with this email address exists.');
			const id = newUserId();
			if (!users.insert({ id, email, passwordHash: await hasher.hash(password), locale, now: now() })) {
				throw new PlatformProblemError('user_exists', 'A user with this email address exists.');
			}
			return asUser(existing(id));
		},
		async getUser(input) {
			const row = 'userId' in input ? users.byId(input.userId) : users.byEmail(input.email);
			return row ? { state: row.active ? 'active' : 'inactive', user: asUser(row) } : { state: 'none' };
		},
		async activateUser({ userId }) {
			users.activate(existing(userId).id);
			return asUser(existing(userId));
		},
		async setPassword({ userId, password, onlyIfInactive }) {
			existing(userId);
			const passwordHash = await hasher.hash(password);
			// The check and the change in one statement: an activation in between cannot slip through.
			const changed = onlyIfInactive ? users.setPasswordIfInactive(userId, passwordHash) : users.setPassword(userId, passwordHash);
			return { ...asUser(existing(userId)), passwordChanged: changed };
		},
	};

	const onAccountConfirmed =
		options.onAccountConfirmed ?? (async (event: { email: string; locale: string; userId: string | null }) => users.recordEvent('account.confirmed', JSON.stringify(event), now()));

	/** Steps 3 and 4: validation, then the operation. */
	async function carryOut(operation: PlatformOperation, handler: (input: unknown) => Promise<unknown>, body: string): Promise<Answer> {
		let json: unknown;
		try {
			json = JSON.parse(body);
		} catch {
			return problem('invalid_request', 'The body is not JSON.');
		}
		const parsed = z.safeParse(operation.request, json);
		if (!parsed.success) {
			return problem('invalid_request', parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; '));
		}
		try {
			return { status: operation.success.status, body: await handler(parsed.data) };
		} catch (error) {
			if (error instanceof PlatformProblemError) return problem(error.code, error.message);
			throw error;
		}
	}

	const app = new Hono();
	/** Mounts one signed, idempotent route: steps 1 to 4. */
	function signed(name: string, operation: PlatformOperation, handler: (input: unknown) => Promise<unknown>): void {
		app.post(operation.path, async (c) => {
			const body = await c.req.text();
			if (Buffer.byteLength(body) > maxBodyBytes) return send(c, problem('invalid_request', `The body is larger than ${maxBodyBytes} bytes.`));
			// 1. The signature, before anything is read or remembered.
			const verdict = verify((header) => c.req.header(header), body, Math.floor(now() / 1000));
			if (!verdict.ok) return send(c, problem(verdict.code, verdict.detail));
			// 2. The idempotency key.
			const claim = idempotency.claim(verdict.id, fingerprintOf(operation.path, body), now());
			if (claim.kind === 'conflict') return send(c, problem('replayed', 'This webhook-id was used for another request; use a new id for a new call.'));
			if (claim.kind === 'in_progress') return send(c, problem('unavailable', 'The first call with this webhook-id is still running; retry in a second.'), { 'Retry-After': '1' });
			if (claim.kind === 'done') return send(c, { status: claim.status, body: JSON.parse(claim.answer) }, { 'Idempotent-Replayed': 'true' });
			// 3 and 4, then the answer is remembered (a failure is forgotten, so its retry runs again).
			let answer: Answer;
			try {
				answer = await carryOut(operation, handler, body);
			} catch (error) {
				idempotency.release(verdict.id);
				log(`platform: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
				return send(c, problem('unavailable', 'The platform failed; retrying with the same webhook-id is safe.'), { 'Retry-After': '1' });
			}
			idempotency.complete(verdict.id, answer.status, JSON.stringify(answer.body));
			return send(c, answer);
		});
	}
	for (const [name, operation] of Object.entries(platformOperations) as Array<[PlatformOperationName, PlatformOperation]>) {
		signed(name, operation, handlers[name] as (input: unknown) => Promise<unknown>);
	}
	// The optional event: signed and idempotent like the operations (a retry is recorded once).
	signed('accountConfirmed', platformEvents.accountConfirmed, async (input) => {
		const event = input as z.output<typeof platformEvents.accountConfirmed.request>;
		await onAccountConfirmed(event.data);
		return { status: 'received' };
	});

	// What the platform's own login does: only an active user with the right password gets in.
	app.post('/sign-in', async (c) => {
		const input = z.safeParse(z.object({ email: z.string(), password: z.string() }), await c.req.json().catch(() => null));
		if (!input.success) return send(c, problem('invalid_request', 'Send {"email", "password"}.'));
		const row = users.byEmail(input.data.email);
		const matches = await hasher.verify(input.data.password, row?.password_hash ?? (await dummyHash));
		if (row && row.active && matches) return send(c, { status: 200, body: { signedIn: true, userId: row.id } });
		return send(c, { status: 401, body: { signedIn: false } });
	});

	app.notFound((c) => send(c, problem('not_found', `No operation at ${c.req.method} ${new URL(c.req.url).pathname}.`)));
	return app;
}
