// @vitest-environment happy-dom
import { act, renderHook } from '@testing-library/preact';
import { expect, test, vi } from 'vitest';

import english from '../../content/i18n/en.json';
import type { SignupClient } from '../../signup/client.ts';
import { useRequest } from './request.ts';
import { translator } from './strings.ts';

const t = translator(english);

/** A call that resolves when the test says so. */
function pendingCall() {
	let finish: (result: unknown) => void = () => undefined;
	const call = vi.fn(() => new Promise((done) => (finish = done))) as unknown as SignupClient['call'];
	return { call, finish: (result: unknown) => finish(result) };
}

test('busy while the call is out, a second send is ignored, and the answer comes back', async () => {
	const { call, finish } = pendingCall();
	const { result } = renderHook(() => useRequest(t, 'en', call));
	let first: Promise<unknown> = Promise.resolve();
	let second: Promise<unknown> = Promise.resolve();
	act(() => {
		first = result.current.send('resend', { email: 'a@example.com', locale: 'en' });
		second = result.current.send('resend', { email: 'a@example.com', locale: 'en' });
	});
	expect(result.current.busy).toBe(true);
	expect(await second).toBeUndefined();
	await act(async () => finish({ ok: true, data: { status: 'accepted', resendAfterSeconds: 60 } }));
	expect(await first).toEqual({ status: 'accepted', resendAfterSeconds: 60 });
	expect(result.current.busy).toBe(false);
	expect(call).toHaveBeenCalledTimes(1);
	expect(result.current.problem).toBeNull();
});

test('a failure becomes the reader’s message, unless a field takes it', async () => {
	const call = vi.fn(async () => ({ ok: false, problem: { code: 'network_error' } })) as unknown as SignupClient['call'];
	const { result } = renderHook(() => useRequest(t, 'en', call));
	await act(async () => void (await result.current.send('settings', undefined)));
	expect(result.current.problem).toEqual({ message: english['widgets.problem.network_error'], action: 'retry' });

	const field = vi.fn(() => true);
	await act(async () => void (await result.current.send('settings', undefined, field)));
	expect(field).toHaveBeenCalledWith({ code: 'network_error' }, { message: english['widgets.problem.network_error'], action: 'retry' });
	expect(result.current.problem).toBeNull();
	expect(result.current.busy).toBe(false);
});
