/**
 * Test support: the reference platform (`src/platform-reference/`) on a loopback port, with a real
 * in-memory SQLite database and a cheap scrypt cost, plus what tests ask of a platform: can this
 * email and password sign in (its own `POST /sign-in`)? which paths did a client call? Options
 * replace the parts the broken variants (`broken-platforms.ts`) change.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DatabaseSync } from 'node:sqlite';

import { serve } from '@hono/node-server';

import type { PlatformSettings } from '../../src/platform-contract/contract.ts';
import { newWebhookSecret } from '../../src/platform-contract/signing.ts';
import { createReferencePlatform, type ReferencePlatformOptions } from '../../src/platform-reference/app.ts';
import { openPlatformDatabase } from '../../src/platform-reference/store.ts';
import { scryptHasher } from '../../src/server/passwords/password-hash.ts';

/** A running reference platform. */
export interface ReferencePlatformServer {
	/** The contract's base URL (`PLATFORM_URL`). */
	url: string;
	/** The shared secret (`PLATFORM_SECRET`). */
	secret: string;
	db: DatabaseSync;
	/** Whether the platform's own login lets `email` in with `password`. */
	signIn(email: string, password: string): Promise<boolean>;
	/** Every user's address and state. */
	users(): Array<{ email: string; active: boolean }>;
	/** The path of every request received, oldest first: what a client called, whatever the answer. */
	requests(): string[];
	close(): Promise<void>;
}

/** What to change in the reference platform. */
export type ReferencePlatformTestOptions = Partial<Omit<ReferencePlatformOptions, 'db' | 'hasher' | 'settings'>> & {
	settings?: Partial<PlatformSettings>;
};

/** Starts the reference platform on `127.0.0.1`, port 0. */
export async function startReferencePlatform(options: ReferencePlatformTestOptions = {}): Promise<ReferencePlatformServer> {
	const secret = options.secret ?? newWebhookSecret();
	const db = openPlatformDatabase(':memory:');
	const app = createReferencePlatform({
		log: () => {},
		...options,
		secret,
		db,
		hasher: scryptHasher({ params: { logN: 10, r: 8, p: 1 } }),
		settings: { registrationAllowed: true, name: 'Reference platform', loginUrl: 'https://platform.acme.test/login', ...options.settings },
	});
	const requests: string[] = [];
	const server = serve({
		fetch: (request, ...rest) => {
			requests.push(new URL(request.url).pathname);
			return app.fetch(request, ...rest);
		},
		port: 0,
		hostname: '127.0.0.1',
	}) as Server;
	await new Promise<void>((resolve) => server.once('listening', () => resolve()));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		url,
		secret,
		db,
		async signIn(email, password) {
			const answer = await fetch(`${url}/sign-in`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }) });
			await answer.body?.cancel();
			return answer.status === 200;
		},
		users: () =>
			(db.prepare('SELECT email, active FROM users ORDER BY created_at, id').all() as Array<{ email: string; active: number }>).map((row) => ({
				email: row.email,
				active: row.active === 1,
			})),
		requests: () => [...requests],
		async close() {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			db.close();
		},
	};
}
