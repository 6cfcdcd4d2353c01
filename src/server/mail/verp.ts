/**
 * Per-message bounce addresses (VERP): `bounce+<outbox id>.<hmac>@BOUNCE_DOMAIN` as the envelope
 * sender, so a bounce names its message by the address it comes back to. The HMAC (SHA-256, key
 * made by the server on first use and kept in its database) keeps strangers from forging a bounce
 * for a message they did not receive: without it, anyone could suppress any address.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../store/store.ts';


/** Hex digits of the HMAC kept in the address (64 bits). */
const tagLength = 16;

/** The server's VERP key, made on first use. */
export async function verpKey(db: Queryable): Promise<Buffer> {
	const existing = await db.get<{ key: Uint8Array }>("SELECT key FROM server_keys WHERE name = 'verp'");
	if (existing) return Buffer.from(existing.key);
	await db.run("INSERT INTO server_keys (name, key) VALUES ('verp', ?) ON CONFLICT DO NOTHING", randomBytes(32));
	return Buffer.from((await db.get<{ key: Uint8Array }>("SELECT key FROM server_keys WHERE name = 'verp'"))?.key ?? []);
}

function tag(key: Buffer, outboxId: number): string {
	return createHmac('sha256', key).update(`outbox:${outboxId}`).digest('hex').slice(0, tagLength);
}

/** The bounce address of one message. */
export function verpAddress(key: Buffer, outboxId: number, domain: string): string {
	return `bounce+${outboxId}.${tag(key, outboxId)}@${domain}`;
}

/** The message a bounce address names, or `null` when it is not one of ours (wrong domain, bad or forged tag). */
export function parseVerpAddress(key: Buffer, address: string, domain: string): number | null {
	const match = /^bounce\+(\d{1,15})\.([0-9a-f]+)@(.+)$/i.exec(address.trim());
	if (!match || match[3]?.toLowerCase() !== domain.toLowerCase()) return null;
	const outboxId = Number(match[1]);
	const given = Buffer.from((match[2] ?? '').toLowerCase());
	const expected = Buffer.from(tag(key, outboxId));
	return given.length === expected.length && timingSafeEqual(given, expected) ? outboxId : null;
}
