import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import { lightShades } from '../../providers/theme.ts';

/**
 * Starlight's light-theme colours, as its own stylesheet declares them for
 * `:root[data-theme='light']`: read from the installed package, so a Starlight update changes them
 * here too instead of leaving a stale copy.
 */
function starlightLightDeclarations(): string {
	// The one stylesheet the package exports, to find its style folder.
	const markdownCss = createRequire(import.meta.url).resolve('@astrojs/starlight/style/markdown.css');
	const props = readFileSync(join(dirname(markdownCss), 'props.css'), 'utf8');
	const block = /:root\[data-theme='light'\],\s*\[data-theme='light'\] ::backdrop\s*\{([^}]*)\}/.exec(props)?.[1];
	if (!block) throw new Error('Starlight’s light theme was not found in its props.css: the no-JavaScript theme needs updating.');
	return block.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, ' ').trim();
}

/**
 * The CSS a page loads only without JavaScript (inside `<noscript>`), where Starlight's theme
 * script never runs and the page keeps its hard-coded `data-theme="dark"`: a reader whose system
 * asks for light gets the light theme, in the provider's colours. `:root[data-theme='dark']` is
 * exactly that state, and outweighs the dark defaults (`:root`).
 */
export function themeWithoutScriptCss(colors?: { light: string; dark: string }): string {
	const accent = colors ? lightShades(colors.light) : undefined;
	const accentDeclarations = accent ? `--sl-color-accent-low:${accent.low};--sl-color-accent:${accent.accent};--sl-color-accent-high:${accent.high};` : '';
	return `@media (prefers-color-scheme: light){:root[data-theme='dark']{${starlightLightDeclarations()}${accentDeclarations}color-scheme:light}}`;
}
