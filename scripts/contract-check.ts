/**
 * The platform contract's conformance kit, from the command line:
 *
 *     npm run contract:check -- https://platform.example.com/help-center-contract --secret whsec_…
 *
 * (the secret may also come from `PLATFORM_SECRET`). Runs every check of
 * `src/platform-contract/conformance.ts` against the implementation at that URL, prints one line per
 * check (what was sent, what the contract expects, what came back) and exits with 1 when one fails,
 * 2 on a usage mistake. It creates test users at example.com: run it against a test instance.
 */
import { formatReport, runConformanceChecks } from '../src/platform-contract/conformance.ts';
import { isWebhookSecret } from '../src/platform-contract/signing.ts';

const args = process.argv.slice(2);
const secretAt = args.indexOf('--secret');
const secret = secretAt >= 0 ? (args[secretAt + 1] ?? '') : (process.env['PLATFORM_SECRET'] ?? '');
const url = args.find((arg, index) => !arg.startsWith('--') && (secretAt < 0 || index !== secretAt + 1));

function usage(problem: string): never {
	console.error(`${problem}\nUsage: npm run contract:check -- <the implementation's URL> --secret whsec_…`);
	process.exit(2);
}

if (!url || !/^https?:\/\//.test(url)) usage('The first argument must be the http(s) URL of the implementation.');
if (!isWebhookSecret(secret)) usage('--secret (or PLATFORM_SECRET) must be the whsec_ secret shared with the platform.');

console.log(`Checking the platform contract at ${url}\n`);
const results = await runConformanceChecks({ url, secret });
console.log(formatReport(results));
process.exit(results.some((result) => !result.pass) ? 1 : 0);
