import { existsSync, readFileSync } from 'node:fs';

import { describe, expect, test } from 'vitest';

import * as contract from '../signup/contract.ts';
import { apiBasePath, endpoints, problemCodes } from '../signup/contract.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { startTestServer } from '../../test-support/server/test-server.ts';

describe('the OpenAPI document', () => {
	const document = buildOpenApiDocument() as {
		openapi: string;
		servers: Array<{ url: string }>;
		paths: Record<string, Record<string, { operationId: string; requestBody?: unknown; responses: Record<string, unknown> }>>;
		components: { schemas: Record<string, Record<string, unknown>> };
	};

	test('is OpenAPI 3.1 and lists every path and method of the contract', () => {
		expect(document.openapi).toBe('3.1.0');
		expect(document.servers).toEqual([{ url: apiBasePath }]);
		for (const [name, endpoint] of Object.entries(endpoints)) {
			const operation = document.paths[endpoint.path]?.[endpoint.method.toLowerCase()];
			expect(operation?.operationId, name).toBe(name);
			expect(Object.keys(operation?.responses ?? {}), name).toContain(String(endpoint.success.status));
			expect(Boolean(operation?.requestBody), name).toBe('request' in endpoint);
		}
	});

	test('each operation names its own request and answer schemas, as the contract exports them', () => {
		const exported = new Map(Object.entries(contract).map(([name, value]) => [value, name.replace(/Schema$/, '')]));
		for (const [name, endpoint] of Object.entries(endpoints)) {
			const operation = document.paths[endpoint.path]?.[endpoint.method.toLowerCase()] as {
				requestBody?: { content: Record<string, { schema: unknown }> };
				responses: Record<string, { content: Record<string, { schema: unknown }> }>;
			};
			const success = operation.responses[String(endpoint.success.status)]?.content['application/json']?.schema;
			expect(success, name).toEqual({ $ref: `#/components/schemas/${exported.get(endpoint.success.schema)}` });
			if ('request' in endpoint) {
				expect(operation.requestBody?.content['application/json']?.schema, name).toEqual({ $ref: `#/components/schemas/${exported.get(endpoint.request)}` });
			}
		}
	});

	test('every $ref resolves, and components are plain JSON Schema', () => {
		const refs = JSON.stringify(document).match(/"\$ref":"[^"]+"/g) ?? [];
		expect(refs.length).toBeGreaterThan(10);
		for (const ref of refs) {
			const name = /#\/components\/schemas\/(\w+)/.exec(ref)?.[1] ?? '';
			expect(document.components.schemas[name], ref).toBeDefined();
		}
		for (const schema of Object.values(document.components.schemas)) {
			expect(schema).not.toHaveProperty('$schema');
			expect(schema).not.toHaveProperty('$id');
		}
		expect(document.components.schemas['RegisterRequest']).toMatchObject({ type: 'object', required: ['email', 'password', 'locale'], additionalProperties: false });
		expect(document.components.schemas['Problem']?.['properties']).toMatchObject({ code: { enum: problemCodes } });
	});

	test('the openapi.json at the repository root, when there is one, is up to date (npm run openapi)', () => {
		const file = new URL('../../openapi.json', import.meta.url);
		if (!existsSync(file)) return;
		expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(JSON.stringify(document)));
	});

	test('is served at /api/v1/openapi.json, the same document', async () => {
		const server = await startTestServer();
		try {
			const answer = await server.api('/openapi.json');
			expect(answer.status).toBe(200);
			expect(answer.body).toEqual(JSON.parse(JSON.stringify(document)));
		} finally {
			await server.close();
		}
	});
});
