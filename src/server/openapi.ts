/**
 * The OpenAPI 3.1 document, generated from the contract with zod's own `toJSONSchema` (OpenAPI 3.1
 * schemas are JSON Schema 2020-12). `npm run openapi` writes it to `openapi.json`;
 * `GET /api/v1/openapi.json` serves the same document.
 */
import * as z from 'zod/mini';

import {
	AcceptedAnswerSchema,
	apiBasePath,
	commonProblems,
	ConfirmAnswerSchema,
	ConfirmCodeRequestSchema,
	ConfirmTokenRequestSchema,
	EmailRequestSchema,
	endpoints,
	HealthAnswerSchema,
	PasswordPolicySchema,
	problemCatalogue,
	problemCodes,
	ProblemSchema,
	RegisterAnswerSchema,
	RegisterRequestSchema,
	RegistrationStatusAnswerSchema,
	RegistrationStatusRequestSchema,
	ResetPasswordAnswerSchema,
	ResetPasswordRequestSchema,
	SettingsSchema,
	type ProblemCode,
} from '../signup/contract.ts';

/** The named schemas of the document, in `components.schemas`. */
const components: Record<string, z.ZodMiniType> = {
	Problem: ProblemSchema,
	Settings: SettingsSchema,
	PasswordPolicy: PasswordPolicySchema,
	HealthAnswer: HealthAnswerSchema,
	RegisterRequest: RegisterRequestSchema,
	RegisterAnswer: RegisterAnswerSchema,
	RegistrationStatusRequest: RegistrationStatusRequestSchema,
	RegistrationStatusAnswer: RegistrationStatusAnswerSchema,
	ConfirmTokenRequest: ConfirmTokenRequestSchema,
	ConfirmCodeRequest: ConfirmCodeRequestSchema,
	ConfirmAnswer: ConfirmAnswerSchema,
	EmailRequest: EmailRequestSchema,
	AcceptedAnswer: AcceptedAnswerSchema,
	ResetPasswordRequest: ResetPasswordRequestSchema,
	ResetPasswordAnswer: ResetPasswordAnswerSchema,
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Builds the document. */
export function buildOpenApiDocument(): Record<string, unknown> {
	const registry = z.registry<{ id: string }>();
	const names = new Map<z.ZodMiniType, string>();
	for (const [name, schema] of Object.entries(components)) {
		registry.add(schema, { id: name });
		names.set(schema, name);
	}
	// Requests are described as clients send them, before the server's normalization.
	const generated = z.toJSONSchema(registry, { io: 'input', uri: (id) => `#/components/schemas/${id}` });
	const schemas: Record<string, unknown> = {};
	for (const [name, schema] of Object.entries(generated.schemas)) {
		// A component is not a standalone document: OpenAPI wants neither `$schema` nor a fragment `$id`.
		const { $schema: _schema, $id: _id, ...rest } = schema;
		schemas[name] = rest;
	}

	const paths: Record<string, Record<string, unknown>> = {};
	for (const [operationId, endpoint] of Object.entries(endpoints)) {
		const problems: ProblemCode[] = [...endpoint.problems, ...commonProblems];
		const request = 'request' in endpoint ? endpoint.request : undefined;
		const responses: Record<string, unknown> = {
			[endpoint.success.status]: {
				description: 'Success',
				content: { 'application/json': { schema: ref(names.get(endpoint.success.schema) ?? 'Problem') } },
			},
		};
		for (const [status, codes] of groupByStatus(problems)) {
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
					? { requestBody: { required: true, content: { 'application/json': { schema: ref(names.get(request) ?? 'Problem') } } } }
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

function groupByStatus(codes: readonly ProblemCode[]): Map<string, ProblemCode[]> {
	const groups = new Map<string, ProblemCode[]>();
	for (const code of new Set(codes)) {
		const status = String(problemCatalogue[code].status);
		groups.set(status, [...(groups.get(status) ?? []), code]);
	}
	return new Map([...groups].sort(([a], [b]) => Number(a) - Number(b)));
}
