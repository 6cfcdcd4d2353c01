/**
 * The platform contract's OpenAPI 3.1 document, generated from its zod schemas with the same helpers
 * as the sign-up API's own (`src/server/openapi.ts`). `npm run platform:openapi` writes it to
 * `platform-openapi.json`, the published document a provider implements.
 */
import * as contract from './contract.ts';
import {
	platformCommonProblems,
	platformContractVersion,
	platformEvents,
	platformOperations,
	platformProblemCatalogue,
	platformProblemCodes,
	timestampToleranceSeconds,
	type PlatformProblemCode,
} from './contract.ts';
import { componentSchemas, exportedObjectSchemas, groupByStatus, ref } from '../server/openapi.ts';

/** The three Standard Webhooks headers, required on every operation. */
const signatureParameters = [
	{ name: 'webhook-id', description: 'A unique id of the call, repeated on each retry of it: the idempotency key.', example: 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W' },
	{ name: 'webhook-timestamp', description: `Unix seconds when the call was signed; refused (stale_timestamp) beyond ${timestampToleranceSeconds} s either way.`, example: '1674087231' },
	{ name: 'webhook-signature', description: 'Space-separated `v1,<base64>` HMAC-SHA256 signatures of `<webhook-id>.<webhook-timestamp>.<body>` with the shared `whsec_` secret.', example: 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=' },
].map(({ name, description, example }) => ({ name, in: 'header', required: true, description, schema: { type: 'string' }, example }));

/** Builds the document. */
export function buildPlatformOpenApiDocument(): Record<string, unknown> {
	const { schemas, nameOf } = componentSchemas(exportedObjectSchemas(contract as Record<string, unknown>));
	const paths: Record<string, unknown> = {};
	const webhooks: Record<string, unknown> = {};
	const entries = [
		...Object.entries(platformOperations).map(([name, operation]) => ({ name, operation, target: paths, key: operation.path })),
		// Events are OpenAPI 3.1 webhooks: the platform receives them at a URL of its choosing.
		...Object.entries(platformEvents).map(([name, operation]) => ({ name, operation, target: webhooks, key: name })),
	];
	for (const { name: operationId, operation, target, key } of entries) {
		const problems: PlatformProblemCode[] = [...operation.problems, ...platformCommonProblems];
		const responses: Record<string, unknown> = {
			[operation.success.status]: { description: 'Success', content: { 'application/json': { schema: ref(nameOf(operation.success.schema)) } } },
		};
		for (const [status, codes] of groupByStatus(problems, platformProblemCatalogue)) {
			responses[status] = {
				description: codes.map((code) => `\`${code}\`: ${platformProblemCatalogue[code].title}`).join('; '),
				content: { 'application/problem+json': { schema: ref('PlatformProblem') } },
			};
		}
		target[key] = {
			post: {
				operationId,
				summary: operation.summary,
				parameters: signatureParameters,
				requestBody: { required: true, content: { 'application/json': { schema: ref(nameOf(operation.request)) } } },
				responses,
			},
		};
	}
	return {
		openapi: '3.1.0',
		info: {
			title: 'Help center platform contract',
			version: platformContractVersion,
			description: [
				'The operations a provider implements on its platform so that the help center can create, activate and',
				'update the accounts readers register. The help center confirms the address (its own emails, links and codes);',
				'the platform holds the account and its password. The help center sends every email itself, so the contract has',
				'no operation for the platform’s own mail (a platform that sends its own, such as Navixy, has a backend of its own).',
				'',
				'Every call is a POST signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature;',
				'HMAC-SHA256 with a shared whsec_ secret). The webhook-id is the idempotency key: a repeated id with the same',
				'body answers the first answer again without doing anything twice; the same id with another body is refused',
				`(replayed). Timestamps more than ${timestampToleranceSeconds} s away are refused (stale_timestamp).`,
				`Errors are RFC 9457 problem details whose \`code\` is one of: ${platformProblemCodes.join(', ')}.`,
				'Run `npm run contract:check -- <url> --secret whsec_…` against an implementation to check it.',
			].join('\n'),
		},
		servers: [{ url: 'https://platform.example.com/help-center-contract', description: 'The provider’s implementation (PLATFORM_URL)' }],
		paths,
		webhooks,
		components: { schemas },
	};
}
