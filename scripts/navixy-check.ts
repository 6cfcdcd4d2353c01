/**
 * `npm run navixy:check`: the Navixy backend's self-check on demand, with the same environment as
 * the server (`SIGNUP_BACKEND=navixy`, `NAVIXY_*`). Prints one line per check on stderr and exits
 * 0 when every check passes, 1 when one fails, 2 when the configuration cannot be read. Changes
 * nothing on the platform: it signs in to the panel and reads.
 */
import { navixyBackend } from '../src/server/backends/navixy/navixy-backend.ts';
import { systemClock } from '../src/server/clock.ts';
import { ConfigError, loadConfig } from '../src/server/env.ts';

try {
	const config = loadConfig();
	if (!config.navixy) {
		console.error('navixy:check needs SIGNUP_BACKEND=navixy and the NAVIXY_* variables (see src/server/README.md, “The Navixy backend”).');
		process.exit(2);
	}
	const backend = navixyBackend({ config: config.navixy, provider: config.provider, rules: config.rules, clock: systemClock, log: () => {} });
	const report = await backend.selfCheck();
	console.error(report.text);
	process.exit(report.ok ? 0 : 1);
} catch (error) {
	if (!(error instanceof ConfigError)) throw error;
	console.error(error.message);
	process.exit(2);
}
