/**
 * WCAG 2 contrast between colours, for checking a provider's brand colours at build time.
 * @see https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio
 */

/** An sRGB colour as `#rrggbb`. */
export type Hex = `#${string}`;

function channels(hex: string): [number, number, number] {
	const value = Number.parseInt(hex.slice(1), 16);
	return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/** The relative luminance of a colour, from 0 (black) to 1 (white). */
export function luminance(hex: string): number {
	const [r, g, b] = channels(hex).map((c) => {
		const s = c / 255;
		return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
	}) as [number, number, number];
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of two colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
	const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
	return (light + 0.05) / (dark + 0.05);
}

/**
 * `weight` of `a` mixed with the rest of `b`, channel by channel in sRGB — what CSS
 * `color-mix(in srgb, a weight%, b)` draws, so the build can check the shades the theme derives.
 */
export function mix(a: string, b: string, weight: number): Hex {
	const ca = channels(a);
	const cb = channels(b);
	const mixed = ca.map((c, i) => Math.round(c * weight + cb[i]! * (1 - weight)));
	return `#${mixed.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}
