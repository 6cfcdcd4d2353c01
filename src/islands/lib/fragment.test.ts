import { expect, test } from 'vitest';

import { tokenFromFragment } from './fragment.ts';

test('reads a well-formed token from the fragment', () => {
	expect(tokenFromFragment('#token=abcdefghijklmnopqrstuv_-12')).toBe('abcdefghijklmnopqrstuv_-12');
	expect(tokenFromFragment('#lang=fr&token=abcdefghijklmnopqrstuvwx')).toBe('abcdefghijklmnopqrstuvwx');
});

test('ignores a missing, short or foreign token', () => {
	expect(tokenFromFragment('')).toBeUndefined();
	expect(tokenFromFragment('#token=short')).toBeUndefined();
	expect(tokenFromFragment('#token=<script>alert(1)</script>aaaaaaaaaaaaa')).toBeUndefined();
});
