/** The example providers the white-label tests build and serve, with their loopback ports. */
export const providerPorts = { geotrack: 4341, fleetwise: 4342, rimal: 4343 } as const;

/** The address of a page of a provider's built site. */
export function providerUrl(id: keyof typeof providerPorts, path: string): string {
	return `http://127.0.0.1:${providerPorts[id]}${path}`;
}
