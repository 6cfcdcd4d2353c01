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

test('keeps a receipt’s timeline for as long as the receipt answers, and forgets both at the same moment', async () => {
	const server = await startTestServer();
	const day = 24 * 3600_000;
	const kinds = async (receipt: string) => {
		const answer = await server.api('/registrations/status', { receipt });
		return answer.status === 200 ? (answer.body.delivery?.events ?? []).map((event: { kind: string }) => event.kind) : answer.body.code;
	};
	try {
		const answer = await server.api('/registrations', { email: 'ann@example.com', password: goodPassword, locale: 'en' });
		const receipt = answer.body.receipt as string;
		await server.deliverMail();
		expect(await kinds(receipt)).toEqual(['queued', 'sent']);
		// Day 7 and a half: the email went out more than a week ago, the receipt (expired after a day)
		// is still kept, so it still shows what happened to its email.
		server.clock.advance(7.5 * day);
		expect(await purgeExpired(server.db, server.clock.now())).toMatchObject({ receipts: 0, outbox: 0 });
		expect(await kinds(receipt)).toEqual(['queued', 'sent']);
		// Past a week after its expiry, the receipt and its email go in one purge.
		server.clock.advance(1 * day);
		expect(await purgeExpired(server.db, server.clock.now())).toMatchObject({ receipts: 1, outbox: 1 });
		expect(await kinds(receipt)).toBe('invalid_receipt');
	} finally {
		await server.close();
	}
});
