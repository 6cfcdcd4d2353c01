/**
 * `npm run navixy:check`: the Navixy backend's self-check on demand, with the same environment as
 * the server (`SIGNUP_BACKEND=navixy`, `NAVIXY_*`). Prints one line per check on stderr and exits
 * 0 when every check passes, 1 when one fails, 2 when the configuration cannot be read. Changes
 * nothing on the platform: it signs in to the panel and reads.
 */
import { fileURLToPath } from 'node:url';

import { navixyBackend } from '../src/server/backends/navixy/navixy-backend.ts';
import { systemClock } from '../src/server/clock.ts';
import { ConfigError, loadConfig, providerIdOf } from '../src/server/env.ts';
import { signupRules } from '../src/server/settings.ts';
import { loadProvider } from '../src/providers/load.ts';
import { resolveProvider } from '../src/providers/resolve.ts';

try {
	// The same provider the server resolves: its profile, with this deployment's variables over it.
	const profile = await loadProvider(fileURLToPath(new URL('..', import.meta.url)), providerIdOf());
	const config = loadConfig(process.env, profile.backend);
	if (!config.navixy) {
		console.error('navixy:check needs SIGNUP_BACKEND=navixy and the NAVIXY_* variables (see src/server/README.md, “The Navixy backend”).');
		process.exit(2);
	}
	const provider = resolveProvider(profile, config.providerOverrides);
	const backend = navixyBackend({ config: config.navixy, provider, rules: signupRules(provider), clock: systemClock, log: () => {} });
	const report = await backend.selfCheck();
	console.error(report.text);
	process.exit(report.ok ? 0 : 1);
} catch (error) {
	if (!(error instanceof ConfigError)) throw error;
	console.error(error.message);
	process.exit(2);
}
