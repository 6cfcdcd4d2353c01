import { describe, expect, test } from 'vitest';

import english from '../../content/i18n/en.json';
import { problemCodes } from '../../signup/contract.ts';
import type { ClientProblemCode } from '../../signup/client.ts';
import { describeProblem } from './problem-message.ts';
import { translator } from './strings.ts';

const t = translator(english);

describe('describeProblem', () => {
	const codes: ClientProblemCode[] = [...problemCodes, 'network_error', 'timeout', 'bad_answer'];

	test.each(codes)('gives %s a translated message', (code) => {
		const { message } = describeProblem({ code }, t, 'en');
		expect(message).not.toMatch(/^widgets\./);
		expect(message.length).toBeGreaterThan(10);
	});

	test('says how long to wait when the server tells', () => {
		expect(describeProblem({ code: 'rate_limited', retryAfter: 300 }, t, 'en')).toEqual({
			message: 'Too many attempts in a short time. Try again in 5 minutes.',
			action: 'wait',
		});
		expect(describeProblem({ code: 'rate_limited', retryAfter: 300 }, t, 'ru').message).toContain('через 5 минут');
		expect(describeProblem({ code: 'rate_limited' }, t, 'en').message).toBe(english['widgets.problem.rate_limited_soon']);
	});

	test('counts the code attempts left', () => {
		expect(describeProblem({ code: 'invalid_code', attemptsLeft: 3 }, t, 'en').message).toContain('Attempts left: 3.');
	});

	test('offers a retry for failures before an answer, and a new email for dead links', () => {
		expect(describeProblem({ code: 'network_error' }, t, 'en').action).toBe('retry');
		expect(describeProblem({ code: 'timeout' }, t, 'en').action).toBe('retry');
		expect(describeProblem({ code: 'expired_token' }, t, 'en').action).toBe('new_email');
		expect(describeProblem({ code: 'too_many_attempts' }, t, 'en').action).toBe('new_email');
		expect(describeProblem({ code: 'registration_disabled' }, t, 'en').action).toBe('support');
		// An address changed too often cannot be corrected again: only a new registration helps.
		expect(describeProblem({ code: 'too_many_changes' }, t, 'en')).toEqual({ message: english['widgets.problem.too_many_changes'], action: 'register_again' });
	});
});
