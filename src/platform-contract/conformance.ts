/**
 * The conformance kit: every operation, every error a platform can be made to answer, idempotency
 * and the signature checks, run against a provider's implementation of the contract. Each check
 * says what it sent, what the contract expects and what came back. `npm run contract:check` prints
 * the report (`scripts/contract-check.ts`).
 *
 * The kit creates users with fresh addresses at `example.com` (reserved by RFC 2606, so nothing
 * reaches a real person) and leaves them on the platform; run it against a test instance.
 */
import { randomBytes } from 'node:crypto';

import * as z from 'zod/mini';

import {
	PlatformProblemSchema,
	PlatformSettingsSchema,
	platformContractVersion,
	platformOperations,
	platformProblemCatalogue,
	timestampToleranceSeconds,
	type PlatformOperationName,
	type PlatformProblemCode,
} from './contract.ts';
import { newWebhookId, newWebhookSecret, signatureHeaders } from './signing.ts';

/** One line of the report. */
export interface CheckResult {
	/** The operation the check called. */
	operation: PlatformOperationName;
	/** What it checks: the operation's answer, an error, the signature checks, idempotency. */
	aspect: 'answer' | 'error' | 'signature' | 'idempotency';
	/** What was sent, in words. */
	name: string;
	pass: boolean;
	/** What the contract expects. */
	expected: string;
	/** What came back. */
	got: string;
	/** Set when the check could not run (a setting of the platform rules it out), with why. */
	skipped?: string;
}

/** Where and how to run the kit. */
export interface ConformanceOptions {
	url: string;
	secret: string;
	fetch?: typeof fetch;
	/** Milliseconds since the epoch, the signer's clock; default the system clock. */
	now?: () => number;
}

/** An answer as the kit sees it. */
interface Raw {
	status: number;
	contentType: string;
	json: unknown;
	text: string;
}

/** Runs every check, in order; later checks use users the earlier ones created. */
export async function runConformanceChecks(options: ConformanceOptions): Promise<CheckResult[]> {
	const { secret } = options;
	const now = options.now ?? Date.now;
	const doFetch = options.fetch ?? fetch;
	const base = options.url.replace(/\/+$/, '');
	const results: CheckResult[] = [];
	const seconds = () => Math.floor(now() / 1000);

	/** Sends `body` to an operation, signed as told. */
	async function send(
		name: PlatformOperationName,
		body: unknown,
		signing: { id?: string; timestamp?: number; secret?: string; signedBody?: string; unsigned?: boolean } = {},
	): Promise<Raw> {
		const text = typeof body === 'string' ? body : JSON.stringify(body);
		const id = signing.id ?? newWebhookId();
		const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Platform-Contract-Version': platformContractVersion };
		if (!signing.unsigned) Object.assign(headers, signatureHeaders(signing.secret ?? secret, id, signing.timestamp ?? seconds(), signing.signedBody ?? text));
		try {
			const response = await doFetch(`${base}${platformOperations[name].path}`, { method: 'POST', headers, body: text, signal: AbortSignal.timeout(10_000) });
			const answer = await response.text();
			let json: unknown;
			try {
				json = JSON.parse(answer);
			} catch {
				json = undefined;
			}
			return { status: response.status, contentType: response.headers.get('content-type') ?? '', json, text: answer };
		} catch (error) {
			return { status: 0, contentType: '', json: undefined, text: `no answer: ${error instanceof Error ? error.message : String(error)}` };
		}
	}

	/** A short account of an answer for the report. */
	function describe(raw: Raw): string {
		if (raw.status === 0) return raw.text;
		const problem = z.safeParse(PlatformProblemSchema, raw.json);
		if (raw.status >= 400 && problem.success) return `${raw.status} ${problem.data.code}`;
		const body = raw.text.length > 120 ? `${raw.text.slice(0, 117)}...` : raw.text;
		return `${raw.status} ${body}`;
	}

	function record(operation: PlatformOperationName, aspect: CheckResult['aspect'], name: string, expected: string, pass: boolean, got: string): boolean {
		results.push({ operation, aspect, name, expected, pass, got });
		return pass;
	}

	function skip(operation: PlatformOperationName, name: string, why: string): void {
		results.push({ operation, aspect: 'answer', name, expected: '-', pass: true, got: '-', skipped: why });
	}

	/** Expects a success answer that the operation's schema accepts (and `extra` on top). */
	function expectSuccess<T>(
		operation: PlatformOperationName,
		name: string,
		raw: Raw,
		extra?: { what: string; test: (data: T) => boolean; aspect?: CheckResult['aspect']; reportAs?: PlatformOperationName },
	): T | undefined {
		const { status, schema } = platformOperations[operation].success;
		const parsed = z.safeParse(schema, raw.json);
		const shapeOk = raw.status === status && parsed.success && raw.contentType.startsWith('application/json');
		const extraOk = shapeOk && (!extra || extra.test(parsed.data as T));
		const expected = `${status} application/json per the contract${extra ? `, ${extra.what}` : ''}`;
		const got = raw.status === status && !parsed.success ? `${raw.status}, not the contract's shape: ${z.prettifyError(parsed.error).replaceAll('\n', ' ')}` : describe(raw);
		record(extra?.reportAs ?? operation, extra?.aspect ?? 'answer', name, expected, extraOk, got);
		return extraOk ? (parsed.data as T) : undefined;
	}

	/** Expects a problem answer with `code`, its catalogue status and a problem+json body. */
	function expectProblem(operation: PlatformOperationName, name: string, raw: Raw, code: PlatformProblemCode, aspect: CheckResult['aspect'] = 'error'): boolean {
		const status = platformProblemCatalogue[code].status;
		const problem = z.safeParse(PlatformProblemSchema, raw.json);
		const pass = raw.status === status && problem.success && problem.data.code === code && problem.data.status === status && raw.contentType.startsWith('application/problem+json');
		const got = raw.status === status && !raw.contentType.startsWith('application/problem+json') ? `${describe(raw)} as ${raw.contentType || 'no content type'}` : describe(raw);
		return record(operation, aspect, name, `${status} ${code} (application/problem+json)`, pass, got);
	}

	const address = () => `contract-check-${randomBytes(6).toString('hex')}@example.com`;
	const password = () => `kit ${randomBytes(9).toString('base64url')} passphrase`;
	type User = z.output<(typeof platformOperations)['createUser']['success']['schema']>;

	// ─── settings ───
	const settings = expectSuccess<z.output<typeof PlatformSettingsSchema>>('settings', 'a signed settings call', await send('settings', {}));

	// ─── signature ───
	expectProblem('settings', 'a call without signature headers', await send('settings', {}, { unsigned: true }), 'unauthorized', 'signature');
	expectProblem('settings', 'a call signed with another secret', await send('settings', {}, { secret: newWebhookSecret() }), 'unauthorized', 'signature');
	expectProblem('getUser', 'a body other than the one signed', await send('getUser', { email: address() }, { signedBody: JSON.stringify({ email: address() }) }), 'unauthorized', 'signature');
	expectProblem('settings', `a timestamp ${timestampToleranceSeconds + 60} s old`, await send('settings', {}, { timestamp: seconds() - timestampToleranceSeconds - 60 }), 'stale_timestamp', 'signature');
	expectProblem('settings', `a timestamp ${timestampToleranceSeconds + 60} s ahead`, await send('settings', {}, { timestamp: seconds() + timestampToleranceSeconds + 60 }), 'stale_timestamp', 'signature');
	const reused = newWebhookId();
	await send('getUser', { email: address() }, { id: reused });
	expectProblem('getUser', 'a webhook-id used again for another body (replay)', await send('getUser', { email: address() }, { id: reused }), 'replayed', 'signature');
	expectProblem('settings', 'a webhook-id used again for another operation (replay)', await send('settings', {}, { id: reused }), 'replayed', 'signature');

	if (!settings) {
		skip('createUser', 'the user operations', 'the settings call failed, so nothing else can be checked');
		return results;
	}

	// ─── createUser ───
	expectProblem('createUser', 'a body without a password', await send('createUser', { email: address(), locale: 'en' }), 'invalid_request');
	expectProblem('createUser', 'a body with an unknown field', await send('createUser', { email: address(), password: password(), locale: 'en', admin: true }), 'invalid_request');
	expectProblem('createUser', 'a body that is not JSON', await send('createUser', '{"email":'), 'invalid_request');
	if (!settings.registrationAllowed) {
		expectProblem('createUser', 'a new address while registration is not allowed', await send('createUser', { email: address(), password: password(), locale: 'en' }), 'registration_disabled');
		skip('createUser', 'the user operations', 'settings say registrationAllowed: false, so the kit cannot create one');
		return results;
	}
	const unsignedEmail = address();
	expectProblem('createUser', 'an unsigned createUser', await send('createUser', { email: unsignedEmail, password: password(), locale: 'en' }, { unsigned: true }), 'unauthorized', 'signature');
	expectSuccess<z.output<(typeof platformOperations)['getUser']['success']['schema']>>('getUser', 'the unsigned createUser’s address, looked up', await send('getUser', { email: unsignedEmail }), {
		aspect: 'signature',
		reportAs: 'createUser',
		what: 'state none (the refused call created nobody)',
		test: (found) => found.state === 'none',
	});
	const email = address();
	const createBody = { email, password: password(), locale: 'fr' };
	const createId = newWebhookId();
	const created = expectSuccess<User>('createUser', 'a new address', await send('createUser', createBody, { id: createId, timestamp: seconds() - 1 }), {
		what: 'an inactive user with that address',
		test: (user) => user.state === 'inactive' && user.email === email,
	});
	expectProblem('createUser', 'the same address again (a new webhook-id)', await send('createUser', { ...createBody, password: password() }), 'user_exists');

	// ─── idempotency ───
	const retried = await send('createUser', createBody, { id: createId });
	expectSuccess<User>('createUser', 'createUser retried with the same webhook-id and body, signed anew', retried, {
		aspect: 'idempotency',
		what: 'the first answer again (the same userId, not user_exists)',
		test: (user) => user.userId === created?.userId,
	});

	if (!created) {
		skip('getUser', 'the operations on a user', 'createUser failed, so there is no user to work on');
		return results;
	}
	const userId = created.userId;
	type Lookup = z.output<(typeof platformOperations)['getUser']['success']['schema']>;
	type PasswordSet = z.output<(typeof platformOperations)['setPassword']['success']['schema']>;

	// ─── getUser ───
	const lookupId = newWebhookId();
	expectSuccess<Lookup>('getUser', 'the new user by id', await send('getUser', { userId }, { id: lookupId, timestamp: seconds() - 1 }), { what: 'state inactive', test: (found) => found.state === 'inactive' && found.user?.userId === userId });
	expectSuccess<Lookup>('getUser', 'the new user by email address', await send('getUser', { email }), { what: 'state inactive, the same userId', test: (found) => found.state === 'inactive' && found.user?.userId === userId });
	expectSuccess<Lookup>('getUser', 'an address nobody has', await send('getUser', { email: address() }), { what: 'state none, no user', test: (found) => found.state === 'none' && !found.user });
	expectSuccess<Lookup>('getUser', 'an id nobody has', await send('getUser', { userId: `nobody-${randomBytes(6).toString('hex')}` }), { what: 'state none', test: (found) => found.state === 'none' });
	expectProblem('getUser', 'both an id and an address', await send('getUser', { userId, email }), 'invalid_request');

	expectSuccess<PasswordSet>('setPassword', 'onlyIfInactive on an inactive user', await send('setPassword', { userId, password: password(), onlyIfInactive: true }), {
		what: 'passwordChanged: true, still inactive',
		test: (user) => user.state === 'inactive' && user.passwordChanged,
	});

	// ─── activateUser ───
	expectSuccess<User>('activateUser', 'the new user', await send('activateUser', { userId }), { what: 'state active', test: (user) => user.state === 'active' && user.userId === userId });
	expectSuccess<Lookup>('getUser', 'the user after activation', await send('getUser', { userId }), { what: 'state active', test: (found) => found.state === 'active' });
	expectSuccess<Lookup>('getUser', 'the lookup by id before activation, retried with its webhook-id', await send('getUser', { userId }, { id: lookupId }), {
		aspect: 'idempotency',
		what: 'the first answer again (state inactive), not a new lookup',
		test: (found) => found.state === 'inactive',
	});
	expectSuccess<User>('activateUser', 'an active user again (a new webhook-id)', await send('activateUser', { userId }), { what: 'state active, nothing else changes', test: (user) => user.state === 'active' });
	expectProblem('activateUser', 'an unknown user', await send('activateUser', { userId: `nobody-${randomBytes(6).toString('hex')}` }), 'unknown_user');
	expectProblem('activateUser', 'a body without userId', await send('activateUser', {}), 'invalid_request');

	// ─── setPassword ───
	const passwordId = newWebhookId();
	const passwordBody = { userId, password: password() };
	const first = await send('setPassword', passwordBody, { id: passwordId, timestamp: seconds() - 1 });
	expectSuccess<PasswordSet>('setPassword', 'a new password for the user', first, {
		what: 'the user, still active, passwordChanged: true',
		test: (user) => user.userId === userId && user.state === 'active' && user.passwordChanged,
	});
	expectSuccess<PasswordSet>('setPassword', 'onlyIfInactive on an active user', await send('setPassword', { userId, password: password(), onlyIfInactive: true }), {
		what: 'passwordChanged: false (an active user’s password stays)',
		test: (user) => user.state === 'active' && !user.passwordChanged,
	});
	const again = await send('setPassword', passwordBody, { id: passwordId });
	record('setPassword', 'idempotency', 'setPassword retried with the same webhook-id and body', `${describe(first)} again`, again.status === first.status && again.text === first.text, describe(again));
	expectProblem('setPassword', 'an unknown user', await send('setPassword', { userId: `nobody-${randomBytes(6).toString('hex')}`, password: password() }), 'unknown_user');
	expectProblem('setPassword', 'an empty password', await send('setPassword', { userId, password: '' }), 'invalid_request');
	return results;
}

/** The report: one line per check, then a summary line. */
export function formatReport(results: CheckResult[]): string {
	const width = Math.max(...results.map((result) => result.operation.length));
	const lines = results.map((result) => {
		const mark = result.skipped ? 'SKIP' : result.pass ? 'PASS' : 'FAIL';
		const head = `${mark}  ${result.operation.padEnd(width)}  ${result.aspect.padEnd('idempotency'.length)}  ${result.name}`;
		if (result.skipped) return `${head}: ${result.skipped}`;
		return result.pass ? `${head} → ${result.got}` : `${head}\n      expected ${result.expected}\n      got      ${result.got}`;
	});
	const failed = results.filter((result) => !result.pass).length;
	const skipped = results.filter((result) => result.skipped).length;
	lines.push('', `${results.length - failed - skipped} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
	return lines.join('\n');
}
