import { existsSync } from 'node:fs';

import { defineConfig, devices } from '@playwright/test';

import { providerPorts } from './e2e/providers/ports.ts';

/** Debian's Chromium when the machine has it; otherwise Playwright's own (`npx playwright install chromium`). */
const debianChromium = '/usr/bin/chromium';
const port = 4329;

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
		baseURL: `http://127.0.0.1:${port}`,
		...devices['Desktop Chrome'],
		launchOptions: existsSync(debianChromium) ? { executablePath: debianChromium } : {},
	},
	webServer: [
		{
			command: `npm run preview -- --host 127.0.0.1 --port ${port}`,
			url: `http://127.0.0.1:${port}/`,
			reuseExistingServer: !process.env.CI,
			timeout: 60_000,
		},
		{
			// The example providers' sites (`npm run build:providers`), one port each; see e2e/providers.
			command: 'node e2e/providers/serve.ts',
			url: `http://127.0.0.1:${providerPorts.rimal}/`,
			reuseExistingServer: !process.env.CI,
			timeout: 60_000,
		},
	],
});
