/**
 * Test support: deliberately broken implementations of the platform contract, each the reference
 * platform with one part replaced by a common mistake, for the conformance kit's tests to prove that
 * the kit catches it and names the operation.
 */
import { newWebhookId, verifySignature } from '../../src/platform-contract/signing.ts';
import { openPlatformDatabase, sqliteIdempotencyStore, type IdempotencyStore } from '../../src/platform-reference/store.ts';
import { startReferencePlatform, type ReferencePlatformServer } from './reference-platform-server.ts';

/** A broken variant: what it gets wrong, and how to start it. */
export interface BrokenPlatform {
	mistake: string;
	start(): Promise<ReferencePlatformServer>;
}

/** Remembers nothing: every retry runs the operation again. */
const forgetfulStore: IdempotencyStore = { claim: () => ({ kind: 'new' }), complete() {}, release() {} };

/** Remembers answers by id but ignores what the request was: a reused id gets the old answer instead of `replayed`. */
function blindStore(): IdempotencyStore {
	const store = sqliteIdempotencyStore(openPlatformDatabase(':memory:'));
	return { ...store, claim: (id, _fingerprint, now) => store.claim(id, 'any request', now) };
}

/** The broken variants. */
export const brokenPlatforms = {
	acceptsUnsigned: {
		mistake: 'accepts calls without a signature',
		start: () =>
			startReferencePlatform({
				verify: (header, body, now) => {
					if (!header('webhook-signature')) return { ok: true, id: header('webhook-id') ?? newWebhookId() };
					return verifySignature(brokenSecret, header, body, now);
				},
				secret: brokenSecret,
			}),
	},
	ignoresTimestamp: {
		mistake: 'accepts a stale timestamp (no replay window)',
		start: () => startReferencePlatform({ secret: brokenSecret, verify: (header, body, now) => verifySignature(brokenSecret, header, body, Number(header('webhook-timestamp') ?? now)) }),
	},
	notIdempotent: {
		mistake: 'runs a retried call again instead of answering its first answer',
		start: () => startReferencePlatform({ idempotency: forgetfulStore }),
	},
	noReplayCheck: {
		mistake: 'answers a reused webhook-id with an old answer instead of refusing it',
		start: () => startReferencePlatform({ idempotency: blindStore() }),
	},
} satisfies Record<string, BrokenPlatform>;

/** The secret the variants that replace the verifier share with their tests. */
export const brokenSecret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
