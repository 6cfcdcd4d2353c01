/**
 * Writes the platform contract's OpenAPI 3.1 document to `platform-openapi.json` at the repository
 * root: the published document a provider implements, generated from `src/platform-contract/contract.ts`.
 * Usage: `npm run platform:openapi` (or `npm run platform:openapi -- --stdout` to print it instead).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { buildPlatformOpenApiDocument } from '../src/platform-contract/openapi.ts';

const json = `${JSON.stringify(buildPlatformOpenApiDocument(), null, '\t')}\n`;
if (process.argv.includes('--stdout')) {
	process.stdout.write(json);
} else {
	const target = fileURLToPath(new URL('../platform-openapi.json', import.meta.url));
	writeFileSync(target, json);
	console.log(`Wrote ${target}`);
}
