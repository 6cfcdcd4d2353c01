/**
 * Registration receipts without a database: the receipt *is* the record, sealed with AES-256-GCM
 * (node:crypto) under a key derived from `NAVIXY_RECEIPT_SECRET`. Only this server can read or
 * forge one; the browser holds an opaque string.
 *
 * The contract caps a receipt at 128 base64url characters (96 bytes): 12 of nonce, 16 of tag and
 * 68 of sealed data — a version and outcome byte, the time of issue (4 bytes, seconds), the login's
 * length, and the login padded to 62 bytes, so every receipt has the same length whatever the
 * address. A longer login (rare: more than 62 UTF-8 bytes) is not stored at all: such a “blind”
 * receipt can only age (pending, then expired), never report a confirmation.
 *
 * The first byte holds the version (high nibble), the outcome (bits 0–1) and what the platform
 * said about the activation email when the receipt was issued (bits 2–3, see {@link ReceiptMail}).
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * What the attempt found, decided when the receipt is issued: `created` a new account, found a
 * `pending` one, or found one that `exists` and was confirmed already (that receipt never reports
 * a confirmation).
 */
export type ReceiptOutcome = 'created' | 'pending' | 'exists';

/**
 * What the platform said about the activation email of the attempt: it took it (`handed_off`), it
 * could not send it (`platform_failed`, code 209), or nothing is known (`unknown`: an outage, or a
 * receipt from before this was recorded).
 */
export type ReceiptMail = 'unknown' | 'handed_off' | 'platform_failed';

/** The record inside a receipt. */
export interface ReceiptRecord {
	/** The platform login (the normalized address); `null` for a blind receipt. */
	login: string | null;
	/** When the attempt was made, in milliseconds (stored to the second). */
	issuedAt: number;
	outcome: ReceiptOutcome;
	/** The activation email's fate when the receipt was issued; `unknown` when not given. */
	mail?: ReceiptMail;
}

/** Seals and opens receipts. */
export interface ReceiptSealer {
	seal(record: ReceiptRecord): string;
	/** The record, or `null` for anything this server did not seal with its current key. */
	open(receipt: string): ReceiptRecord | null;
}

const version = 1;
const nonceBytes = 12;
const tagBytes = 16;
/** The most UTF-8 bytes of a login a receipt can carry. */
export const maxReceiptLoginBytes = 62;
const plainBytes = 1 + 4 + 1 + maxReceiptLoginBytes;
/** Every receipt's length in bytes before base64url (96: 128 characters, the contract's maximum). */
export const receiptBytes = nonceBytes + plainBytes + tagBytes;
const blindLength = 0xff;
const outcomes: readonly ReceiptOutcome[] = ['created', 'pending', 'exists'];
const mails: readonly ReceiptMail[] = ['unknown', 'handed_off', 'platform_failed'];
/** Binds a receipt to its purpose: no other value sealed under a key derived from this secret opens as one. */
const associatedData = Buffer.from('signup-api navixy registration receipt v1');

/** A {@link ReceiptSealer} under a key derived from `secret` (at least 32 bytes). */
export function receiptSealer(secret: string): ReceiptSealer {
	if (Buffer.byteLength(secret) < 32) throw new Error('The receipt secret must be at least 32 bytes long.');
	const key = Buffer.from(hkdfSync('sha256', secret, 'signup-api', 'navixy receipts', 32));

	return {
		seal({ login, issuedAt, outcome, mail = 'unknown' }) {
			const plain = Buffer.alloc(plainBytes);
			const loginBytes = login === null ? null : Buffer.from(login, 'utf8');
			const stored = loginBytes !== null && loginBytes.length <= maxReceiptLoginBytes ? loginBytes : null;
			plain.writeUInt8((version << 4) | (mails.indexOf(mail) << 2) | outcomes.indexOf(outcome), 0);
			plain.writeUInt32BE(Math.floor(issuedAt / 1000), 1);
			plain.writeUInt8(stored ? stored.length : blindLength, 5);
			stored?.copy(plain, 6);
			const nonce = randomBytes(nonceBytes);
			const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: tagBytes });
			cipher.setAAD(associatedData);
			const sealed = Buffer.concat([nonce, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
			return sealed.toString('base64url');
		},

		open(receipt) {
			const sealed = Buffer.from(receipt, 'base64url');
			if (sealed.length !== receiptBytes || sealed.toString('base64url') !== receipt) return null;
			const nonce = sealed.subarray(0, nonceBytes);
			const body = sealed.subarray(nonceBytes, nonceBytes + plainBytes);
			const tag = sealed.subarray(nonceBytes + plainBytes);
			let plain: Buffer;
			try {
				const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: tagBytes });
				decipher.setAAD(associatedData);
				decipher.setAuthTag(tag);
				plain = Buffer.concat([decipher.update(body), decipher.final()]);
			} catch {
				return null;
			}
			const head = plain.readUInt8(0);
			const outcome = outcomes[head & 0x03];
			const mail = mails[(head >> 2) & 0x03];
			const length = plain.readUInt8(5);
			if (head >> 4 !== version || !outcome || !mail || (length > maxReceiptLoginBytes && length !== blindLength)) return null;
			return {
				login: length === blindLength ? null : plain.subarray(6, 6 + length).toString('utf8'),
				issuedAt: plain.readUInt32BE(1) * 1000,
				outcome,
				mail,
			};
		},
	};
}
