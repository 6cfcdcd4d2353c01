import { mix, type Hex } from './contrast.ts';

/** Starlight's page backgrounds: `--sl-color-black` in each theme. */
export const backgrounds = { light: '#ffffff', dark: '#17181c' } as const;

/** The accent shades a theme derives from one brand colour, as Starlight names them. */
export interface AccentShades {
	low: Hex;
	accent: Hex;
	high: Hex;
}

/**
 * The light theme's shades: the brand colour is the accent (Starlight's link and button colour in
 * light mode); `high` is darker, `low` a pale tint for backgrounds.
 */
export function lightShades(brand: string): AccentShades {
	return { low: mix(brand, '#ffffff', 0.15), accent: brand as Hex, high: mix(brand, '#000000', 0.7) };
}

/**
 * The dark theme's shades: the brand colour is `high` (Starlight's link colour in dark mode);
 * `low` is the brand sunk into the dark background, the text colour on accent buttons.
 */
export function darkShades(brand: string): AccentShades {
	return { low: mix(brand, backgrounds.dark, 0.25), accent: mix(brand, '#000000', 0.75), high: brand as Hex };
}

/** The CSS that paints Starlight in the provider's colours, in both themes. */
export function themeCss(colors: { light: string; dark: string }): string {
	const light = lightShades(colors.light);
	const dark = darkShades(colors.dark);
	return [
		`:root{--sl-color-accent-low:${dark.low};--sl-color-accent:${dark.accent};--sl-color-accent-high:${dark.high}}`,
		`:root[data-theme='light']{--sl-color-accent-low:${light.low};--sl-color-accent:${light.accent};--sl-color-accent-high:${light.high}}`,
	].join('\n');
}
