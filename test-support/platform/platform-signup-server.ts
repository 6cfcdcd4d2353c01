/**
 * Test support: the contract backend (`SIGNUP_BACKEND=platform`) as a {@link SignupServerFactory}
 * for the shared suites — the real app and built-in backend (`startTestServer`) calling the
 * reference platform (`startReferencePlatform`) over signed HTTP on loopback. The platform holds the
 * accounts, so `accounts()` and `passwordMatches()` ask the platform, not the help center.
 */
import { backendFeatures } from '../../src/providers/features.ts';
import { scryptHasher } from '../../src/server/passwords/password-hash.ts';
import type { SentMail, SignupServerFactory, SignupTestServer } from '../server/signup-server.ts';
import { goodPassword, secretsIn, startTestServer, type TestServer, type TestServerOptions } from '../server/test-server.ts';
import { startReferencePlatform, type ReferencePlatformServer, type ReferencePlatformTestOptions } from './reference-platform-server.ts';

/** A help center on the contract backend, and the reference platform behind it. */
export interface PlatformTestServer {
	server: TestServer;
	platform: ReferencePlatformServer;
	close(): Promise<void>;
}

/** Starts the reference platform, then a help center whose backend calls it. */
export async function startPlatformTestServer(options: TestServerOptions & { platform?: ReferencePlatformTestOptions } = {}): Promise<PlatformTestServer> {
	const { platform: platformOptions, ...serverOptions } = options;
	const platform = await startReferencePlatform(platformOptions);
	const server = await startTestServer({
		...serverOptions,
		provider: { backend: 'platform', features: { ...backendFeatures.platform }, ...serverOptions.provider },
		config: { backend: 'platform', platform: { url: platform.url, secret: platform.secret, timeoutMs: 3000 }, ...serverOptions.config },
	});
	return {
		server,
		platform,
		async close() {
			await server.close();
			await platform.close();
		},
	};
}

/** The contract backend against the reference platform, for the shared suites. */
export const platformSignupServer: SignupServerFactory = {
	name: 'platform contract',
	traits: {
		existsNotice: true,
		linkReplacement: true,
		linkExpiry: true,
		pendingPasswordKept: {
			lacking: 'the platform’s inactive user holds the newest attempt’s password (nobody can sign in with it); backends/platform/accounts.test.ts checks that the owner’s link activates neither',
		},
	},
	async start(options = {}): Promise<SignupTestServer> {
		const { server, platform, close } = await startPlatformTestServer({
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
				return platform.users().map((user) => user.email);
			},
			async passwordMatches(email, password) {
				// The platform's hash, active or not (signing in needs an active user too; the tests of
				// this backend check that separately).
				const row = platform.db.prepare('SELECT password_hash FROM users WHERE mailbox = ?').get(email.toLowerCase()) as { password_hash: string } | undefined;
				return row ? scryptHasher().verify(password, row.password_hash) : false;
			},
			close,
		};
	},
};
