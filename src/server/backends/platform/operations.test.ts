/**
 * The contract publishes what the help center uses, and nothing more: every operation it names is
 * one the contract backend calls, and the backend calls nothing it does not name. A provider
 * implements each operation, so one the help center never calls would be a promise it does not
 * keep. The operations the backend calls are read off the requests the reference platform
 * receives while the help center starts, registers, confirms and resets — not from a list.
 */
import { afterEach, describe, expect, test } from 'vitest';

import { startPlatformTestServer, type PlatformTestServer } from '../../../../test-support/platform/platform-signup-server.ts';
import { goodPassword, secretsIn } from '../../../../test-support/server/test-server.ts';
import { platformOperations } from '../../../platform-contract/contract.ts';

const otherPassword = 'another long enough passphrase';

describe('the contract’s operations and the contract backend', () => {
	let running: PlatformTestServer;
	afterEach(async () => {
		await running.close();
	});

	/** The newest email of a kind sent to `email`, as the help center's own outbox sent it. */
	async function lastMail(email: string, kind: string) {
		await running.server.deliverMail();
		const rows = await running.server.db.all<{ kind: string; text: string }>(
			'SELECT o.kind, m.text FROM dev_mailbox m JOIN outbox o ON o.id = m.outbox_id WHERE m.recipient = ? AND o.kind = ? ORDER BY m.id',
			email,
			kind,
		);
		const last = rows.at(-1);
		if (!last) throw new Error(`no ${kind} email to ${email}`);
		return secretsIn(last);
	}

	test('are the same: a start, a registration, a second attempt, a confirmation, a confirmed address again and a reset call every one', async () => {
		running = await startPlatformTestServer();
		const { server, platform } = running;
		const register = (password: string) => server.api('/registrations', { email: 'ann@example.com', password, locale: 'en' });

		expect(await server.selfCheck()).toMatchObject({ fatal: false });
		expect((await register(goodPassword)).status).toBe(202);
		// Past the cooldown, so that each attempt is mailed at once.
		server.clock.advance(5 * 60_000);
		expect((await register(otherPassword)).status).toBe(202);
		expect((await server.api('/registrations/confirm', { token: (await lastMail('ann@example.com', 'confirm')).token })).status).toBe(200);
		server.clock.advance(5 * 60_000);
		expect((await register(goodPassword)).status).toBe(202);
		expect((await server.api('/password-resets', { email: 'ann@example.com', locale: 'en' })).status).toBe(202);
		const { token } = await lastMail('ann@example.com', 'reset');
		expect((await server.api('/password-resets/complete', { token, newPassword: goodPassword })).status).toBe(200);
		expect(await platform.signIn('ann@example.com', goodPassword)).toBe(true);

		const nameOf = (path: string) => Object.entries(platformOperations).find(([, operation]) => operation.path === path)?.[0] ?? `not in the contract: ${path}`;
		// The sign-in above is the test's own request, not the backend's.
		const called = platform.requests().filter((path) => path !== '/sign-in').map(nameOf);
		expect(new Set(called)).toEqual(new Set(Object.keys(platformOperations)));
	});
});
