/**
 * Test support: Traccar's own API document (`reference/openapi.yaml`, copied unchanged; see
 * `reference/SOURCE.md`), loaded at run time and compiled with Ajv. The Traccar test server checks
 * every request it gets — path, method, query parameters, body — and every success body it answers
 * against the operation the document declares, so neither the backend nor the test server can drift
 * from the reference: nothing here retypes a field.
 */
import { readFileSync } from 'node:fs';

import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { parse } from 'yaml';

type Json = Record<string, unknown>;

/** Traccar's OpenAPI document, as published. */
export const traccarDocument = parse(readFileSync(new URL('./reference/openapi.yaml', import.meta.url), 'utf8')) as Json;

/** What the document says of one operation. */
export interface TraccarOperation {
	method: string;
	/** The path as the document writes it, without `/api` (`/users/{id}`). */
	template: string;
	/** `security: []`: no credential needed. */
	open: boolean;
	/** The problems of a request's query and body; empty when the document accepts them. */
	checkRequest(query: URLSearchParams, contentType: string | null, body: unknown): string[];
	/** The problems of a 200 answer's body (the test server's own drift); empty when it matches. */
	checkAnswer(body: unknown): string[];
}

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema({ $id: 'traccar', components: traccarDocument['components'] });

function compile(schema: Json): ValidateFunction {
	return ajv.compile(rebase(schema) as Json);
}

/** `#/components/...` inside an operation points at the document's components. */
function rebase(node: unknown): unknown {
	if (Array.isArray(node)) return node.map(rebase);
	if (typeof node !== 'object' || node === null) return node;
	return Object.fromEntries(Object.entries(node as Json).map(([key, value]) => [key, key === '$ref' && typeof value === 'string' && value.startsWith('#') ? `traccar${value}` : rebase(value)]));
}

function errorsOf(validate: ValidateFunction): string[] {
	return (validate.errors ?? []).map((error) => `${error.instancePath || '(body)'} ${error.message ?? 'is invalid'}`);
}

const operations: TraccarOperation[] = [];
const globalSecurity = traccarDocument['security'];
for (const [template, item] of Object.entries(traccarDocument['paths'] as Json)) {
	for (const [method, value] of Object.entries(item as Json)) {
		const operation = value as Json;
		const content = ((operation['requestBody'] as Json | undefined)?.['content'] ?? {}) as Json;
		const bodyRequired = (operation['requestBody'] as Json | undefined)?.['required'] === true;
		const bodies = new Map(Object.entries(content).map(([type, media]) => [type, compile(((media as Json)['schema'] ?? {}) as Json)]));
		const parameters = ((operation['parameters'] ?? []) as Json[]).filter((parameter) => parameter['in'] === 'query');
		const queryNames = new Set(parameters.map((parameter) => String(parameter['name'])));
		const ok = ((operation['responses'] as Json)['200'] as Json | undefined)?.['content'] as Json | undefined;
		const answerSchema = (ok?.['application/json'] as Json | undefined)?.['schema'] as Json | undefined;
		const answer = answerSchema ? compile(answerSchema) : null;
		const security = operation['security'] ?? globalSecurity;
		operations.push({
			method: method.toUpperCase(),
			template,
			open: Array.isArray(security) && security.length === 0,
			checkRequest(query, contentType, body) {
				const problems = [...query.keys()].filter((name) => !queryNames.has(name)).map((name) => `query parameter ${name} is not in the reference`);
				if (body === undefined) {
					if (bodyRequired) problems.push('the request body is required');
					return problems;
				}
				const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
				const validate = bodies.get(type);
				if (!validate) return [...problems, `a body of type ${type || '(none)'} is not what the reference takes (${[...bodies.keys()].join(', ') || 'no body'})`];
				return validate(body) ? problems : [...problems, ...errorsOf(validate)];
			},
			checkAnswer(body) {
				if (!answer || answer(body)) return [];
				return errorsOf(answer);
			},
		});
	}
}

/** The operation for a request (`GET`, `/users/7`), with the path's parameters; `undefined` when the document has none. */
export function traccarOperation(method: string, path: string): { operation: TraccarOperation; params: Record<string, string> } | undefined {
	for (const operation of operations) {
		if (operation.method !== method) continue;
		const names: string[] = [];
		const pattern = new RegExp(`^${operation.template.replace(/\{(\w+)\}/g, (_, name: string) => (names.push(name), '([^/]+)'))}$`);
		const match = pattern.exec(path);
		if (match) return { operation, params: Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1] ?? '')])) };
	}
	return undefined;
}
