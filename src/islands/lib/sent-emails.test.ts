// @vitest-environment happy-dom
import { beforeEach, expect, test } from 'vitest';

import { nextEmailAllowedAt, rememberEmailSent } from './sent-emails.ts';

beforeEach(() => localStorage.clear());

test('an email this browser sent holds the next one back for the cooldown, per address', () => {
	rememberEmailSent('anna@example.com', 300, 1_000_000);
	expect(nextEmailAllowedAt('anna@example.com', 1_000_000 + 1000)).toBe(1_300_000);
	expect(nextEmailAllowedAt('ivan@example.com', 1_000_000 + 1000)).toBe(0);
	expect(nextEmailAllowedAt('anna@example.com', 1_300_000)).toBe(0);
});

test('unreadable storage means nothing is known', () => {
	localStorage.setItem('signup.sent', '{not json');
	expect(nextEmailAllowedAt('anna@example.com')).toBe(0);
});
