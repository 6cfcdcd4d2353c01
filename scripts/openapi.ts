/**
 * Writes the sign-up API's OpenAPI 3.1 document to `openapi.json` at the repository root — the
 * same document the server serves at `/api/v1/openapi.json`, generated from the contract.
 * Usage: `npm run openapi` (or `npm run openapi -- --stdout` to print it instead).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { buildOpenApiDocument } from '../src/server/openapi.ts';

const json = `${JSON.stringify(buildOpenApiDocument(), null, '\t')}\n`;
if (process.argv.includes('--stdout')) {
	process.stdout.write(json);
} else {
	const target = fileURLToPath(new URL('../openapi.json', import.meta.url));
	writeFileSync(target, json);
	console.log(`Wrote ${target}`);
}
