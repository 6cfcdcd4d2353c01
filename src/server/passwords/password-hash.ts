/**
 * Password hashing with scrypt (node:crypto). The work runs on libuv's thread pool, never on the
 * event loop, and a small gate keeps the number of hashes in flight at the number the machine can
 * run, so a burst of registrations queues here instead of starving file reads (which share the pool).
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { availableParallelism } from 'node:os';

/** scrypt's cost parameters. */
export interface ScryptParams {
	/** log2 of N, the CPU/memory cost. */
	logN: number;
	/** Block size. */
	r: number;
	/** Parallelisation. */
	p: number;
}

/**
 * OWASP's recommended scrypt cost: N=2^17, r=8, p=1, which uses 128 MiB per hash.
 * @see https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#scrypt
 */
export const owaspScryptParams: ScryptParams = { logN: 17, r: 8, p: 1 };

const saltBytes = 16;
const keyBytes = 32;

/** The password hasher the backend uses. */
export interface PasswordHasher {
	/** A self-describing hash: `scrypt$ln=17,r=8,p=1$<salt>$<key>` (base64url). */
	hash(password: string): Promise<string>;
	/** Whether the password matches a hash made by {@link PasswordHasher.hash}, at the hash's own cost. */
	verify(password: string, stored: string): Promise<boolean>;
}

/**
 * Thrown when a new hash would wait longer than {@link HasherOptions.maxWaitMs}, or more hashes wait
 * than {@link HasherOptions.maxQueue} allows: the server is overloaded.
 */
export class HasherBusyError extends Error {
	override name = 'HasherBusyError';
	/** When to try again: the expected wait of the queue as it is, in whole seconds (at least 1). */
	readonly retryAfterSeconds: number;

	constructor(message: string, retryAfterSeconds = 5) {
		super(message);
		this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
	}
}

/** How a hasher runs. */
export interface HasherOptions {
	/** The cost of new hashes. Default: {@link owaspScryptParams}. */
	params?: ScryptParams;
	/** Hashes in flight at once. Default: the number of CPUs, at most 4 (libuv's default pool size). */
	concurrency?: number;
	/**
	 * Hashes allowed to wait; one more throws {@link HasherBusyError}. Default 16 per hash in flight:
	 * at OWASP's cost that is a wait of about six seconds, past which a page would rather hear
	 * “busy, retry in 5 s” than time out while its registration still goes through.
	 */
	maxQueue?: number;
	/**
	 * The longest a new hash may expect to wait for its turn, from the time the last hashes took.
	 * Default 3 s: a registration past it is answered “busy, retry in n s” at once instead of being
	 * accepted and answered tens of seconds later.
	 */
	maxWaitMs?: number;
}

/** A scrypt {@link PasswordHasher}. Passwords are NFC-normalized first, so any keyboard gives the same bytes. */
export function scryptHasher(options: HasherOptions = {}): PasswordHasher {
	const params = options.params ?? owaspScryptParams;
	const concurrency = options.concurrency ?? Math.min(4, availableParallelism());
	const gate = concurrencyGate(concurrency, options.maxQueue ?? 16 * concurrency, options.maxWaitMs ?? 3000);
	return {
		async hash(password) {
			const salt = randomBytes(saltBytes);
			const key = await gate(() => derive(password, salt, params));
			return `scrypt$ln=${params.logN},r=${params.r},p=${params.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
		},
		async verify(password, stored) {
			const parsed = parseHash(stored);
			if (!parsed) return false;
			const key = await gate(() => derive(password, parsed.salt, parsed.params));
			return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
		},
	};
}

/** Reads the parameters back out of a stored hash; `null` when it is not one of ours. */
export function parseHash(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } | null {
	const match = /^scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([\w-]+)\$([\w-]+)$/.exec(stored);
	if (!match) return null;
	const [, logN, r, p, salt, key] = match;
	return {
		params: { logN: Number(logN), r: Number(r), p: Number(p) },
		salt: Buffer.from(salt ?? '', 'base64url'),
		key: Buffer.from(key ?? '', 'base64url'),
	};
}

function derive(password: string, salt: Buffer, { logN, r, p }: ScryptParams): Promise<Buffer> {
	const N = 2 ** logN;
	// scrypt needs 128·N·r bytes plus a little for OpenSSL's own bookkeeping, which an exact
	// 128 MiB limit refuses; 1 MiB of headroom is plenty.
	const options: ScryptOptions = { N, r, p, maxmem: 128 * N * r + 128 * r * p + 1024 * 1024 };
	return new Promise((resolve, reject) => {
		scrypt(password.normalize('NFC'), salt, keyBytes, options, (error, key) => (error ? reject(error) : resolve(key)));
	});
}

/**
 * Runs at most `limit` tasks at once and lets at most `maxQueue` wait, and none whose expected wait
 * — the tasks ahead of it, `limit` at a time, at the recent average duration — exceeds `maxWaitMs`.
 */
function concurrencyGate(limit: number, maxQueue: number, maxWaitMs: number) {
	let running = 0;
	const waiting: Array<() => void> = [];
	// The recent average duration of a task (exponentially weighted); 0 until one has finished.
	let averageMs = 0;
	return async function run<T>(task: () => Promise<T>): Promise<T> {
		if (running >= limit) {
			const expectedWaitMs = (Math.floor(waiting.length / limit) + 1) * averageMs;
			if (waiting.length >= maxQueue || expectedWaitMs > maxWaitMs) {
				throw new HasherBusyError('Too many password hashes are waiting.', Math.max(expectedWaitMs, averageMs) / 1000);
			}
			await new Promise<void>((resolve) => waiting.push(resolve));
		} else {
			running++;
		}
		const started = performance.now();
		try {
			return await task();
		} finally {
			const took = performance.now() - started;
			averageMs = averageMs === 0 ? took : 0.8 * averageMs + 0.2 * took;
			// Hand the slot straight to the next waiter, so `running` never drops below the queue's need.
			const next = waiting.shift();
			if (next) next();
			else running--;
		}
	};
}
