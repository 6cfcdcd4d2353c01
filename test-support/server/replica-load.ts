/**
 * Test support for the multi-replica tests (`src/server/replicas*.test.ts`): registrations spread
 * round robin over a {@link ReplicaSet}, and the check that every account got its email exactly
 * once — with the one second copy SMTP cannot rule out (a sender that lost its process or its
 * database right after the server's "250").
 */
import { expect } from 'vitest';

import type { ReplicaSet } from './replica-set.ts';
import type { SmtpSink } from './smtp-sink.ts';
import { goodPassword } from './test-server.ts';

/** One registration's answer; status 0: the replica died with the request (never acknowledged). */
export interface RegistrationAnswer {
	status: number;
	retryAfter: string | null;
}

/**
 * Registers `emails`, `concurrency` at a time, round robin over the replicas, each from its own
 * client address (`X-Forwarded-For`); calls `onAccepted` for every 202, in order.
 */
export async function registerAcross(
	replicas: ReplicaSet,
	emails: string[],
	concurrency: number,
	onAccepted: (email: string) => Promise<void> | void,
): Promise<RegistrationAnswer[]> {
	const answers: RegistrationAnswer[] = [];
	let next = 0;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < emails.length) {
				const index = next++;
				const email = emails[index] ?? '';
				try {
					const answer = await fetch(`${replicas.pick(index)}/api/v1/registrations`, {
						method: 'POST',
						headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': `203.0.113.${index % 250}` },
						body: JSON.stringify({ email, password: goodPassword, locale: 'en' }),
					});
					await answer.arrayBuffer();
					answers.push({ status: answer.status, retryAfter: answer.headers.get('retry-after') });
					if (answer.status === 202) await onAccepted(email);
				} catch {
					// The replica died with the request: it was never acknowledged.
					answers.push({ status: 0, retryAfter: null });
				}
			}
		}),
	);
	return answers;
}

/** What {@link expectMailedOnce} checks. */
export interface MailedOnceCheck {
	replicas: ReplicaSet;
	sink: SmtpSink;
	/** Every account in the shared store. */
	accounts: string[];
	/** Every address answered 202. */
	accepted: string[];
	/** Windows (ms since the epoch) in which a sent message could not be recorded: a kill, a database outage. */
	unrecordable: ReadonlyArray<{ from: number; to: number }>;
	waitMs: number;
}

/**
 * Waits until every account has its email, then checks that each was delivered exactly once — or,
 * for a message first received in an unrecordable window, twice with the same Message-ID (so mail
 * systems recognise it). Resolves with how many addresses got that second copy.
 */
export async function expectMailedOnce({ replicas, sink, accounts, accepted, unrecordable, waitMs }: MailedOnceCheck): Promise<number> {
	expect(accounts, replicas.output()).toEqual(expect.arrayContaining(accepted));
	await sink.waitFor(accounts.length, waitMs);
	// Longer than a lease: a message sent twice would have arrived by now.
	await new Promise((resolve) => setTimeout(resolve, 2500));
	const copies = Map.groupBy(sink.received, (mail) => mail.to[0] ?? '');
	const twice = [...copies.entries()].filter(([, mails]) => mails.length > 1);
	for (const [to, mails] of twice) {
		const first = mails[0]?.receivedAt ?? 0;
		const lostAck = mails.length === 2 && unrecordable.some((window) => first >= window.from - 50 && first <= window.to) && mails[1]?.messageId === mails[0]?.messageId;
		expect(lostAck, `${to} was mailed ${mails.length} times`).toBe(true);
	}
	expect([...copies.keys()].sort()).toEqual(accounts);
	return twice.length;
}
