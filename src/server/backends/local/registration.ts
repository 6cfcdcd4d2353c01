/**
 * Registration in the built-in backend: register, follow a receipt, confirm (link or code), resend.
 * The rules that keep an address's existence secret are spelled out where they apply; the README
 * (“Enumeration safety and receipts”, “Threat model”) tells the whole story.
 *
 * Each registration attempt carries its own candidate password, and its confirmation (link and
 * code) activates that password and no other: a stranger who registers someone else's address first
 * cannot have the owner confirm the stranger's password (pre-account hijacking). The newest attempt
 * replaces older ones, so a link from an earlier attempt stops working once someone tries again.
 */
import { randomBytes } from 'node:crypto';

import type { Locale } from '../../../signup/contract.ts';
import { ProblemError } from '../../problem-error.ts';
import { attemptDelivery } from '../../mail/delivery-events.ts';
import { enqueueMail } from '../../mail/outbox.ts';
import type { Queryable } from '../../store/store.ts';
import type { RegistrationState, SignupBackend } from '../types.ts';
import { cooldownOver, findAccount, loadAddressState, maxCodeFailuresTotal, recordAttempt, saveAddressState, type LocalContext } from './context.ts';
import { mailboxKey } from './mailbox.ts';
import { assertStrongPassword, hashPassword } from './passwords.ts';
import { hashCode, hashSecret, newSecret, sameHash } from './secrets.ts';

type RegistrationFlows = Pick<SignupBackend, 'register' | 'registrationStatus' | 'confirmWithToken' | 'confirmWithCode' | 'resendConfirmation'>;

/** A confirmation as the confirm flows read it. */
interface AttemptRow {
	account_id: number;
	receipt_hash: Uint8Array | null;
	email: string;
	password_hash: string;
	expires_at: number;
}

/** The registration half of the built-in backend. */
export function registrationFlows(context: LocalContext): RegistrationFlows {
	const { db, provider, rules, hasher, clock, mailQueued, platform } = context;

	/** Activates the account with the attempt's password and tells that attempt's receipt. Inside a transaction. */
	async function activate(db: Queryable, attempt: AttemptRow, now: number): Promise<void> {
		await db.run('UPDATE accounts SET password_hash = ?, confirmed_at = COALESCE(confirmed_at, ?) WHERE id = ?', attempt.password_hash, now, attempt.account_id);
		// The address as typed in the confirmed attempt is the one the account is written to from now on.
		await db.run(
			'UPDATE accounts SET email = ? WHERE id = ? AND NOT EXISTS (SELECT 1 FROM accounts WHERE email = ? AND id <> ?)',
			attempt.email,
			attempt.account_id,
			attempt.email,
			attempt.account_id,
		);
		if (attempt.receipt_hash) {
			await db.run('UPDATE receipts SET confirmed_at = ? WHERE receipt_hash = ?', now, attempt.receipt_hash);
		} else {
			// A confirmation issued before attempts had receipts of their own: the rule it was issued under.
			await db.run("UPDATE receipts SET confirmed_at = ? WHERE account_id = ? AND outcome <> 'exists' AND confirmed_at IS NULL", now, attempt.account_id);
		}
	}

	return {
		async register({ email, password, locale }) {
			if (!provider.selfRegistration) throw new ProblemError('registration_disabled', 'This provider creates accounts itself.');
			assertStrongPassword(provider, password, email);
			// Hashed in every branch, even when the hash is thrown away, so that the answer takes as
			// long for a known address as for a new one. With a platform the password goes to it alone
			// and nothing of it is kept here; every branch makes one platform call instead.
			const passwordHash = platform ? '' : await hashPassword(hasher, password);
			const receipt = newSecret();
			const receiptHash = hashSecret(receipt);
			const mailbox = mailboxKey(email);
			// The platform first (in this mailbox's turn, see platform-flows.ts): if it fails, nothing
			// of this attempt is recorded.
			const placed = platform ? await platform.placeAttempt(mailbox, { email, password, locale }) : null;
			const now = clock.now();
			await db.transaction(async (db) => {
				const found = await findAccount(db, mailbox);
				// An address the platform has as an active user is a confirmed one.
				const account = found && placed?.active ? { ...found, confirmed_at: found.confirmed_at ?? now } : found;
				const state = await loadAddressState(db, mailbox);
				const cooldown = cooldownOver(rules, state.signup_mail_at, now);
				let outcome: 'created' | 'pending' | 'exists';
				let accountId: number | null = null;
				if (!account && placed?.active) {
					// Made on the platform by the provider: the help center learns of it as confirmed.
					await db.run(
						'INSERT INTO accounts (email, mailbox, password_hash, locale, created_at, confirmed_at, platform_user_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
						email,
						mailbox,
						'',
						locale,
						now,
						now,
						placed.userId,
					);
					if (cooldown) await enqueueMail(db, email, locale, { kind: 'exists' }, now);
					outcome = 'exists';
				} else if (!account) {
					// The account's own password means nothing until an attempt is confirmed.
					accountId =
						(await db.get<{ id: number }>(
							'INSERT INTO accounts (email, mailbox, password_hash, locale, created_at, platform_user_id) VALUES (?, ?, ?, ?, ?, ?) RETURNING id',
							email,
							mailbox,
							passwordHash,
							locale,
							now,
							placed?.userId ?? null,
						))?.id ?? null;
					if (accountId !== null) {
						await recordAttempt({ db, rules }, accountId, receiptHash, email, passwordHash, now);
						// A new account's first email ignores the cooldown: someone asking about an unknown
						// address must not be able to hold back the confirmation of its registration.
						await enqueueMail(db, email, locale, { kind: 'confirm', data: { accountId, attempt: receiptHash.toString('hex') } }, now, receiptHash);
					}
					outcome = 'created';
				} else if (account.confirmed_at === null) {
					accountId = account.id;
					// The newest attempt replaces the live one (its link and code stop working); it is
					// mailed now if the cooldown is over, else by a resend after it.
					await recordAttempt({ db, rules }, account.id, receiptHash, email, passwordHash, now);
					await db.run('UPDATE accounts SET locale = ?, platform_user_id = COALESCE(?, platform_user_id) WHERE id = ?', locale, placed?.userId ?? null, account.id);
					if (cooldown) await enqueueMail(db, email, locale, { kind: 'confirm', data: { accountId, attempt: receiptHash.toString('hex') } }, now, receiptHash);
					outcome = 'pending';
				} else {
					if (cooldown) await enqueueMail(db, email, locale, { kind: 'exists' }, now, receiptHash);
					outcome = 'exists';
				}
				// The same change of state on every branch, so that the cooldowns and the wrong-code
				// counts that follow cannot tell a known mailbox from an unknown one.
				if (cooldown) await saveAddressState(db, mailbox, { ...state, signup_mail_at: now, code_failures: 0, code_failures_total: 0 }, now);
				else await saveAddressState(db, mailbox, state, now);
				// The attempt's password stays with its receipt (for every outcome alike), so that the
				// attempt can move to a corrected address (address-change.ts).
				await db.run(
					'INSERT INTO receipts (receipt_hash, account_id, outcome, email, mailbox, password_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
					receiptHash,
					accountId,
					outcome,
					email,
					mailbox,
					passwordHash,
					now,
					now + rules.confirmationTtlSeconds * 1000,
				);
			});
			mailQueued();
			return { receipt };
		},

		async registrationStatus(receipt) {
			const receiptHash = hashSecret(receipt);
			const row = await db.get<{ outcome: string; expires_at: number; confirmed_at: number | null; email: string | null }>(
				'SELECT outcome, expires_at, confirmed_at, email FROM receipts WHERE receipt_hash = ?',
				receiptHash,
			);
			if (!row) throw new ProblemError('invalid_receipt', 'No registration has this receipt (receipts are forgotten a week after they expire).');
			// A receipt for an address that was confirmed already never says "confirmed": it ages like
			// a registration nobody confirms, which is what it must look like to whoever holds it. Any
			// other receipt says "confirmed" only when its own attempt was confirmed.
			const status: RegistrationState = row.outcome !== 'exists' && row.confirmed_at !== null ? 'confirmed' : clock.now() < row.expires_at ? 'pending' : 'expired';
			// The attempt's own latest email, whatever the outcome: an "account exists" email's timeline
			// has the same kinds as a confirmation's. A receipt from before timelines shows none.
			if (row.email === null) return { status };
			return { status, delivery: await attemptDelivery(db, receiptHash) ?? { email: row.email, events: [] } };
		},

		async confirmWithToken(token) {
			const now = clock.now();
			const tokenHash = hashSecret(token);
			const row = await db.get<AttemptRow>(
				'SELECT account_id, receipt_hash, email, password_hash, expires_at FROM confirmations WHERE token_hash = ?',
				tokenHash,
			);
			if (!row) throw new ProblemError('invalid_token', 'This confirmation link is unknown, was replaced by a newer one, or was already used.');
			if (row.expires_at <= now) throw new ProblemError('expired_token', 'This confirmation link has expired; ask for a new email.');
			await db.transaction(async (db) => {
				// Deleting is the claim: of two simultaneous confirmations only one deletes the row.
				if (await db.run('DELETE FROM confirmations WHERE account_id = ? AND token_hash = ?', row.account_id, tokenHash) !== 1) {
					throw new ProblemError('invalid_token', 'This confirmation link was already used.');
				}
				await activate(db, row, now);
			});
		},

		async confirmWithCode(email, code) {
			const now = clock.now();
			const mailbox = mailboxKey(email);
			const outcome = await db.transaction(async (db) => {
				const state = await loadAddressState(db, mailbox);
				if (state.code_failures >= rules.maxCodeAttempts || state.code_failures_total >= maxCodeFailuresTotal) return { kind: 'locked' as const };
				const row = await db.get<AttemptRow & { code_salt: Uint8Array | null; code_hash: Uint8Array | null }>(
					`SELECT c.account_id, c.receipt_hash, c.email, c.password_hash, c.expires_at, c.code_salt, c.code_hash FROM accounts a
					JOIN confirmations c ON c.account_id = a.id WHERE a.mailbox = ? AND a.confirmed_at IS NULL`,
					mailbox,
				);
				// The same HMAC work whether or not there is a code to compare with.
				const computed = hashCode(row?.code_salt ?? randomBytes(16), code);
				if (row?.code_hash && sameHash(computed, row.code_hash)) {
					if (row.expires_at <= now) return { kind: 'expired' as const };
					await db.run('DELETE FROM confirmations WHERE account_id = ?', row.account_id);
					await activate(db, row, now);
					await saveAddressState(db, mailbox, { ...state, code_failures: 0, code_failures_total: 0 }, now);
					return { kind: 'confirmed' as const };
				}
				// Unknown, pending and confirmed addresses all count wrong codes alike.
				const failures = state.code_failures + 1;
				const total = state.code_failures_total + 1;
				await saveAddressState(db, mailbox, { ...state, code_failures: failures, code_failures_total: total }, now);
				const attemptsLeft = Math.max(0, Math.min(rules.maxCodeAttempts - failures, maxCodeFailuresTotal - total));
				return { kind: 'wrong' as const, attemptsLeft };
			});
			switch (outcome.kind) {
				case 'confirmed':
					return;
				case 'locked':
					throw new ProblemError('too_many_attempts', 'Too many wrong codes for this address; ask for a new email to get a new code.');
				case 'expired':
					throw new ProblemError('expired_token', 'This code has expired; ask for a new email.');
				case 'wrong':
					throw new ProblemError('invalid_code', 'This code does not match; check the latest email.', { attemptsLeft: outcome.attemptsLeft });
			}
		},

		async resendConfirmation({ email, locale }) {
			const now = clock.now();
			const mailbox = mailboxKey(email);
			// The same work for every mailbox, known or not: what to send is decided when the worker
			// sends it, after this answer (see mail-requests.ts).
			const queued = await db.transaction(async (db) => {
				const state = await loadAddressState(db, mailbox);
				if (!cooldownOver(rules, state.signup_mail_at, now)) return false;
				await saveAddressState(db, mailbox, { ...state, signup_mail_at: now, code_failures: 0 }, now);
				await enqueueMail(db, email, locale as Locale, { kind: 'resend', data: { mailbox } }, now);
				return true;
			});
			if (queued) mailQueued();
		},
	};
}
