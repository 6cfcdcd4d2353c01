import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { AstroIntegration } from 'astro';

/** The file, inside the built site, that names the provider it was built for. */
export const buildMarkFile = '.provider';

/**
 * Records beside the build which provider it is for (`dist/.provider`), so `npm start` knows a site
 * built by `npm run build` is current and does not build it again. The server never serves it.
 */
export function buildMark(providerId: string): AstroIntegration {
	return {
		name: 'build-mark',
		hooks: {
			'astro:build:done': async ({ dir }) => {
				await writeFile(join(fileURLToPath(dir), buildMarkFile), providerId);
			},
		},
	};
}
