/**
 * The email services' webhook routes: `POST /webhooks/postmark`, `POST /webhooks/resend` and
 * `POST /webhooks/ses`, each mounted only when configured (`POSTMARK_WEBHOOK_USER` and
 * `POSTMARK_WEBHOOK_PASSWORD`; `RESEND_WEBHOOK_SECRET`; `SES_SNS_TOPIC_ARN`). A refused event is
 * answered 401, 400 or 503 (cannot be checked now) and logged; an authentic one 200, `recorded` on the timeline of the message it names or `ignored`
 * (logged) when it names none of ours.
 */
import { Hono, type Context } from 'hono';

import type { PostmarkCredentials } from './postmark.ts';
import { checkPostmarkAuth, handlePostmarkEvent } from './postmark.ts';
import { handleResendEvent, verifyResend } from './resend.ts';
import { handleSesMessage } from './ses.ts';
import { httpsCertificates, verifySnsMessage, type CertificateSource } from './sns.ts';
import { WebhookRefusal, type WebhookContext, type WebhookOutcome } from './events.ts';

/** Which services' webhooks are on. */
export interface WebhookSettings {
	postmark: PostmarkCredentials | null;
	resend: { secret: string } | null;
	/** SES through SNS: the topic, and where SNS signing certificates come from (default HTTPS to SNS). */
	ses: { topicArn: string; certificates?: CertificateSource } | null;
}

/** The largest event accepted (a bounce's JSON; Postmark may add the bounce's dump). */
const maxBodyBytes = 256 * 1024;

/** The webhook routes for the configured services. */
export function webhookRoutes(settings: WebhookSettings, context: WebhookContext): Hono {
	const app = new Hono();

	async function handle(c: Context, source: string, work: (body: string) => WebhookOutcome | Promise<WebhookOutcome>) {
		const body = await c.req.text();
		try {
			if (Buffer.byteLength(body) > maxBodyBytes) throw new WebhookRefusal(400, 'the body is too large');
			const outcome = await work(body);
			context.log(outcome.log);
			// 200 either way: the event was authentic and taken; one about no message of ours would
			// be the same on every retry, so the service is not asked to send it again.
			return c.json({ status: outcome.status }, 200);
		} catch (error) {
			if (!(error instanceof WebhookRefusal)) throw error;
			context.log(`${source} webhook: refused (${error.status}): ${error.message}`);
			return c.json({ status: 'refused' }, error.status);
		}
	}

	const { postmark, resend, ses } = settings;
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
	if (ses) {
		const certificates = ses.certificates ?? httpsCertificates();
		app.post('/webhooks/ses', (c) =>
			handle(c, 'ses', async (body) => handleSesMessage(context, await verifySnsMessage(body, ses.topicArn, certificates, context.clock.now()))),
		);
	}
	return app;
}
