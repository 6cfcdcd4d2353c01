/**
 * The client's address, for per-IP limits. Behind a reverse proxy every request comes from the
 * proxy, so with `TRUST_PROXY` the last `X-Forwarded-For` entry — the one our proxy appended — is
 * used instead; without it the header is ignored, since any client can send it.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** The address to rate-limit by. */
export function clientIp(c: Context, trustProxy: boolean): string {
	if (trustProxy) {
		const forwarded = c.req.header('X-Forwarded-For')?.split(',').at(-1)?.trim();
		if (forwarded) return forwarded;
	}
	try {
		return getConnInfo(c).remote.address ?? 'unknown';
	} catch {
		// No socket (a test calling app.request() directly): one shared bucket.
		return 'unknown';
	}
}
