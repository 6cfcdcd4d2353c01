/**
 * The HTTP application, without a socket: `createApp(deps)` returns a Hono app that `main.ts`
 * serves and tests call over real HTTP. Cross-cutting rules live here: security headers, CORS
 * for configured origins only, a 16 KB body limit, and one error shape (RFC 9457) for everything
 * that goes wrong, bugs included.
 */
import type { Store } from './store/store.ts';

import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';

import { apiBasePath } from '../signup/contract.ts';
import { StorageUnavailableError } from './backends/local/database.ts';
import type { SignupBackend } from './backends/types.ts';
import { peerIsTrustedProxy, type TrustProxy } from './http/client-ip.ts';
import { problemResponse } from './http/problem.ts';
import { ProblemError } from './problem-error.ts';
import type { LimitStore } from './http/limit-store.ts';
import { defaultRateLimits, type RateLimits } from './http/rate-limits.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { apiRoutes } from './routes/api.ts';
import { mailboxRoutes } from './routes/mailbox.ts';
import { staticSite } from './static-site.ts';

/** The largest request body the API reads. */
export const bodyLimitBytes = 16 * 1024;

/** What the app is built from. Only `backend` is required. */
export interface AppDeps {
	backend: SignupBackend;
	/** Per-IP limits. Default {@link defaultRateLimits}. */
	rateLimits?: RateLimits;
	/** Where the limits are counted (and a `limits` health check). Default this process's memory. */
	limitStore?: LimitStore;
	/** Which proxies' `X-Forwarded-For` entries to believe (`TRUST_PROXY`). Default none. */
	trustProxy?: TrustProxy;
	/** Origins allowed to call the API from another origin. Default none (same origin only). */
	corsOrigins?: readonly string[];
	/** The database of the development mailbox; mounts `/_mailbox/` when given. */
	devMailbox?: Store | null;
	/** Serve the development mailbox to clients on other machines too (`DEV_MAILBOX_OPEN`). Default false. */
	devMailboxOpen?: boolean;
	/** The built site to serve beside the API (`dist/`). Default none. */
	staticRoot?: string | null;
	/** Where unexpected errors are reported. Default `console.error`. */
	logError?: (error: unknown) => void;
	/** The email services' webhook routes (`/webhooks/…`), when any is configured. */
	webhooks?: Hono | null;
}

/** Builds the application. */
export function createApp(deps: AppDeps): Hono {
	const logError = deps.logError ?? ((error: unknown) => console.error(error));
	const app = new Hono();

	app.use(
		secureHeaders({
			contentSecurityPolicy: { frameAncestors: ["'none'"] },
			xFrameOptions: 'DENY',
			referrerPolicy: 'no-referrer',
			// TLS is the reverse proxy's business; HSTS on a plain-HTTP origin would only mislead.
			strictTransportSecurity: false,
			// The API and the mailbox set a stricter policy of their own; keep it.
			overwrite: false,
		}),
	);

	const api = `${apiBasePath}/*`;
	if (deps.corsOrigins?.length) {
		app.use(
			api,
			cors({
				origin: [...deps.corsOrigins],
				allowMethods: ['GET', 'POST'],
				allowHeaders: ['Content-Type'],
				exposeHeaders: ['Retry-After'],
				maxAge: 600,
			}),
		);
	}
	app.use(api, async (c, next) => {
		await next();
		// An API answer is data, never a document: nothing in it may load, run or be cached.
		c.header('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
		c.header('Cache-Control', 'no-store');
	});
	app.use(
		api,
		bodyLimit({
			maxSize: bodyLimitBytes,
			onError: (c) => problemResponse(c, new ProblemError('payload_too_large', `The body must be at most ${bodyLimitBytes} bytes.`)),
		}),
	);

	let openApiDocument: Record<string, unknown> | undefined;
	app.route(
		apiBasePath,
		apiRoutes({
			backend: deps.backend,
			rateLimits: deps.rateLimits ?? defaultRateLimits,
			limitStore: deps.limitStore,
			trustProxy: deps.trustProxy ?? false,
			openApiDocument: () => (openApiDocument ??= buildOpenApiDocument()),
		}),
	);

	if (deps.devMailbox) app.route('/', mailboxRoutes(deps.devMailbox, { open: deps.devMailboxOpen ?? false }));
	if (deps.webhooks) {
		app.use('/webhooks/*', async (c, next) => {
			await next();
			c.header('Cache-Control', 'no-store');
		});
		app.route('/', deps.webhooks);
	}

	// HSTS only when a trusted proxy says the reader came over HTTPS (its last X-Forwarded-Proto entry).
	const isHttps = (c: Context) => peerIsTrustedProxy(c, deps.trustProxy ?? false) && c.req.header('X-Forwarded-Proto')?.split(',').at(-1)?.trim().toLowerCase() === 'https';
	const site = deps.staticRoot ? staticSite(deps.staticRoot, { isHttps }) : null;
	if (site) app.use('*', ...site.middleware);

	app.notFound((c) => {
		if (c.req.path.startsWith(`${apiBasePath}/`) || c.req.path === apiBasePath || !site) {
			return problemResponse(c, new ProblemError('not_found', `Nothing is at ${c.req.path}.`));
		}
		return site.notFound(c);
	});

	app.onError((error, c) => {
		if (error instanceof ProblemError) return problemResponse(c, error);
		if (error instanceof HTTPException && error.status === 400) {
			// Hono's JSON validator throws this for a body that is not JSON at all.
			return problemResponse(c, new ProblemError('invalid_request', 'The body is not valid JSON.', { issues: [{ path: '(body)', message: 'Malformed JSON' }] }));
		}
		if (clientWentAway(c.req.raw, error)) {
			// The client closed the connection mid-upload: nobody is there to answer, and nothing is wrong here.
			return problemResponse(c, new ProblemError('invalid_request', 'The request body did not arrive whole.'));
		}
		if (error instanceof StorageUnavailableError) {
			// Not a bug: the disk is full or read-only. Say so in the log, and ask the reader to come back.
			logError(`storage unavailable on ${c.req.method} ${c.req.path}: ${error.message}`);
			return problemResponse(c, new ProblemError('upstream_unavailable', 'The server cannot store anything right now; try again in a minute.', { retryAfter: 60 }));
		}
		logError(error);
		return problemResponse(c, new ProblemError('internal_error', 'Something went wrong on our side; it has been logged.'));
	});

	return app;
}

/** Whether an error only says that the client closed the connection before its body arrived. */
function clientWentAway(request: Request, error: unknown): boolean {
	if (request.signal.aborted) return true;
	const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
	return code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' || message === 'aborted';
}
