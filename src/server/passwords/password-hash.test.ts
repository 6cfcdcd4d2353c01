import { describe, expect, test } from 'vitest';

import { HasherBusyError, owaspScryptParams, parseHash, scryptHasher } from './password-hash.ts';

const cheap = { logN: 10, r: 8, p: 1 };

describe('scrypt password hashing', () => {
	test('defaults to OWASP’s cost (N=2^17, r=8, p=1) and stores the parameters with the hash', async () => {
		expect(owaspScryptParams).toEqual({ logN: 17, r: 8, p: 1 });
		const hash = await scryptHasher().hash('correct horse battery staple');
		expect(hash).toMatch(/^scrypt\$ln=17,r=8,p=1\$[\w-]{22}\$[\w-]{43}$/);
		expect(parseHash(hash)?.params).toEqual(owaspScryptParams);
		expect(await scryptHasher().verify('correct horse battery staple', hash)).toBe(true);
	}, 20_000);

	test('verifies at the cost stored in the hash, whatever the hasher’s own', async () => {
		const hash = await scryptHasher({ params: cheap }).hash('a long passphrase');
		expect(await scryptHasher().verify('a long passphrase', hash)).toBe(true);
		expect(await scryptHasher().verify('a long passphrasE', hash)).toBe(false);
		expect(await scryptHasher().verify('anything', 'not a hash')).toBe(false);
	});

	test('salts every hash and normalizes to NFC first', async () => {
		const hasher = scryptHasher({ params: cheap });
		expect(await hasher.hash('same')).not.toBe(await hasher.hash('same'));
		expect(await hasher.verify('caf\u00e9 au lait', await hasher.hash('cafe\u0301 au lait'))).toBe(true);
	});

	test('runs off the event loop: a timer still fires while hashes run', async () => {
		const hasher = scryptHasher({ params: { logN: 15, r: 8, p: 1 }, concurrency: 2 });
		let ticks = 0;
		const timer = setInterval(() => ticks++, 5);
		await Promise.all([hasher.hash('one'), hasher.hash('two'), hasher.hash('three')]);
		clearInterval(timer);
		expect(ticks).toBeGreaterThan(2);
	});

	test('refuses to queue beyond its limit', async () => {
		const hasher = scryptHasher({ params: { logN: 14, r: 8, p: 1 }, concurrency: 1, maxQueue: 1 });
		const results = await Promise.allSettled([hasher.hash('a'), hasher.hash('b'), hasher.hash('c')]);
		expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
		expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(HasherBusyError);
	});

	test('sheds work whose expected wait is too long, instead of queueing it for half a minute', async () => {
		const hasher = scryptHasher({ params: { logN: 14, r: 8, p: 1 }, concurrency: 1, maxWaitMs: 150 });
		// One hash first, so the hasher knows how long one takes.
		await hasher.hash('calibration password');
		const results = await Promise.allSettled(Array.from({ length: 12 }, (_, index) => hasher.hash(`password number ${index}`)));
		const refused = results.filter((result) => result.status === 'rejected').map((result) => result.reason as unknown);
		expect(results.filter((result) => result.status === 'fulfilled').length).toBeGreaterThan(0);
		expect(refused.length).toBeGreaterThan(0);
		for (const reason of refused) {
			expect(reason).toBeInstanceOf(HasherBusyError);
			expect((reason as HasherBusyError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
		}
	});
});
