// Prints how well one request's time tells whether an address has an account, against the real
// server process (`node src/server/main.ts`, its mail worker running, the development mailbox):
// for the resend and password-reset requests, 300 interleaved requests per kind of address
// (unknown, pending, confirmed), the cross-validated accuracy of the best single-request threshold
// classifier (50 % is a coin toss; the test suite requires at most 55 %) and the Mann–Whitney z.
// Figures only: nothing is asserted. Usage: npm run bench:security   (BENCH_SAMPLES=1000 for more)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { separations, timedRequests, timeRequest } from '../test-support/server/enumeration-suite.ts';
import { startServerProcess } from '../test-support/server/server-process.ts';

const samples = Number(process.env['BENCH_SAMPLES'] ?? 300);
const password = 'velvet kettle orbit lantern';
const dataDir = mkdtempSync(join(tmpdir(), 'signup-bench-security-'));
const server = await startServerProcess({
	DATA_DIR: dataDir,
	STATIC_DIR: join(dataDir, 'no-site'),
	SITE_URL: 'http://127.0.0.1',
	DEV_MAILBOX: 'true',
	SCRYPT_LOG_N: '14',
	// Every request past the cooldown, so that every branch does its heaviest work.
	RESEND_COOLDOWN_SECONDS: '0',
	RATE_LIMIT_REGISTER: '1000000000/1',
	RATE_LIMIT_STATUS: '1000000000/1',
	RATE_LIMIT_EMAIL: '1000000000/1',
	RATE_LIMIT_CONFIRM: '1000000000/1',
	MAIL_POLL_INTERVAL_MS: '20',
});
const api = `${server.url}/api/v1`;
const post = async (path: string, body: unknown) => {
	const answer = await fetch(`${api}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
	return (await answer.json()) as Record<string, unknown>;
};
const address = (kind: string, index: number) => `b${kind.slice(0, 3)}-${String(index).padStart(2, '0')}@example.com`;

try {
	for (let index = 0; index < 10; index++) {
		await post('/registrations', { email: address('pending', index), password, locale: 'en' });
		await post('/registrations', { email: address('confirmed', index), password, locale: 'en' });
	}
	// Wait for the worker, then confirm the "confirmed" pool with the links it mailed.
	let confirmed = 0;
	for (let wait = 0; wait < 200 && confirmed < 10; wait++) {
		await new Promise((resolve) => setTimeout(resolve, 50));
		const messages = (await (await fetch(`${server.url}/_mailbox/messages.json`)).json()) as Array<{ to: string; text: string }>;
		const tokens = messages.filter((message) => message.to.startsWith('bcon-')).map((message) => /#token=([\w-]+)/.exec(message.text)?.[1]);
		if (tokens.length < 10) continue;
		for (const token of tokens) if ((await post('/registrations/confirm', { token }))['status'] === 'confirmed') confirmed++;
	}
	console.log(`Request timing as an enumeration classifier (${samples} interleaved samples per kind, loopback, worker running)`);
	for (const request of timedRequests) {
		const times = await timeRequest((path, email) => post(path, { email, locale: 'en' }), () => {}, request, address, samples);
		for (const [kind, verdict] of Object.entries(separations(times))) {
			const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
			console.log(
				`  ${request.name.padEnd(14)} ${kind.padEnd(9)} vs unknown: accuracy ${(verdict.accuracy * 100).toFixed(1)} % ` +
					`(in-sample ${(verdict.inSampleAccuracy * 100).toFixed(1)} %), Mann–Whitney z ${verdict.z.toFixed(2)}, ` +
					`median ${median(times[kind as 'pending' | 'confirmed']).toFixed(3)} ms vs ${median(times.new).toFixed(3)} ms`,
			);
		}
	}
} finally {
	server.child.kill('SIGTERM');
	await server.exited;
	rmSync(dataDir, { recursive: true, force: true });
}
