import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { expect, test } from 'vitest';

import { mergedPublicDir } from './public-dir.ts';

function write(root: string, file: string, text: string) {
	mkdirSync(join(root, file, '..'), { recursive: true });
	writeFileSync(join(root, file), text);
}

test('a provider’s public files overlay the shared ones', () => {
	const root = mkdtempSync(join(tmpdir(), 'public-dir-'));
	write(root, 'public/favicon.svg', 'shared icon');
	write(root, 'public/fonts/a.woff2', 'shared font');
	write(root, 'src/providers/acme/public/favicon.svg', 'acme icon');
	write(root, 'src/providers/acme/public/acme.txt', 'acme only');
	const merged = mergedPublicDir(root, 'acme');
	expect(readFileSync(join(merged, 'favicon.svg'), 'utf8')).toBe('acme icon');
	expect(readFileSync(join(merged, 'fonts/a.woff2'), 'utf8')).toBe('shared font');
	expect(readFileSync(join(merged, 'acme.txt'), 'utf8')).toBe('acme only');
	// Another provider without its own files gets the shared ones, and none of acme's.
	const plain = mergedPublicDir(root, 'plain');
	expect(readFileSync(join(plain, 'favicon.svg'), 'utf8')).toBe('shared icon');
	expect(() => readFileSync(join(plain, 'acme.txt'))).toThrow();
});
