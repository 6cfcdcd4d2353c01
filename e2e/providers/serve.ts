/**
 * Serves each example provider's built site (`dist/<id>/`, from `npm run build:providers`) on its
 * own loopback port, for the white-label tests, with the server's own static-site module
 * (`src/server/static-site.ts`: files, trailing-slash redirects, the site's 404 page) — the sites are
 * served as the product serves them. Started by Playwright's webServer; `PROVIDERS_OUT` names another
 * folder, as for the build.
 */
import { resolve } from 'node:path';

import { serve } from '@hono/node-server';

import { staticSiteApp } from '../../test-support/server/static-site-app.ts';
import { providerPorts } from './ports.ts';

for (const [id, port] of Object.entries(providerPorts)) {
	const app = staticSiteApp(resolve(process.env['PROVIDERS_OUT'] || 'dist', id));
	await new Promise<void>((listening) => serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => listening()));
	console.log(`${id}: http://127.0.0.1:${port}/`);
}
