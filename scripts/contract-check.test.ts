import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { describe, expect, test } from 'vitest';

import { brokenPlatforms } from '../test-support/platform/broken-platforms.ts';
import { startReferencePlatform } from '../test-support/platform/reference-platform-server.ts';

const run = promisify(execFile);
const script = fileURLToPath(new URL('./contract-check.ts', import.meta.url));

/** Runs `npm run contract:check -- …` as its npm script does, and returns its exit code and output. */
async function contractCheck(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
	try {
		const { stdout, stderr } = await run(process.execPath, [script, ...args], { env: { ...process.env, PLATFORM_SECRET: '' } });
		return { code: 0, stdout, stderr };
	} catch (error) {
		const failed = error as { code: number; stdout: string; stderr: string };
		return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
	}
}

describe('npm run contract:check', () => {
	test('exits 0 against the reference implementation, one PASS line per check', async () => {
		const platform = await startReferencePlatform();
		try {
			const { code, stdout } = await contractCheck(platform.url, '--secret', platform.secret);
			expect(code, stdout).toBe(0);
			expect(stdout).toMatch(/^Checking the platform contract at http:\/\/127\.0\.0\.1:\d+/);
			expect(stdout).not.toMatch(/^FAIL/m);
			expect(stdout).toMatch(/\n\d+ passed, 0 failed\n$/);
		} finally {
			await platform.close();
		}
	});

	test('exits 1 against a broken implementation, naming the operation and what was expected', async () => {
		const platform = await brokenPlatforms.notIdempotent.start();
		try {
			const { code, stdout } = await contractCheck(platform.url, '--secret', platform.secret);
			expect(code).toBe(1);
			expect(stdout).toMatch(/^FAIL {2}createUser +idempotency +createUser retried with the same webhook-id and body, signed anew\n +expected 201 .*the same userId.*\n +got +409 user_exists$/m);
			expect(stdout).toMatch(/\n\d+ passed, [1-9]\d* failed\n$/);
		} finally {
			await platform.close();
		}
	});

	test('exits 2 on a usage mistake, saying what is missing', async () => {
		expect(await contractCheck('http://127.0.0.1:9')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--secret .* must be the whsec_ secret/) });
		expect(await contractCheck('--secret', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toMatchObject({ code: 2, stderr: expect.stringMatching(/URL of the implementation/) });
	});
});
