import { Hono } from 'hono';

import { staticSite } from '../../src/server/static-site.ts';

/**
 * A Hono app that serves a built site and nothing else, with the server's own static-site module
 * (files, compression, caching, trailing-slash redirects, the site's 404 page): a site served the
 * way the product serves it, without the sign-up API.
 */
export function staticSiteApp(root: string): Hono {
	const site = staticSite(root);
	const app = new Hono();
	app.use('*', ...site.middleware);
	app.notFound(site.notFound);
	return app;
}
