import { describe, expect, test } from 'vitest';

import { ReceiptSchema } from '../../../signup/contract.ts';
import { maxReceiptLoginBytes, receiptSealer } from './receipts.ts';

const sealer = receiptSealer('a receipt secret of at least thirty-two bytes');
const issuedAt = Date.UTC(2026, 0, 15, 9, 0, 0);

describe('receipts (sealed, no database)', () => {
	test('open what was sealed: the login, the time (to the second), the outcome and the activation email’s fate', () => {
		for (const outcome of ['created', 'pending', 'exists'] as const) {
			const receipt = sealer.seal({ login: 'Ann@example.com', issuedAt: issuedAt + 999, outcome });
			expect(sealer.open(receipt)).toEqual({ login: 'Ann@example.com', issuedAt, outcome, mail: 'unknown' });
			for (const mail of ['unknown', 'handed_off', 'platform_failed'] as const) {
				expect(sealer.open(sealer.seal({ login: 'Ann@example.com', issuedAt, outcome, mail }))).toEqual({ login: 'Ann@example.com', issuedAt, outcome, mail });
			}
		}
		expect(sealer.open(sealer.seal({ login: 'ünï@bücher.de', issuedAt, outcome: 'created' }))?.login).toBe('ünï@bücher.de');
	});

	test('every receipt is 128 base64url characters, whatever the address, and the contract accepts it', () => {
		const short = sealer.seal({ login: 'a@b.co', issuedAt, outcome: 'created' });
		const long = sealer.seal({ login: `${'x'.repeat(50)}@example.com`, issuedAt, outcome: 'exists' });
		for (const receipt of [short, long]) {
			expect(receipt).toMatch(/^[\w-]{128}$/);
			expect(ReceiptSchema.safeParse(receipt).success).toBe(true);
		}
	});

	test('two receipts for the same attempt differ (random nonce) and reveal nothing readable', () => {
		const record = { login: 'ann@example.com', issuedAt, outcome: 'created' as const };
		const first = sealer.seal(record);
		expect(sealer.seal(record)).not.toBe(first);
		expect(Buffer.from(first, 'base64url').toString('latin1')).not.toContain('ann');
	});

	test('a login longer than a receipt can hold gives a blind receipt that can only age', () => {
		const login = `${'x'.repeat(maxReceiptLoginBytes)}@example.com`;
		const receipt = sealer.seal({ login, issuedAt, outcome: 'created' });
		expect(receipt).toHaveLength(128);
		expect(sealer.open(receipt)).toEqual({ login: null, issuedAt, outcome: 'created', mail: 'unknown' });
	});

	test('a forged, altered, truncated or foreign receipt does not open', () => {
		const receipt = sealer.seal({ login: 'ann@example.com', issuedAt, outcome: 'created' });
		const bytes = Buffer.from(receipt, 'base64url');
		for (const index of [0, 20, 95]) {
			const altered = Buffer.from(bytes);
			altered[index] = (altered[index] ?? 0) ^ 1;
			expect(sealer.open(altered.toString('base64url'))).toBeNull();
		}
		expect(sealer.open(receipt.slice(0, 127))).toBeNull();
		expect(sealer.open(`${receipt.slice(0, 127)}=`)).toBeNull();
		expect(sealer.open('A'.repeat(128))).toBeNull();
		expect(receiptSealer('another secret that is also thirty-two bytes').open(receipt)).toBeNull();
	});

	test('refuses a secret shorter than 32 bytes', () => {
		expect(() => receiptSealer('too short')).toThrow(/32 bytes/);
	});
});
