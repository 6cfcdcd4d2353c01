/**
 * The API's routes under `/api/v1`. Paths and methods come from the contract's `endpoints`
 * table, so the server, the browser client and the OpenAPI document cannot drift apart. Handlers
 * are thin: the contract validated the input, the backend owns the rules.
 */
import { Hono } from 'hono';
import type * as z from 'zod/mini';

import {
	endpoints,
	type AcceptedAnswerSchema,
	type ConfirmAnswerSchema,
	type RegisterAnswerSchema,
	type ResetPasswordAnswerSchema,
	ConfirmCodeRequestSchema,
	ConfirmTokenRequestSchema,
	EmailRequestSchema,
	RegisterRequestSchema,
	RegistrationStatusRequestSchema,
	ResetPasswordRequestSchema,
} from '../../signup/contract.ts';
import type { SignupBackend } from '../backends/types.ts';
import type { TrustProxy } from '../http/client-ip.ts';
import { ProblemError, problemResponse } from '../http/problem.ts';
import { rateLimit, type RateLimits } from '../http/rate-limits.ts';
import { jsonBody, requireJson } from '../http/validate.ts';

/** What the API routes need. */
export interface ApiOptions {
	backend: SignupBackend;
	rateLimits: RateLimits;
	trustProxy: TrustProxy;
	/** The OpenAPI document served at `/openapi.json`. */
	openApiDocument: () => unknown;
}

/** The `/api/v1` sub-app. */
export function apiRoutes({ backend, rateLimits, trustProxy, openApiDocument }: ApiOptions): Hono {
	const api = new Hono();
	const limit = (name: keyof RateLimits) => rateLimit(name, rateLimits[name], trustProxy);
	const limits = { register: limit('register'), email: limit('email'), confirm: limit('confirm'), status: limit('status') };
	const cooldown = async () => (await backend.settings()).resendCooldownSeconds;
	const loginUrl = async () => (await backend.settings()).loginUrl;

	api.get(endpoints.health.path, async (c) => {
		const checks = (await backend.health?.()) ?? [];
		const failing = checks.some((check) => check.status === 'failing');
		return c.json({ status: failing ? ('failing' as const) : ('ok' as const), checks }, failing ? 503 : 200);
	});

	api.get(endpoints.settings.path, async (c) => c.json(await backend.settings()));

	api.get('/openapi.json', (c) => c.json(openApiDocument()));

	api.post(endpoints.register.path, limits.register, requireJson, jsonBody(RegisterRequestSchema), async (c) => {
		const { receipt } = await backend.register(c.req.valid('json'));
		const answer: z.output<typeof RegisterAnswerSchema> = { receipt, status: 'pending', resendAfterSeconds: await cooldown() };
		return c.json(answer, 202);
	});

	api.post(endpoints.registrationStatus.path, limits.status, requireJson, jsonBody(RegistrationStatusRequestSchema), async (c) => {
		return c.json({ status: await backend.registrationStatus(c.req.valid('json').receipt) });
	});

	api.post(endpoints.confirm.path, limits.confirm, requireJson, jsonBody(ConfirmTokenRequestSchema), async (c) => {
		await backend.confirmWithToken(c.req.valid('json').token);
		const answer: z.output<typeof ConfirmAnswerSchema> = { status: 'confirmed', loginUrl: await loginUrl() };
		return c.json(answer);
	});

	api.post(endpoints.confirmCode.path, limits.confirm, requireJson, jsonBody(ConfirmCodeRequestSchema), async (c) => {
		const { email, code } = c.req.valid('json');
		await backend.confirmWithCode(email, code);
		const answer: z.output<typeof ConfirmAnswerSchema> = { status: 'confirmed', loginUrl: await loginUrl() };
		return c.json(answer);
	});

	api.post(endpoints.resend.path, limits.email, requireJson, jsonBody(EmailRequestSchema), async (c) => {
		await backend.resendConfirmation(c.req.valid('json'));
		const answer: z.output<typeof AcceptedAnswerSchema> = { status: 'accepted', resendAfterSeconds: await cooldown() };
		return c.json(answer, 202);
	});

	api.post(endpoints.requestPasswordReset.path, limits.email, requireJson, jsonBody(EmailRequestSchema), async (c) => {
		await backend.requestPasswordReset(c.req.valid('json'));
		const answer: z.output<typeof AcceptedAnswerSchema> = { status: 'accepted', resendAfterSeconds: await cooldown() };
		return c.json(answer, 202);
	});

	api.post(endpoints.resetPassword.path, limits.confirm, requireJson, jsonBody(ResetPasswordRequestSchema), async (c) => {
		const { token, newPassword } = c.req.valid('json');
		await backend.resetPassword(token, newPassword);
		const answer: z.output<typeof ResetPasswordAnswerSchema> = { status: 'password_changed', loginUrl: await loginUrl() };
		return c.json(answer);
	});

	// A known path with the wrong method is a 405 that names the right ones.
	const methods = new Map<string, Set<string>>([['/openapi.json', new Set(['GET', 'HEAD'])]]);
	for (const endpoint of Object.values(endpoints)) {
		const allowed = methods.get(endpoint.path) ?? new Set<string>();
		allowed.add(endpoint.method);
		if (endpoint.method === 'GET') allowed.add('HEAD');
		methods.set(endpoint.path, allowed);
	}
	for (const [path, allowed] of methods) {
		api.all(path, (c) => {
			const allow = [...allowed].join(', ');
			return problemResponse(c, new ProblemError('method_not_allowed', `${c.req.method} is not allowed here; use ${allow}.`, {}, { Allow: allow }));
		});
	}

	api.notFound((c) => problemResponse(c, new ProblemError('not_found', `There is no API route ${c.req.path}.`)));
	return api;
}
