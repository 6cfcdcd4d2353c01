import { expect, test } from 'vitest';

import { isSharedIslandCode } from './island-chunks.ts';

test('the widgets’ parts, helpers and renderer share one chunk', () => {
	for (const id of [
		'/repo/src/islands/parts/EmailField.tsx',
		'/repo/src/islands/lib/strings.ts',
		'/repo/src/islands/lib/strength.ts',
		'/repo/src/signup/text.ts',
		'/repo/node_modules/preact/dist/preact.module.js',
		'/repo/node_modules/preact/hooks/dist/hooks.module.js',
		'/repo/node_modules/@astrojs/preact/dist/client.js',
		'C:\\repo\\src\\islands\\lib\\hooks.ts',
	]) {
		expect(isSharedIslandCode(id), id).toBe(true);
	}
});

test('what loads on demand, and the widgets themselves, stay apart', () => {
	for (const id of [
		'/repo/src/islands/lib/strength-data.ts',
		'/repo/src/islands/lib/breached-passwords.txt?raw',
		'/repo/src/signup/client.ts',
		'/repo/node_modules/@zxcvbn-ts/core/dist/index.esm.js',
		'/repo/src/islands/widgets/RegistrationWidget.tsx',
		'/repo/node_modules/@astrojs/starlight/components/Search.astro',
	]) {
		expect(isSharedIslandCode(id), id).toBe(false);
	}
});
