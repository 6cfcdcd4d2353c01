/**
 * The production tree never depends on test code: no file under `src/` (tests aside) imports from
 * `test-support/`, `e2e/` or a test runner, so what ships is exactly what the tests exercise.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Every source file under `dir`, tests excluded. */
function productionFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true, recursive: true })
		.filter((entry) => entry.isFile() && /\.(ts|tsx|mjs|astro|mdx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
		.map((entry) => join(entry.parentPath, entry.name));
}

/** The import specifiers a file names (static, dynamic and `new URL(…, import.meta.url)`). */
function specifiers(source: string): string[] {
	return [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|new URL\(\s*)['"]([^'"]+)['"]/g)].map((match) => match[1] ?? '');
}

/** Why `specifier`, imported by `file`, is test code; `null` when it is not. */
function testDependency(file: string, specifier: string): string | null {
	if (/^(vitest|@playwright\/test|@testing-library\/)/.test(specifier)) return 'a test runner or test double';
	// An SMTP server in production is the bounce listener's inbound side, and nothing else's.
	if (specifier === 'smtp-server' && relative(root, file) !== 'src/server/mail/bounce-listener.ts') return 'an SMTP server (only the bounce listener runs one)';
	if (!specifier.startsWith('.')) return null;
	const target = relative(root, resolve(file, '..', specifier));
	if (/^(test-support|e2e)(\/|$)/.test(target)) return `test code (${target})`;
	return null;
}

describe('the production tree', () => {
	it('imports no test code', () => {
		const offences = productionFiles(join(root, 'src')).flatMap((file) =>
			specifiers(readFileSync(file, 'utf8'))
				.map((specifier) => ({ specifier, why: testDependency(file, specifier) }))
				.filter(({ why }) => why)
				.map(({ specifier, why }) => `${relative(root, file)} imports ${specifier}: ${why}`),
		);
		expect(offences).toEqual([]);
	});

	it('is checked by a rule that does catch an offence', () => {
		expect(testDependency(join(root, 'src/server/main.ts'), '../../test-support/server/test-server.ts')).toMatch(/test code/);
		expect(testDependency(join(root, 'src/server/main.ts'), 'vitest')).toMatch(/test runner/);
		expect(testDependency(join(root, 'src/server/main.ts'), './runtime.ts')).toBeNull();
	});
});
