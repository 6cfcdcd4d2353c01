/**
 * The OpenAPI 3.1 document, generated from the contract with zod's own `toJSONSchema` (OpenAPI 3.1
 * schemas are JSON Schema 2020-12). `npm run openapi` writes it to `openapi.json`;
 * `GET /api/v1/openapi.json` serves the same document.
 */
import * as z from 'zod/mini';

import * as contract from '../signup/contract.ts';
import { apiBasePath, commonProblems, endpoints, problemCatalogue, problemCodes, type ProblemCode } from '../signup/contract.ts';

/**
 * The named schemas of a contract module, for `components.schemas`: every object (or union) schema
 * it exports, named after its export (`RegisterRequestSchema` → `RegisterRequest`). Requests,
 * answers, the problem body and the objects inside them are all declared there, so nothing is
 * listed twice. Shared with the platform contract's document (`src/platform-contract/openapi.ts`).
 */
export function exportedObjectSchemas(module: Record<string, unknown>): Record<string, z.ZodMiniType> {
	return Object.fromEntries(
		Object.entries(module).flatMap(([exportName, value]) =>
			exportName.endsWith('Schema') && isObjectSchema(value) ? [[exportName.slice(0, -'Schema'.length), value]] : [],
		),
	);
}

const components = exportedObjectSchemas(contract as Record<string, unknown>);

/** A zod object schema (the kind a request, an answer or a problem body is), or a union of them. */
function isObjectSchema(value: unknown): value is z.ZodMiniType {
	if (typeof value !== 'object' || value === null || !('_zod' in value)) return false;
	const def = (value as z.ZodMiniType)._zod.def as { type: string; options?: unknown[] };
	return def.type === 'object' || (def.type === 'union' && (def.options ?? []).every(isObjectSchema));
}

/** A reference to a named component. */
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/**
 * The JSON Schemas of named zod schemas (zod's own `toJSONSchema`, as clients send requests: before
 * the server's normalization), and a lookup of a schema's name that fails loudly for an unnamed one.
 */
export function componentSchemas(components: Record<string, z.ZodMiniType>): { schemas: Record<string, unknown>; nameOf: (schema: z.ZodMiniType) => string } {
	const registry = z.registry<{ id: string }>();
	const names = new Map<z.ZodMiniType, string>();
	for (const [name, schema] of Object.entries(components)) {
		registry.add(schema, { id: name });
		names.set(schema, name);
	}
	const nameOf = (schema: z.ZodMiniType) => {
		const name = names.get(schema);
		if (!name) throw new Error('An endpoint’s request or answer is not an exported object schema of the contract, so it has no name in the document.');
		return name;
	};
	const generated = z.toJSONSchema(registry, { io: 'input', uri: (id) => `#/components/schemas/${id}` });
	const schemas: Record<string, unknown> = {};
	for (const [name, schema] of Object.entries(generated.schemas)) {
		// A component is not a standalone document: OpenAPI wants neither `$schema` nor a fragment `$id`.
		const { $schema: _schema, $id: _id, ...rest } = schema;
		schemas[name] = rest;
	}
	return { schemas, nameOf };
}

/** Builds the document. */
export function buildOpenApiDocument(): Record<string, unknown> {
	const { schemas, nameOf } = componentSchemas(components);

	const paths: Record<string, Record<string, unknown>> = {};
	for (const [operationId, endpoint] of Object.entries(endpoints)) {
		const problems: ProblemCode[] = [...endpoint.problems, ...commonProblems];
		const request = 'request' in endpoint ? endpoint.request : undefined;
		const responses: Record<string, unknown> = {
			[endpoint.success.status]: {
				description: 'Success',
				content: { 'application/json': { schema: ref(nameOf(endpoint.success.schema)) } },
			},
		};
		for (const [status, codes] of groupByStatus(problems, problemCatalogue)) {
			responses[status] = {
				description: codes.map((code) => `\`${code}\`: ${problemCatalogue[code].title}`).join('; '),
				headers: codes.some((code) => code === 'rate_limited' || code === 'upstream_unavailable')
					? { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } } }
					: undefined,
				content: { 'application/problem+json': { schema: ref('Problem') } },
			};
		}
		paths[endpoint.path] = {
			...paths[endpoint.path],
			[endpoint.method.toLowerCase()]: {
				operationId,
				summary: endpoint.summary,
				...(request
					? { requestBody: { required: true, content: { 'application/json': { schema: ref(nameOf(request)) } } } }
					: {}),
				responses,
			},
		};
	}
	paths['/openapi.json'] = {
		get: {
			operationId: 'openapi',
			summary: 'This document',
			responses: { 200: { description: 'The OpenAPI 3.1 document', content: { 'application/json': { schema: { type: 'object' } } } } },
		},
	};

	return {
		openapi: '3.1.0',
		info: {
			title: 'Sign-up API',
			version: '1.0.0',
			description: `Registration, confirmation and password reset for the help center. Errors are RFC 9457 problem details whose \`code\` is one of: ${problemCodes.join(', ')}.`,
		},
		servers: [{ url: apiBasePath }],
		paths,
		components: { schemas },
	};
}

/** Problem codes grouped by their HTTP status, in status order: one response entry per status. */
export function groupByStatus<Code extends string>(codes: readonly Code[], catalogue: Record<Code, { status: number }>): Map<string, Code[]> {
	const groups = new Map<string, Code[]>();
	for (const code of new Set(codes)) {
		const status = String(catalogue[code].status);
		groups.set(status, [...(groups.get(status) ?? []), code]);
	}
	return new Map([...groups].sort(([a], [b]) => Number(a) - Number(b)));
}
