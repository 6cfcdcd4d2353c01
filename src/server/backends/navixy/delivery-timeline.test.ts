/**
 * The Navixy backend's delivery timeline: the platform sends its own mail, so a receipt's timeline
 * holds what the platform said — `handed_off` when it took the registration's (or a later resend's)
 * activation email, `platform_failed` when it answered 209 (failed sending email) — and the same for
 * a new, a pending and a confirmed address.
 */
import { afterEach, beforeEach, expect, test } from 'vitest';

import { RegistrationStatusAnswerSchema } from '../../../signup/contract.ts';
import { navixyGoodPassword, startNavixyTestServer, type NavixyTestServer } from '../../../../test-support/navixy/navixy-test-server.ts';

let server: NavixyTestServer;
beforeEach(async () => {
	server = await startNavixyTestServer();
});
afterEach(async () => {
	await server.close();
});

const register = async (email = 'ann@example.com') => (await server.api('/registrations', { email, password: navixyGoodPassword, locale: 'en' })).body.receipt as string;
const delivery = async (receipt: string) => RegistrationStatusAnswerSchema.parse((await server.api('/registrations/status', { receipt })).body).delivery;

test('a registration the platform took: handed_off at the time of the registration', async () => {
	const before = server.clock.now();
	const receipt = await register();
	const answer = await delivery(receipt);
	expect(answer).toEqual({ email: 'ann@example.com', events: [{ kind: 'handed_off', at: expect.stringMatching(/Z$/) }] });
	expect(Math.abs(Date.parse(answer?.events[0]?.at ?? '') - before)).toBeLessThan(1000);
	expect((await server.api('/settings')).body.features).toMatchObject({ deliveryTimeline: true, addressChange: false });
});

test('code 209 at registration: platform_failed; a later resend the platform takes: handed_off at its time', async () => {
	server.platform.inject('user/resend_activation', { code: 209 });
	const receipt = await register();
	expect((await delivery(receipt))?.events.map((event) => event.kind)).toEqual(['platform_failed']);
	server.clock.advance(120_000);
	expect((await server.api('/registrations/resend', { email: 'ann@example.com', locale: 'en' })).status).toBe(202);
	const events = (await delivery(receipt))?.events ?? [];
	expect(events).toEqual([{ kind: 'handed_off', at: new Date(server.clock.now()).toISOString() }]);
});

test('a resend the platform could not send (209) shows platform_failed to the receipt of that address', async () => {
	const receipt = await register();
	server.clock.advance(10_000);
	server.platform.inject('user/resend_activation', { code: 209 });
	expect((await server.api('/registrations/resend', { email: 'ann@example.com', locale: 'en' })).status).toBe(503);
	expect((await delivery(receipt))?.events.map((event) => event.kind)).toEqual(['platform_failed']);
	// Another address's receipt is not touched.
	const other = await register('bob@example.com');
	expect((await delivery(other))?.events.map((event) => event.kind)).toEqual(['handed_off']);
});

test('new, pending and confirmed addresses get the same timeline', async () => {
	await register('pending@example.com');
	await register('confirmed@example.com');
	server.platform.activate('confirmed@example.com');
	server.clock.advance(10 * 60_000);
	const shapes = [];
	for (const email of ['new@example.com', 'pending@example.com', 'confirmed@example.com']) {
		const events = (await delivery(await register(email)))?.events ?? [];
		shapes.push(events.map((event) => event.kind));
	}
	expect(shapes).toEqual([['handed_off'], ['handed_off'], ['handed_off']]);
});
