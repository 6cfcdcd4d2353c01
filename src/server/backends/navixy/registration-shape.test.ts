/**
 * Registrations the real platform accepts: the test platform refuses, as the reference does, any
 * `panel/user/create` without the complete individual shape, with a name outside the name rule
 * or with a time zone its list does not have, and `close()` fails on any such call.
 */
import { describe, expect, test } from 'vitest';

import { ProblemSchema } from '../../../signup/contract.ts';
import { namesFromLogin } from './new-user.ts';
import { nameRule } from '../../../../test-support/navixy/reference.ts';
import { navixyGoodPassword, navixyServerPerTest, type NavixyTestServerOptions, startNavixyTestServer } from '../../../../test-support/navixy/navixy-test-server.ts';

const navixy = navixyServerPerTest();
const start = navixy.start;

const register = (email: string) => navixy.server.api('/registrations', { email, password: navixyGoodPassword, locale: 'en' });

describe('names derived from the address', () => {
	test.each([
		['john_doe@example.com', 'john', 'doe'],
		['ann+news@example.com', 'ann', '-'],
		["zoë.o'brien@example.com", 'zoë', "o'brien"],
		['x@example.com', 'x', '-'],
		['a=b@example.com', 'a', 'b'],
		['___@example.com', '-', '-'],
		['"quoted..name"@example.com', 'quoted', 'name'],
		['ивана.петрова@example.ru', 'ивана', 'петрова'],
	])('%s → %s / %s', (login, first, last) => {
		expect(namesFromLogin(login, '-')).toEqual({ firstName: first, lastName: last });
	});

	test('always meet the reference’s name rule and its 100 characters, whatever the address', () => {
		const locals = ['a'.repeat(64), `${'ab.'.repeat(40)}c`, '!#$%&*+/=?^_`{|}~', 'x-y', "-'-", '1.2.3', 'ÅÄÖ_åäö', '名前.苗字'];
		for (const local of locals) {
			const { firstName, lastName } = namesFromLogin(`${local}@example.com`, 'Customer');
			for (const name of [firstName, lastName]) {
				expect(name.length, local).toBeGreaterThan(0);
				expect(name.length, local).toBeLessThanOrEqual(100);
				expect(nameRule.test(name), `${local} → ${name}`).toBe(true);
			}
		}
	});
});

describe('panel/user/create as the reference requires it', () => {
	test.each(['john_doe@example.com', 'ann+news@example.com', "Zoë.O'Brien@example.com", 'x@example.com', `${'l'.repeat(64)}@example.com`, 'a=b@example.com'])(
		'%s registers, with a call the reference accepts',
		async (email) => {
			const { platform } = await start();
			const answer = await register(email);
			expect(answer.status, answer.text).toBe(202);
			expect(platform.users()).toHaveLength(1);
			expect(platform.violations).toEqual([]);
		},
	);

	test('the fallback name is NAVIXY_NAME_FALLBACK', async () => {
		const { platform } = await start({ config: { nameFallback: 'Client' } });
		await register('x@example.com');
		expect(platform.users()[0]?.profile).toMatchObject({ first_name: 'x', last_name: 'Client' });
	});
});

describe('the time zone of new users', () => {
	test('NAVIXY_TIME_ZONE when set (one of timezone/list), without reading the dealer’s settings', async () => {
		const { platform } = await start({ config: { timeZone: 'Australia/Sydney' } });
		expect((await register('ann@example.com')).status).toBe(202);
		expect(platform.users()[0]?.timeZone).toBe('Australia/Sydney');
		expect(platform.calls.map((call) => call.action)).not.toContain('panel/dealer/settings/service/read');
	});

	test('otherwise the dealer’s default_user_time_zone; both are asked once, not per registration', async () => {
		const { platform } = await start({ platform: { defaultUserTimeZone: 'America/New_York' } });
		await register('ann@example.com');
		await register('bob@example.com');
		expect(platform.users().map((user) => user.timeZone)).toEqual(['America/New_York', 'America/New_York']);
		expect(platform.calls.filter((call) => call.action === 'timezone/list' || call.action === 'panel/dealer/settings/service/read')).toHaveLength(2);
	});

	test.each([
		['NAVIXY_TIME_ZONE names a zone the list does not have', { config: { timeZone: 'Europe/Atlantis' } }, 'NAVIXY_TIME_ZONE=Europe/Atlantis is not a time zone of the platform'],
		['the dealer’s default is not in the list', { platform: { defaultUserTimeZone: 'Etc/UTC' } }, "the dealer's default_user_time_zone (Etc/UTC) is not a time zone"],
		['neither is set', { platform: { defaultUserTimeZone: null } }, 'NAVIXY_TIME_ZONE is not set and the dealer has no default_user_time_zone'],
	])('%s: the self-check stops the server, a registration answers registration_unavailable and creates nothing', async (_what, options, message) => {
		const { platform, backend, api, logs } = await start(options as NavixyTestServerOptions);
		const report = await backend.selfCheck();
		expect(report.fatal).toBe(true);
		expect(report.text).toContain(message);
		expect(report.text).toMatch(/set NAVIXY_TIME_ZONE to (one it lists, )?(a zone of the platform's list, )?such as Europe\/London/);
		const answer = await register('ann@example.com');
		expect(answer.status).toBe(503);
		expect(ProblemSchema.parse(answer.body).code).toBe('registration_unavailable');
		expect(logs.join('\n')).toContain(message);
		expect(platform.calls.map((call) => call.action)).not.toContain('panel/user/create');
		expect((await api('/health')).body).toMatchObject({ status: 'degraded', checks: expect.arrayContaining([{ name: 'time_zone', status: 'degraded' }]) });
	});
});

describe('a call the reference refuses fails the test that caused it', () => {
	test('the Navixy test server’s close() rejects, naming the call and the parameters', async () => {
		const started = await startNavixyTestServer();
		const auth = await fetch(`${started.platform.url}/panel/account/auth`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ login: started.config.panelLogin, password: started.config.panelPassword }),
		});
		const { hash } = (await auth.json()) as { hash: string };
		// The shape the backend used to send: no middle_name, last_name, phone or postal fields; UTC.
		const old = { user: { login: 'john_doe@example.com', activated: false, first_name: 'john_doe', legal_type: 'individual' }, password: navixyGoodPassword, locale: 'en_US', time_zone: 'UTC' };
		const refused = await fetch(`${started.platform.url}/panel/user/create`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `NVX ${hash}` }, body: JSON.stringify(old) });
		expect(((await refused.json()) as { status: { code: number } }).status.code).toBe(7);
		await expect(started.close()).rejects.toThrow(/panel\/user\/create \(request\): user\.middle_name must have required property 'middle_name'.*user\.first_name must match pattern/s);
	});
});
