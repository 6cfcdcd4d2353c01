import { existsSync } from 'node:fs';

import { defineConfig, devices } from '@playwright/test';

import { providerPorts } from './e2e/providers/ports.ts';

import { instanceUrl } from './e2e/harness/instances.ts';

/** Debian's Chromium when the machine has it; otherwise Playwright's own (`npx playwright install chromium`). */
const debianChromium = '/usr/bin/chromium';

export default defineConfig({
	testDir: 'e2e',
	testMatch: '**/*.test.ts',
	forbidOnly: Boolean(process.env.CI),
	fullyParallel: true,
	workers: 2,
	retries: 0,
	reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
	outputDir: 'test-results/artifacts',
	use: {
		// The "main" instance of the real server: the built site and the API on one origin.
		baseURL: instanceUrl('main'),
		...devices['Desktop Chrome'],
		launchOptions: existsSync(debianChromium) ? { executablePath: debianChromium } : {},
	},
	webServer: [
		{
			// The real app (several instances), a real SMTP capture server and a control server; see
			// e2e/harness/serve.ts. `node` is the project's Node 24: npx and npm put node_modules/.bin first.
			// The site must be built first (`npx astro build`; `npm test` does it).
			command: 'node e2e/harness/serve.ts',
			url: `${instanceUrl('main')}/api/v1/health`,
			// Never reuse a running harness: its state (a stopped instance, spent rate limits) would leak in.
			reuseExistingServer: false,
			gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
			timeout: 60_000,
		},
		{
			// The example providers' sites (`npm run build:providers`), one port each; see e2e/providers.
			command: 'node e2e/providers/serve.ts',
			// The last one it starts: all are listening by then.
			url: `http://127.0.0.1:${Object.values(providerPorts).at(-1)}/`,
			reuseExistingServer: !process.env.CI,
			timeout: 60_000,
		},
	],
});
