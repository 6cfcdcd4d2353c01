/**
 * Test support: the built-in backend as a {@link SignupServerFactory} for the shared suites, on top
 * of `startTestServer` (real SQLite in memory, the development mailbox, a manual clock).
 */
import { allRows, getRow } from '../../src/server/backends/local/database.ts';
import { scryptHasher } from '../../src/server/passwords/password-hash.ts';
import type { SentMail, SignupServerFactory } from './signup-server.ts';
import { goodPassword, secretsIn, startTestServer } from './test-server.ts';

/** The built-in backend, for the shared suites. */
export const localSignupServer: SignupServerFactory = {
	name: 'local',
	traits: { existsNotice: true, linkReplacement: true, linkExpiry: true, pendingPasswordKept: true },
	async start(options = {}) {
		const server = await startTestServer({
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
				const rows = allRows<{ kind: SentMail['kind']; text: string }>(
					server.db,
					'SELECT o.kind, m.text FROM dev_mailbox m JOIN outbox o ON o.id = m.outbox_id WHERE m.recipient = ? ORDER BY m.id',
					email,
				);
				return rows.map((row) => ({ kind: row.kind, ...secretsIn(row) }));
			},
			async accounts() {
				return allRows<{ email: string }>(server.db, 'SELECT email FROM accounts ORDER BY id').map((row) => row.email);
			},
			async passwordMatches(email, password) {
				const row = getRow<{ password_hash: string }>(server.db, 'SELECT password_hash FROM accounts WHERE email = ?', email);
				return row ? scryptHasher().verify(password, row.password_hash) : false;
			},
			close: server.close,
		};
	},
};
