/**
 * The example providers the white-label tests build and serve, with their loopback ports: from
 * 4341 on, or from `PROVIDERS_PORT_BASE` (so two checkouts on one machine need not share them).
 */
const base = Number(process.env['PROVIDERS_PORT_BASE'] || 4341);

export const providerPorts = { geotrack: base, fleetwise: base + 1, rimal: base + 2, sendero: base + 3 } as const;

/** The address of a page of a provider's built site. */
export function providerUrl(id: keyof typeof providerPorts, path: string): string {
	return `http://127.0.0.1:${providerPorts[id]}${path}`;
}
