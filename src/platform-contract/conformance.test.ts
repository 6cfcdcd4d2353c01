import { afterEach, describe, expect, test } from 'vitest';

import { brokenPlatforms, brokenSecret } from '../../test-support/platform/broken-platforms.ts';
import { startReferencePlatform, type ReferencePlatformServer } from '../../test-support/platform/reference-platform-server.ts';
import { formatReport, runConformanceChecks, type CheckResult } from './conformance.ts';
import { platformOperations } from './contract.ts';

describe('the conformance kit', () => {
	let platform: ReferencePlatformServer | undefined;
	afterEach(async () => {
		await platform?.close();
		platform = undefined;
	});

	const failures = (results: CheckResult[]) => results.filter((result) => !result.pass);

	test('passes against the reference implementation, checking every operation, error and signature rule', async () => {
		platform = await startReferencePlatform();
		const results = await runConformanceChecks({ url: platform.url, secret: platform.secret });
		expect(failures(results), formatReport(results)).toEqual([]);
		expect(new Set(results.map((result) => result.operation))).toEqual(new Set(Object.keys(platformOperations)));
		expect(new Set(results.map((result) => result.aspect))).toEqual(new Set(['answer', 'error', 'signature', 'idempotency']));
		const report = formatReport(results);
		expect(report).toMatch(/^PASS {2}settings/m);
		expect(report).toMatch(/\n\d+ passed, 0 failed$/);
		// The kit's own users stay on the platform: one created, activated, none from the refused calls.
		expect(platform.users()).toEqual([{ email: expect.stringMatching(/^contract-check-.*@example\.com$/), active: true }]);
	});

	test('passes against an implementation whose settings still answer sendsOwnMail: answers may carry extra fields', async () => {
		// Not a fresh literal, so that the field the contract no longer names gets through to the answer.
		const olderSettings = { name: 'Older platform', sendsOwnMail: true };
		platform = await startReferencePlatform({ settings: olderSettings });
		const results = await runConformanceChecks({ url: platform.url, secret: platform.secret });
		expect(failures(results), formatReport(results)).toEqual([]);
	});

	test('with registration off, checks registration_disabled and says why the rest is skipped', async () => {
		platform = await startReferencePlatform({ settings: { registrationAllowed: false } });
		const results = await runConformanceChecks({ url: platform.url, secret: platform.secret });
		expect(failures(results)).toEqual([]);
		expect(results).toContainEqual(expect.objectContaining({ operation: 'createUser', pass: true, got: '403 registration_disabled' }));
		expect(formatReport(results)).toMatch(/SKIP .*registrationAllowed: false/);
	});

	test('fails with a wrong secret, on the settings call, and stops there', async () => {
		platform = await startReferencePlatform();
		const results = await runConformanceChecks({ url: platform.url, secret: brokenSecret });
		expect(failures(results)[0]).toMatchObject({ operation: 'settings', aspect: 'answer', got: '401 unauthorized' });
		expect(formatReport(results)).toMatch(/FAIL {2}settings +answer +a signed settings call\n +expected 200 application\/json per the contract\n +got +401 unauthorized/);
	});

	test('fails when nothing answers, saying so', async () => {
		const results = await runConformanceChecks({ url: 'http://127.0.0.1:9', secret: brokenSecret });
		expect(failures(results)[0]?.got).toMatch(/^no answer/);
	});

	const expectations: Record<keyof typeof brokenPlatforms, Array<Partial<CheckResult>>> = {
		acceptsUnsigned: [
			{ operation: 'settings', aspect: 'signature', name: 'a call without signature headers' },
			{ operation: 'createUser', aspect: 'signature', name: 'an unsigned createUser' },
			{ operation: 'createUser', aspect: 'signature', name: 'the unsigned createUser’s address, looked up' },
		],
		ignoresTimestamp: [
			{ operation: 'settings', aspect: 'signature', name: 'a timestamp 360 s old' },
			{ operation: 'settings', aspect: 'signature', name: 'a timestamp 360 s ahead' },
		],
		// Remembering nothing, it cannot tell a replay either.
		notIdempotent: [
			{ operation: 'getUser', aspect: 'signature', name: 'a webhook-id used again for another body (replay)' },
			{ operation: 'settings', aspect: 'signature', name: 'a webhook-id used again for another operation (replay)' },
			{ operation: 'createUser', aspect: 'idempotency', got: '409 user_exists' },
			{ operation: 'getUser', aspect: 'idempotency' },
		],
		noReplayCheck: [
			{ operation: 'getUser', aspect: 'signature', name: 'a webhook-id used again for another body (replay)' },
			{ operation: 'settings', aspect: 'signature', name: 'a webhook-id used again for another operation (replay)' },
		],
	};

	for (const [variant, broken] of Object.entries(brokenPlatforms)) {
		test(`fails against a platform that ${broken.mistake}, naming the operation`, async () => {
			platform = await broken.start();
			const results = await runConformanceChecks({ url: platform.url, secret: platform.secret });
			const failed = failures(results);
			expect(failed, formatReport(results)).toEqual(expectations[variant as keyof typeof brokenPlatforms].map((expected) => expect.objectContaining(expected)));
			for (const failure of failed) expect(formatReport(results)).toContain(`FAIL  ${failure.operation.padEnd('activateUser'.length)}  ${failure.aspect.padEnd('idempotency'.length)}  ${failure.name}`);
		});
	}
});
