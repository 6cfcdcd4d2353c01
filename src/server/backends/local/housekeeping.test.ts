import { expect, test } from 'vitest';

import { goodPassword, startTestServer } from '../../../../test-support/server/test-server.ts';
import { purgeExpired } from './housekeeping.ts';

test('forgets expired receipts, stale address state, sent mail and abandoned accounts', async () => {
	const server = await startTestServer();
	try {
		const answer = await server.api('/registrations', { email: 'ann@example.com', password: goodPassword, locale: 'en' });
		await server.deliverMail();
		expect(await purgeExpired(server.db, server.clock.now())).toEqual({
			receipts: 0, confirmations: 0, passwordResets: 0, addressState: 0, outbox: 0, suppressions: 0, accounts: 0,
		});
		server.clock.advance(31 * 24 * 3600_000);
		expect(await purgeExpired(server.db, server.clock.now())).toEqual({
			receipts: 1, confirmations: 1, passwordResets: 0, addressState: 1, outbox: 1, suppressions: 0, accounts: 1,
		});
		expect((await server.api('/registrations/status', { receipt: answer.body.receipt })).body.code).toBe('invalid_receipt');
	} finally {
		await server.close();
	}
});
