/**
 * Test support: the built-in backend as a {@link SignupServerFactory} for the shared suites, on top
 * of `startTestServer` (the development mailbox, a manual clock), on real SQLite in memory or on a
 * real PostgreSQL store.
 */
import { scryptHasher } from '../../src/server/passwords/password-hash.ts';
import type { Store } from '../../src/server/store/store.ts';
import type { SentMail, SignupServerFactory } from './signup-server.ts';
import { goodPassword, secretsIn, startTestServer } from './test-server.ts';

/** The built-in backend on SQLite, for the shared suites. */
export const localSignupServer: SignupServerFactory = builtInSignupServer('local');

/** The built-in backend on PostgreSQL: each server on a fresh store from `store` (see `postgres-stores.ts`). */
export function postgresSignupServer(store: () => Promise<Store>): SignupServerFactory {
	return builtInSignupServer('local on PostgreSQL', store);
}

function builtInSignupServer(name: string, store?: () => Promise<Store>): SignupServerFactory {
	return {
	name,
	traits: { existsNotice: true, linkReplacement: true, linkExpiry: true, pendingPasswordKept: true },
	async start(options = {}) {
		const server = await startTestServer({
			...(store ? { store } : {}),
			provider: { selfRegistration: options.selfRegistration ?? true },
			...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
			...(options.app ? { app: options.app } : {}),
		});
		return {
			url: server.url,
			api: server.api,
			clock: server.clock,
			goodPassword,
			otherPassword: 'another long enough passphrase',
			async mailTo(email) {
				await server.deliverMail();
				const rows = await server.db.all<{ kind: SentMail['kind']; text: string }>(
					'SELECT o.kind, m.text FROM dev_mailbox m JOIN outbox o ON o.id = m.outbox_id WHERE m.recipient = ? ORDER BY m.id',
					email,
				);
				return rows.map((row) => ({ kind: row.kind, ...secretsIn(row) }));
			},
			async accounts() {
				return (await server.db.all<{ email: string }>('SELECT email FROM accounts ORDER BY id')).map((row) => row.email);
			},
			async passwordMatches(email, password) {
				const row = await server.db.get<{ password_hash: string }>('SELECT password_hash FROM accounts WHERE email = ?', email);
				return row ? scryptHasher().verify(password, row.password_hash) : false;
			},
			close: server.close,
		};
	},
};
}
