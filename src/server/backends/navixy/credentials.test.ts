/**
 * The provider's panel credentials, its panel session and the receipt secret stay on the server:
 * in no answer (success or problem, platform up or failing), in no log line, and read by nothing
 * outside `src/server` — so neither the static site nor an island's props can carry them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterEach, describe, expect, test } from 'vitest';

import type { TestResponse } from '../../../../test-support/server/test-server.ts';
import { navixyGoodPassword, startNavixyTestServer, testCredentials, type NavixyTestServer } from '../../../../test-support/navixy/navixy-test-server.ts';

let server: NavixyTestServer | undefined;
afterEach(async () => {
	await server?.close();
	server = undefined;
});

/** Calls every route, happy paths and failures, and returns every answer. */
async function everyAnswer(target: NavixyTestServer): Promise<TestResponse[]> {
	const { api, platform } = target;
	const answers: TestResponse[] = [];
	const call = async (path: string, body?: unknown) => {
		const answer = await api(path, body);
		answers.push(answer);
		return answer;
	};
	await call('/health');
	await call('/settings');
	await call('/openapi.json');
	const registered = await call('/registrations', { email: 'ann@example.com', password: navixyGoodPassword, locale: 'en' });
	await call('/registrations', { email: 'ann@example.com', password: 'weak', locale: 'en' });
	await call('/registrations/status', { receipt: registered.body.receipt });
	await call('/registrations/status', { receipt: 'A'.repeat(128) });
	await call('/registrations/resend', { email: 'ann@example.com', locale: 'en' });
	await call('/registrations/confirm', { token: platform.emails('ann@example.com')[0]?.hash });
	await call('/registrations/confirm', { token: 'b'.repeat(32) });
	await call('/registrations/confirm-code', { email: 'ann@example.com', code: '123456' });
	await call('/password-resets', { email: 'ann@example.com', locale: 'en' });
	await call('/password-resets/complete', { token: 'c'.repeat(43), newPassword: navixyGoodPassword });
	// And with the platform failing in every way the tests know.
	platform.inject('panel/user/create', { code: 4 }, 2);
	await call('/registrations', { email: 'bob@example.com', password: navixyGoodPassword, locale: 'en' });
	platform.inject('panel/user/create', { code: 999 });
	await call('/registrations', { email: 'bob@example.com', password: navixyGoodPassword, locale: 'en' });
	platform.inject('user/resend_activation', { raw: 'not json' });
	await call('/registrations/resend', { email: 'bob@example.com', locale: 'en' });
	await platform.goDown();
	await call('/registrations', { email: 'carol@example.com', password: navixyGoodPassword, locale: 'en' });
	await call('/registrations/status', { receipt: registered.body.receipt });
	return answers;
}

describe('credentials stay on the server', () => {
	test('no answer contains the panel login, password or session hash, or the receipt secret', async () => {
		server = await startNavixyTestServer();
		const answers = await everyAnswer(server);
		const panelHashes = server.platform.state.issuedPanelHashes;
		expect(panelHashes.length).toBeGreaterThan(1);
		const secrets = [testCredentials.panelLogin, testCredentials.panelPassword, testCredentials.receiptSecret, ...panelHashes];
		for (const answer of answers) {
			const seen = `${answer.text}\n${[...answer.headers].map(([name, value]) => `${name}: ${value}`).join('\n')}`;
			for (const secret of secrets) expect(seen).not.toContain(secret);
		}
	});

	test('no log line contains them either, nor a reader’s password', async () => {
		for (const panelPassword of [testCredentials.panelPassword, 'Wrong-Panel-Password-1']) {
			server = await startNavixyTestServer({ config: { panelPassword } });
			await everyAnswer(server);
			const logs = server.logs.join('\n');
			expect(logs).toContain(panelPassword === testCredentials.panelPassword ? 'panel/user/create answered' : 'panel/account/auth answered code 12');
			const secrets = [panelPassword, testCredentials.panelLogin, testCredentials.receiptSecret, navixyGoodPassword, ...server.platform.state.issuedPanelHashes];
			for (const secret of secrets) expect(logs).not.toContain(secret);
			await server.close();
			server = undefined;
		}
	});

	// NAVIXY_PASSWORD_RESET alone is read by the build too (src/providers/password-reset.ts): it holds no
	// secret, and the pages must describe the reset the server does.
	test('nothing outside src/server reads the Navixy variables (the site, its islands, the build config) but the reset setting', () => {
		const root = fileURLToPath(new URL('../../../../', import.meta.url));
		const server = join(root, 'src', 'server');
		const places = [join(root, 'src'), join(root, 'astro.config.mjs'), join(root, 'config'), join(root, 'public')];
		const offenders = places.flatMap((place) => sourceFiles(place, server)).filter((file) => /NAVIXY_(?!PASSWORD_RESET\b)/.test(readFileSync(file, 'utf8')));
		expect(offenders.map((file) => relative(root, file))).toEqual([]);
	});
});

/** Text files under `path` (or `path` itself), leaving out `excluded` and dependencies. */
function sourceFiles(path: string, excluded: string): string[] {
	let stats;
	try {
		stats = statSync(path);
	} catch {
		return [];
	}
	if (stats.isFile()) return /\.(ts|tsx|mts|js|mjs|astro|json|md|mdx)$/.test(path) ? [path] : [];
	if (path === excluded || /node_modules|\.git$/.test(path)) return [];
	return readdirSync(path).flatMap((name) => sourceFiles(join(path, name), excluded));
}
