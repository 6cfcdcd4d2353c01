// A built site (STATIC_DIR) served by the project's static-site module alone, on HOST:PORT, in a
// process of its own, the way `src/server/main.ts` serves the help center: a benchmark's baseline
// site then gets the same server and its own event loop, not a share of the measuring process's.
// Prints `Listening on http://…/` once it listens. Usage: STATIC_DIR=<folder> node bench/static-site-process.ts
import { resolve } from 'node:path';

import { serve } from '@hono/node-server';

import { staticSiteApp } from '../test-support/server/static-site-app.ts';

const app = staticSiteApp(resolve(process.env['STATIC_DIR'] ?? 'dist'));
const server = serve({ fetch: app.fetch, port: Number(process.env['PORT'] ?? 0), hostname: process.env['HOST'] ?? '127.0.0.1' }, (info) => console.log(`Listening on http://${info.address}:${info.port}/`));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
