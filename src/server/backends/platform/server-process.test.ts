/**
 * The real server process (`node src/server/main.ts`) on the contract backend: it checks the
 * platform at start, says where the accounts live, and refuses to start when the platform refuses
 * its signature.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { describe, expect, test } from 'vitest';

import { startReferencePlatform } from '../../../../test-support/platform/reference-platform-server.ts';
import { startServerProcess } from '../../../../test-support/server/server-process.ts';
import { request, secretsIn } from '../../../../test-support/server/test-server.ts';
import { newWebhookSecret } from '../../../platform-contract/signing.ts';

const run = promisify(execFile);

/** `probe`'s first defined answer, asking every 50 ms for up to 10 s. */
async function eventually<T>(probe: () => Promise<T | undefined>): Promise<T> {
	for (let tries = 0; tries < 200; tries++) {
		const value = await probe();
		if (value !== undefined) return value;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	throw new Error('nothing came within 10 s');
}
const main = fileURLToPath(new URL('../../main.ts', import.meta.url));

describe('the server process on the contract backend', () => {
	test('starts against a platform that accepts its signature, and registers there', async () => {
		const platform = await startReferencePlatform({ settings: { name: 'Acme Fleet' } });
		const server = await startServerProcess({ SIGNUP_BACKEND: 'platform', PLATFORM_URL: platform.url, PLATFORM_SECRET: platform.secret, DEV_MAILBOX: 'true', DATA_DIR: ':memory:', STATIC_DIR: 'no-such-dir', SCRYPT_LOG_N: '10' });
		try {
			expect(server.output()).toContain(`Platform contract at ${platform.url}: Acme Fleet, signed calls accepted.`);
			const answer = await request(`${server.url}/api/v1/registrations`, { email: 'ann@example.com', password: 'velvet kettle orbit lantern', locale: 'en' });
			expect(answer.status).toBe(202);
			expect(platform.users()).toEqual([{ email: 'ann@example.com', active: false }]);
			// Printed right after "Listening on", which the registration above waited for.
			expect(server.output()).toContain(`Accounts live on the provider’s platform at ${platform.url}`);
		} finally {
			server.child.kill('SIGTERM');
			await server.exited;
			await platform.close();
		}
	});

	test('on the built-in backend with PLATFORM_EVENTS_URL, a confirmation reaches the platform as a signed account.confirmed event', async () => {
		const platform = await startReferencePlatform();
		const server = await startServerProcess({
			PLATFORM_EVENTS_URL: `${platform.url}/events`,
			PLATFORM_SECRET: platform.secret,
			DEV_MAILBOX: 'true',
			DATA_DIR: ':memory:',
			STATIC_DIR: 'no-such-dir',
			SCRYPT_LOG_N: '10',
			MAIL_POLL_INTERVAL_MS: '50',
		});
		try {
			await request(`${server.url}/api/v1/registrations`, { email: 'eve@example.com', password: 'velvet kettle orbit lantern', locale: 'de' });
			const token = await eventually(async () => secretsIn({ text: ((await request(`${server.url}/_mailbox/messages.json`)).body as Array<{ text: string }>)[0]?.text ?? '' }).token);
			expect((await request(`${server.url}/api/v1/registrations/confirm`, { token })).status).toBe(200);
			const events = await eventually(async () => {
				const rows = platform.db.prepare('SELECT data FROM received_events').all() as Array<{ data: string }>;
				return rows.length > 0 ? rows : undefined;
			});
			expect(events).toEqual([{ data: JSON.stringify({ email: 'eve@example.com', locale: 'de', userId: null }) }]);
		} finally {
			server.child.kill('SIGTERM');
			await server.exited;
			await platform.close();
		}
	});

	test('stops before listening when the platform refuses its signature, naming the variable', async () => {
		const platform = await startReferencePlatform();
		try {
			const stopped = await run(process.execPath, [main], {
				env: { PATH: process.env['PATH'] ?? '', PORT: '0', HOST: '127.0.0.1', SIGNUP_BACKEND: 'platform', PLATFORM_URL: platform.url, PLATFORM_SECRET: newWebhookSecret(), DEV_MAILBOX: 'true', DATA_DIR: ':memory:', STATIC_DIR: 'no-such-dir' },
			}).then(
				() => ({ code: 0, output: '' }),
				(error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, output: error.stdout + error.stderr }),
			);
			expect(stopped.code).toBe(1);
			expect(stopped.output).toMatch(/\[unauthorized\]: PLATFORM_SECRET must be the secret the platform verifies with/);
			expect(stopped.output).toContain('Stopping: the platform refuses the help center’s calls');
			expect(stopped.output).not.toContain('Listening on');
		} finally {
			await platform.close();
		}
	});
});
