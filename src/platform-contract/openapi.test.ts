import { readFileSync } from 'node:fs';

import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, test } from 'vitest';
import * as z from 'zod/mini';

import { platformCommonProblems, platformOperations, platformProblemCatalogue, platformProblemCodes } from './contract.ts';
import { buildPlatformOpenApiDocument } from './openapi.ts';

interface Operation {
	operationId: string;
	parameters: Array<{ name: string; in: string; required: boolean }>;
	requestBody: { content: Record<string, { schema: { $ref: string } }> };
	responses: Record<string, { content: Record<string, { schema: { $ref: string } }> }>;
}

describe('the platform contract’s OpenAPI document', () => {
	const document = buildPlatformOpenApiDocument() as {
		openapi: string;
		info: { version: string };
		paths: Record<string, { post: Operation }>;
		components: { schemas: Record<string, Record<string, unknown>> };
	};

	test('is OpenAPI 3.1 with one signed POST per operation, its answers and every problem it may give', () => {
		expect(document.openapi).toBe('3.1.0');
		expect(Object.keys(document.paths)).toEqual(Object.values(platformOperations).map((operation) => operation.path));
		for (const [name, operation] of Object.entries(platformOperations)) {
			const described = document.paths[operation.path]?.post;
			expect(described?.operationId).toBe(name);
			expect(described?.parameters.filter((parameter) => parameter.in === 'header' && parameter.required).map((parameter) => parameter.name)).toEqual([
				'webhook-id',
				'webhook-timestamp',
				'webhook-signature',
			]);
			const statuses = new Set([...operation.problems, ...platformCommonProblems].map((code) => String(platformProblemCatalogue[code].status)));
			expect(Object.keys(described?.responses ?? {}).sort()).toEqual([String(operation.success.status), ...statuses].sort());
		}
	});

	test('describes the optional account.confirmed event as a signed OpenAPI webhook', () => {
		const webhook = (document as unknown as { webhooks: Record<string, { post: Operation }> }).webhooks['accountConfirmed']?.post;
		expect(webhook?.requestBody.content['application/json']?.schema).toEqual({ $ref: '#/components/schemas/AccountConfirmedEvent' });
		expect(webhook?.parameters.map((parameter) => parameter.name)).toEqual(['webhook-id', 'webhook-timestamp', 'webhook-signature']);
	});

	test('every $ref resolves and every component compiles as JSON Schema 2020-12', () => {
		const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((match) => match[1] ?? '');
		expect(refs.length).toBeGreaterThan(20);
		for (const name of refs) expect(document.components.schemas[name], name).toBeDefined();
		const ajv = new Ajv2020({ strict: false });
		ajv.addSchema({ $id: 'doc', components: document.components });
		for (const name of Object.keys(document.components.schemas)) expect(() => ajv.getSchema(`doc#/components/schemas/${name}`), name).not.toThrow();
		expect(document.components.schemas['PlatformProblem']?.['properties']).toMatchObject({ code: { enum: platformProblemCodes } });
	});

	test('its request schemas accept and refuse the same bodies as the zod schemas', () => {
		const ajv = new Ajv2020({ strict: false });
		ajv.addSchema({ $id: 'doc', components: document.components });
		const samples: Record<string, unknown[]> = {
			settings: [{}, { extra: 1 }, null],
			createUser: [{ email: 'ann@example.com', password: 'pw pw pw', locale: 'pt-BR' }, { email: 'ann@example.com', password: '', locale: 'en' }, { email: 'ann@example.com', password: 'x', locale: 'en', admin: true }, { email: 'ann@example.com', password: 'x', locale: 'english language' }, { password: 'x', locale: 'en' }],
			getUser: [{ userId: 'usr_1' }, { email: 'ann@example.com' }, { userId: 'usr_1', email: 'ann@example.com' }, {}, { userId: '' }],
			activateUser: [{ userId: 'usr_1' }, {}, { userId: 7 }],
			setPassword: [{ userId: 'usr_1', password: 'new one' }, { userId: 'usr_1' }, { userId: 'usr_1', password: 'x'.repeat(1025) }],
		};
		for (const [name, operation] of Object.entries(platformOperations)) {
			const ref = document.paths[operation.path]?.post.requestBody.content['application/json']?.schema.$ref ?? '';
			const validate = ajv.getSchema(`doc${ref}`);
			for (const sample of samples[name] ?? []) {
				expect(validate?.(sample), `${name} ${JSON.stringify(sample)}`).toBe(z.safeParse(operation.request, sample).success);
			}
		}
	});

	test('its settings answer, like the zod schema, accepts a field it does not name (an older implementation’s sendsOwnMail)', () => {
		// Formats are beside the point here (and would only be warned about).
		const ajv = new Ajv2020({ strict: false, validateFormats: false });
		ajv.addSchema({ $id: 'doc', components: document.components });
		const older = { registrationAllowed: true, name: 'Acme Fleet', loginUrl: 'https://fleet.example.com/', sendsOwnMail: true };
		expect(ajv.getSchema('doc#/components/schemas/PlatformSettings')?.(older)).toBe(true);
		expect(z.safeParse(platformOperations.settings.success.schema, older).success).toBe(true);
	});

	test('platform-openapi.json, the published document, is up to date (npm run platform:openapi)', () => {
		const published = JSON.parse(readFileSync(new URL('../../platform-openapi.json', import.meta.url), 'utf8'));
		expect(published).toEqual(JSON.parse(JSON.stringify(document)));
	});
});
