/**
 * The email services' webhook routes: `POST /webhooks/postmark` and `POST /webhooks/resend`, each
 * mounted only when its credentials are configured (`POSTMARK_WEBHOOK_USER` and
 * `POSTMARK_WEBHOOK_PASSWORD`; `RESEND_WEBHOOK_SECRET`). A refused event is answered 401 or 400 and
 * logged; an accepted one 200.
 */
import { Hono, type Context } from 'hono';

import type { PostmarkCredentials } from './postmark.ts';
import { checkPostmarkAuth, handlePostmarkEvent } from './postmark.ts';
import { handleResendEvent, verifyResend } from './resend.ts';
import { WebhookRefusal, type WebhookContext } from './events.ts';

/** Which services' webhooks are on. */
export interface WebhookSettings {
	postmark: PostmarkCredentials | null;
	resend: { secret: string } | null;
}

/** The largest event accepted (a bounce's JSON; Postmark may add the bounce's dump). */
const maxBodyBytes = 256 * 1024;

/** The webhook routes for the configured services. */
export function webhookRoutes(settings: WebhookSettings, context: WebhookContext): Hono {
	const app = new Hono();

	async function handle(c: Context, source: string, work: (body: string) => string | Promise<string>) {
		const body = await c.req.text();
		try {
			if (Buffer.byteLength(body) > maxBodyBytes) throw new WebhookRefusal(400, 'the body is too large');
			context.log(await work(body));
			return c.json({ status: 'ok' }, 200);
		} catch (error) {
			if (!(error instanceof WebhookRefusal)) throw error;
			context.log(`${source} webhook: refused (${error.status}): ${error.message}`);
			return c.json({ status: 'refused' }, error.status);
		}
	}

	const { postmark, resend } = settings;
	if (postmark) {
		app.post('/webhooks/postmark', (c) =>
			handle(c, 'postmark', (body) => {
				checkPostmarkAuth(c.req.header('Authorization'), postmark);
				let parsed: unknown;
				try {
					parsed = JSON.parse(body);
				} catch {
					throw new WebhookRefusal(400, 'the body is not JSON');
				}
				return handlePostmarkEvent(context, parsed);
			}),
		);
	}
	if (resend) {
		app.post('/webhooks/resend', (c) =>
			handle(c, 'resend', (body) => {
				const event = verifyResend(resend.secret, body, (name) => c.req.header(name), context.clock.now());
				return handleResendEvent(context, c.req.header('svix-id') ?? '', event);
			}),
		);
	}
	return app;
}
