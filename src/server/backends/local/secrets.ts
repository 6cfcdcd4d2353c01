/**
 * The random secrets the built-in backend hands out, and how it stores them: only a SHA-256 hash
 * of a token or receipt is kept, so a copy of the database cannot confirm or reset anything.
 */
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

import { codeLength } from '../../../signup/contract.ts';

/** A new token or receipt: 256 random bits in base64url (43 characters). */
export function newSecret(): string {
	return randomBytes(32).toString('base64url');
}

/** What is stored for a token or receipt. A fast hash is right here: the input has 256 bits of entropy. */
export function hashSecret(secret: string): Buffer {
	return createHash('sha256').update(secret).digest();
}

/** A new confirmation code: six decimal digits, uniformly random. */
export function newCode(): string {
	return String(randomInt(0, 10 ** codeLength)).padStart(codeLength, '0');
}

/**
 * What is stored for a code: an HMAC under a per-confirmation salt. A six-digit code cannot be
 * protected from offline guessing by any hash; what protects it is the attempt limit and the expiry.
 */
export function hashCode(salt: Uint8Array, code: string): Buffer {
	return createHmac('sha256', salt).update(code).digest();
}

/** Constant-time comparison of two hashes. */
export function sameHash(a: Uint8Array, b: Uint8Array): boolean {
	return a.length === b.length && timingSafeEqual(a, b);
}
