/**
 * The API's routes under `/api/v1`, mounted from the contract's route table (`endpoints`): each
 * route's method, path, request schema and success status come from there, and each handler's
 * input and answer are typed by the same schemas, so the server, the browser client and the
 * OpenAPI document cannot drift apart. Handlers are thin: the contract validated the input, the
 * backend owns the rules.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { methodNotAllowed } from 'hono/method-not-allowed';
import type * as z from 'zod/mini';

import { endpoints, type Endpoint, type EndpointName } from '../../signup/contract.ts';
import type { HealthCheck, SignupBackend } from '../backends/types.ts';
import type { TrustProxy } from '../http/client-ip.ts';
import { problemResponse } from '../http/problem.ts';
import { ProblemError } from '../problem-error.ts';
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

type Table = typeof endpoints;

/** The validated request of an endpoint (`undefined` for one without a body). */
type RequestOf<N extends EndpointName> = Table[N] extends { request: infer R extends z.ZodMiniType } ? z.output<R> : undefined;

/** The answer an endpoint's success schema describes. */
type AnswerOf<N extends EndpointName> = z.output<Table[N]['success']['schema']>;

/** One handler per endpoint: the validated request in, the answer out. */
type Handlers = { [N in EndpointName]: (request: RequestOf<N>) => Promise<AnswerOf<N>> | AnswerOf<N> };

/** Answers whose HTTP status depends on their content: a failing health check is a 503, for load balancers. */
const statusOf: { [N in EndpointName]?: (answer: AnswerOf<N>) => ContentfulStatusCode } = {
	health: (answer) => (answer.status === 'failing' ? 503 : 200),
};

/** The health answer from the backend's checks: the worst check decides. */
function healthAnswer(checks: HealthCheck[]): AnswerOf<'health'> {
	const status = checks.some((check) => check.status === 'failing') ? 'failing' : checks.some((check) => check.status === 'degraded') ? 'degraded' : 'ok';
	return { status, checks };
}

/** Which per-IP limit each endpoint spends (`null`: none). */
const limitOf = {
	health: null,
	settings: null,
	register: 'register',
	registrationStatus: 'status',
	changeAddress: 'changeAddress',
	confirm: 'confirm',
	confirmCode: 'confirm',
	resend: 'email',
	requestPasswordReset: 'email',
	resetPassword: 'confirm',
} as const satisfies Record<EndpointName, keyof RateLimits | null>;

/** The `/api/v1` sub-app. */
export function apiRoutes({ backend, rateLimits, trustProxy, openApiDocument }: ApiOptions): Hono {
	const api = new Hono();
	// A known path with the wrong method is a 405 that names the right ones (Hono lists them from the routes).
	api.use(
		methodNotAllowed({
			app: api,
			onMethodNotAllowed: (c, methods) => {
				const allow = methods.join(', ');
				return problemResponse(c, new ProblemError('method_not_allowed', `${c.req.method} is not allowed here; use ${allow}.`, {}, { Allow: allow }));
			},
		}),
	);

	// One limiter per group: the routes of a group share its budget.
	const limiters = {
		register: rateLimit('register', rateLimits.register, trustProxy),
		email: rateLimit('email', rateLimits.email, trustProxy),
		confirm: rateLimit('confirm', rateLimits.confirm, trustProxy),
		status: rateLimit('status', rateLimits.status, trustProxy),
		changeAddress: rateLimit('changeAddress', rateLimits.changeAddress, trustProxy),
	} satisfies Record<keyof RateLimits, MiddlewareHandler>;
	const cooldown = async () => (await backend.settings()).resendCooldownSeconds;
	const loginUrl = async () => (await backend.settings()).loginUrl;

	const handlers: Handlers = {
		health: async () => healthAnswer((await backend.health?.()) ?? []),
		settings: () => backend.settings(),
		register: async (request) => ({ receipt: (await backend.register(request)).receipt, status: 'pending', resendAfterSeconds: await cooldown() }),
		registrationStatus: ({ receipt }) => backend.registrationStatus(receipt),
		changeAddress: async (request) => {
			if (!backend.changeAddress) throw new ProblemError('not_found', 'This backend cannot change the address of a registration.');
			await backend.changeAddress(request);
			return { status: 'pending', resendAfterSeconds: await cooldown() };
		},
		confirm: async ({ token }) => {
			await backend.confirmWithToken(token);
			return { status: 'confirmed', loginUrl: await loginUrl() };
		},
		confirmCode: async ({ email, code }) => {
			await backend.confirmWithCode(email, code);
			return { status: 'confirmed', loginUrl: await loginUrl() };
		},
		resend: async (request) => {
			await backend.resendConfirmation(request);
			return { status: 'accepted', resendAfterSeconds: await cooldown() };
		},
		requestPasswordReset: async (request) => {
			await backend.requestPasswordReset(request);
			return { status: 'accepted', resendAfterSeconds: await cooldown() };
		},
		resetPassword: async ({ token, newPassword }) => {
			await backend.resetPassword(token, newPassword);
			return { status: 'password_changed', loginUrl: await loginUrl() };
		},
	};

	for (const name of Object.keys(endpoints) as EndpointName[]) {
		const endpoint: Endpoint = endpoints[name];
		const limit = limitOf[name];
		// The table pairs each name with its schemas; TypeScript cannot follow that pairing through a loop.
		const handle = handlers[name] as (request: unknown) => Promise<unknown> | unknown;
		const chain: MiddlewareHandler[] = [
			...(limit ? [limiters[limit]] : []),
			...(endpoint.request ? [requireJson, jsonBody(endpoint.request)] : []),
			async (c: Context) => {
				const request = endpoint.request ? (c.req.valid as (target: 'json') => unknown)('json') : undefined;
				const answer = await handle(request);
				const status = (statusOf[name] as ((answer: unknown) => ContentfulStatusCode) | undefined)?.(answer) ?? endpoint.success.status;
				return c.json(answer, status);
			},
		];
		api.on(endpoint.method, [endpoint.path], ...chain);
	}

	api.get('/openapi.json', (c) => c.json(openApiDocument()));

	api.notFound((c) => problemResponse(c, new ProblemError('not_found', `There is no API route ${c.req.path}.`)));
	return api;
}
