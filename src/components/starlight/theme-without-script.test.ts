import { expect, test } from 'vitest';

import { lightShades } from '../../providers/theme.ts';
import { themeWithoutScriptCss } from './theme-without-script.ts';

test('without JavaScript, a light system preference gets Starlight’s light colours over the dark fallback', () => {
	const css = themeWithoutScriptCss();
	expect(css).toMatch(/^@media \(prefers-color-scheme: light\)\{:root\[data-theme='dark'\]\{/);
	// Starlight's light page background and text, read from its own stylesheet.
	expect(css).toContain('--sl-color-black: hsl(0, 0%, 100%)');
	expect(css).toContain('--sl-color-white: hsl(224, 10%, 10%)');
	expect(css).toContain('color-scheme:light');
	expect(css).not.toContain('/*');
});

test('without JavaScript, the light theme keeps the provider’s light accent', () => {
	const css = themeWithoutScriptCss({ light: '#0b5cad', dark: '#8cc4ff' });
	const shades = lightShades('#0b5cad');
	expect(css).toContain(`--sl-color-accent:${shades.accent};`);
	expect(css).toContain(`--sl-color-accent-low:${shades.low};`);
});
