// Runs every check and test of the project, in order, and ends with one summary line
// ("N passed, N failed") that counts the unit and end-to-end tests together.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = 'test-results';
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

/**
 * Each step is an npm binary, its arguments and any variables of its own; the first failure stops
 * the run.
 */
const steps = [
	['astro check', ['astro', 'check']],
	['unit tests', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}/unit.json`]],
	['site build', ['astro', 'build']],
	['example providers build', ['node', 'scripts/build-providers.ts', 'geotrack', 'fleetwise', 'rimal', 'sendero']],
	// Sendero again, for Traccar's own reset: the end-to-end "traccarOwnReset" instance serves it.
	[
		'Traccar-reset build',
		['astro', 'build'],
		{ PROVIDER: 'sendero', SIGNUP_BACKEND: 'traccar', TRACCAR_PASSWORD_RESET: 'traccar', OUT_DIR: 'dist/sendero-traccar-reset' },
	],
	['end-to-end tests', ['playwright', 'test']],
];

const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', CI: process.env.CI ?? '' };
let failedStep;
for (const [name, [bin, ...args], own = {}] of steps) {
	const vars = Object.entries(own).map(([key, value]) => `${key}=${value} `).join('');
	console.log(`\n▶ ${name}: ${vars}${bin} ${args.join(' ')}`);
	const run = spawnSync('npx', ['--no-install', bin, ...args], { stdio: 'inherit', env: { ...env, ...own } });
	if (run.status !== 0) {
		failedStep = name;
		break;
	}
}

const counts = { passed: 0, failed: 0, skipped: 0 };
if (existsSync(`${results}/unit.json`)) {
	const unit = JSON.parse(readFileSync(`${results}/unit.json`, 'utf8'));
	counts.passed += unit.numPassedTests;
	counts.failed += unit.numFailedTests;
	counts.skipped += unit.numPendingTests + unit.numTodoTests;
}
if (existsSync(`${results}/e2e.json`)) {
	const { stats } = JSON.parse(readFileSync(`${results}/e2e.json`, 'utf8'));
	counts.passed += stats.expected + stats.flaky;
	counts.failed += stats.unexpected;
	counts.skipped += stats.skipped;
}
if (failedStep) console.error(`\n✗ ${failedStep} failed`);
if (failedStep && counts.failed === 0) counts.failed = 1; // a failed check counts as a failure
console.log(`\n${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
process.exit(failedStep ? 1 : 0);
