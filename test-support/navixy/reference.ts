/**
 * Test support: the platform's own reference, loaded at run time from `reference/` (the excerpts of
 * Navixy's OpenAPI documents and the error table, copied unchanged; see `reference/SOURCE.md`). The
 * test platform checks every call against it, so it cannot drift from the documentation: nothing
 * here retypes a field, a pattern or a code.
 *
 * Three readings of the documents are made in code, each where the document says it in words
 * rather than in a schema keyword:
 * - a `pattern` must match the whole value (`phone` is "digits only" with the pattern `[0-9]*`,
 *   which, unanchored, would match anything);
 * - a field described as matching "the platform name pattern" gets the regex the same document
 *   writes out for that rule on `sms_originator` (`(\p{L}|\d|[-'" .,:/])*`);
 * - the discriminator's `mapping` is dropped (Ajv picks the `oneOf` branch by the `legal_type`
 *   enum of each branch, which says the same).
 */
import { readFileSync } from 'node:fs';

import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

const referenceFolder = new URL('./reference/', import.meta.url);

type Json = Record<string, unknown>;

function readJson(name: string): Json {
	return JSON.parse(readFileSync(new URL(name, referenceFolder), 'utf8')) as Json;
}

/** The two OpenAPI excerpts, as published. */
export const adminPanelDocument = readJson('admin-panel-excerpt.json');
const userApiDocument = readJson('user-api-excerpt.json');

/** One offending parameter, as the platform reports it in a code 7's `errors`. */
export interface ParameterError {
	parameter: string;
	error: string;
}

/** What the reference says of one operation. */
export interface ReferenceOperation {
	action: string;
	/** `security: []`: the operation takes no credential. */
	open: boolean;
	/** The request parameters' problems; empty when the reference accepts them. */
	checkRequest(params: Json): ParameterError[];
	/** The problems of a success answer (the test platform's own drift); empty when it matches. */
	checkAnswer(answer: Json): string[];
}

/** The documented error table: code → description and HTTP status (400 where the table leaves it blank). */
export const errorTable: ReadonlyMap<number, { description: string; httpStatus: number }> = readErrorTable();

function readErrorTable(): Map<number, { description: string; httpStatus: number }> {
	const text = readFileSync(new URL('errors-excerpt.md', referenceFolder), 'utf8');
	const table = new Map<number, { description: string; httpStatus: number }>();
	for (const match of text.matchAll(/^\|\s*(\d+)\s*\|\s*([^|]*?)\s*\|\s*(\d*)\s*\|$/gm)) {
		table.set(Number(match[1]), { description: match[2] ?? '', httpStatus: match[3] ? Number(match[3]) : 400 });
	}
	if (table.size < 50) throw new Error('the error table of reference/errors-excerpt.md could not be read');
	return table;
}

/**
 * The zone ids the documentation gives as examples of `zone_id` (never an alternative id): the
 * test platform's `timezone/list`. The real list is longer (405 zones); none of them is `UTC`.
 */
export const documentedTimeZones: readonly string[] = readTimeZones();

function readTimeZones(): string[] {
	const text = readFileSync(new URL('timezones.txt', referenceFolder), 'utf8');
	const ids = new Set<string>();
	for (const line of text.split('\n')) {
		const [id, role] = line.split('\t');
		if (!id || role === undefined || !/^[A-Z][A-Za-z_]+\/[A-Za-z_/]+$/.test(id)) continue;
		if (/not a zone_id/.test(role)) continue;
		ids.add(id);
	}
	return [...ids].sort();
}

/** The platform's name rule, as the admin document writes it on `sms_originator`. */
export const nameRule: RegExp = readNameRule();

function readNameRule(): RegExp {
	const schemas = (adminPanelDocument['components'] as Json)['schemas'] as Json;
	const originator = ((schemas['NotificationSettings'] as Json)['properties'] as Json)['sms_originator'] as Json;
	const source = /Must match the pattern `([^`]+)`/.exec(String(originator['description']))?.[1];
	if (!source) throw new Error('the name rule of reference/admin-panel-excerpt.json could not be read');
	return new RegExp(`^(?:${source})$`, 'u');
}

/** Applies the three readings above to a copy of a document's schemas. */
function prepare(node: unknown): unknown {
	if (Array.isArray(node)) return node.map(prepare);
	if (typeof node !== 'object' || node === null) return node;
	const out: Json = {};
	for (const [key, value] of Object.entries(node as Json)) {
		if (key === 'pattern' && typeof value === 'string') out[key] = `^(?:${value})$`;
		else if (key === 'discriminator' && typeof value === 'object' && value !== null) out[key] = { propertyName: (value as Json)['propertyName'] };
		else out[key] = prepare(value);
	}
	const description = out['description'];
	if (out['type'] === 'string' && !('pattern' in out) && typeof description === 'string' && /platform name pattern/.test(description)) {
		out['pattern'] = nameRule.source;
	}
	return out;
}

function compileDocument(document: Json, id: string): Map<string, ReferenceOperation> {
	const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false, discriminator: true });
	ajv.addSchema({ $id: id, components: prepare(document['components']) });
	const operations = new Map<string, ReferenceOperation>();
	for (const [path, item] of Object.entries(document['paths'] as Json)) {
		const operation = (item as Json)['post'] as Json;
		const requestSchema = ((((operation['requestBody'] as Json | undefined)?.['content'] as Json | undefined)?.['application/json'] as Json | undefined)?.['schema'] ?? {
			type: 'object',
		}) as Json;
		const answerSchema = resolveAnswerSchema(document, operation);
		const request = compile(ajv, id, requestSchema);
		const answer = answerSchema ? compile(ajv, id, answerSchema) : null;
		const action = path.replace(/^\//, '');
		operations.set(action, {
			action,
			open: Array.isArray(operation['security']) && (operation['security'] as unknown[]).length === 0,
			checkRequest(params) {
				return request(params) ? [] : (request.errors ?? []).map(parameterError);
			},
			checkAnswer(body) {
				if (!answer || answer(body)) return [];
				return (answer.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? 'is wrong'}`);
			},
		});
	}
	return operations;
}

/** References inside a schema point at the document's components: each schema is compiled against them. */
function compile(ajv: Ajv2020, id: string, schema: Json): ValidateFunction {
	return ajv.compile(rebase(prepare(schema), id) as Json);
}

function rebase(node: unknown, id: string): unknown {
	if (Array.isArray(node)) return node.map((item) => rebase(item, id));
	if (typeof node !== 'object' || node === null) return node;
	return Object.fromEntries(
		Object.entries(node as Json).map(([key, value]) => [key, key === '$ref' && typeof value === 'string' && value.startsWith('#') ? `${id}${value}` : rebase(value, id)]),
	);
}

function resolveAnswerSchema(document: Json, operation: Json): Json | null {
	let response = ((operation['responses'] as Json)['200'] ?? null) as Json | null;
	const ref = response?.['$ref'];
	if (typeof ref === 'string') {
		response = ref.split('/').slice(1).reduce<unknown>((at, key) => (at as Json)[key], document) as Json;
	}
	const content = response?.['content'] as Json | undefined;
	return ((content?.['application/json'] as Json | undefined)?.['schema'] as Json | undefined) ?? null;
}

/** An Ajv error as the platform would name it: `user.first_name`, and what is wrong. */
function parameterError(error: ErrorObject): ParameterError {
	const path = error.instancePath.split('/').filter(Boolean);
	const { missingProperty, tag } = error.params as { missingProperty?: string; tag?: string };
	if (missingProperty) path.push(missingProperty);
	// The discriminator names its property (`legal_type`) when the value selects no variant.
	if (error.keyword === 'discriminator' && tag) path.push(tag);
	return { parameter: path.join('.') || '(body)', error: error.message ?? 'is invalid' };
}

const operations = new Map([...compileDocument(adminPanelDocument, 'admin-panel'), ...compileDocument(userApiDocument, 'user-api')]);

/** The reference's operation for `action` (`panel/user/create`), or `undefined` when the excerpts do not have it. */
export function referenceOperation(action: string): ReferenceOperation | undefined {
	return operations.get(action);
}
