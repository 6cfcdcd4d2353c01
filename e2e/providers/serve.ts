/**
 * Serves each example provider's built site (`dist/<id>/`, from `npm run build:providers`) on its
 * own loopback port, for the white-label tests. Started by Playwright's webServer; `PROVIDERS_OUT`
 * names another folder, as for the build.
 */
import { resolve } from 'node:path';

import { serveStatic } from '../../bench/serve-static.ts';
import { providerPorts } from './ports.ts';

for (const [id, port] of Object.entries(providerPorts)) {
	await serveStatic(resolve(process.env['PROVIDERS_OUT'] || 'dist', id), port);
	console.log(`${id}: http://127.0.0.1:${port}/`);
}
