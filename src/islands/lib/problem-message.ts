import type { UiStringKey } from '../../content/i18n-schema.ts';
import type { ClientProblem } from '../../signup/client.ts';
import { formatWait } from './time.ts';
import type { Translate } from './strings.ts';

/** What a widget offers next to a problem's message. */
export type ProblemAction =
	/** Send the same request again (network failure, timeout, server trouble). */
	| 'retry'
	/** Wait; the request can be sent again later. */
	| 'wait'
	/** Contact the provider's support. */
	| 'support'
	/** Fix what was typed. */
	| 'fix'
	/** Ask for a new email (expired or used link, too many codes). */
	| 'new_email'
	/** Start again with a new registration (its address was changed too often). */
	| 'register_again';

/** A problem as the reader sees it: a sentence in their language and what they can do. */
export interface ProblemMessage {
	message: string;
	action: ProblemAction;
}

/** Every message {@link describeProblem} may give. */
export const problemKeys = [
	'widgets.problem.registration_disabled',
	'widgets.problem.rate_limited',
	'widgets.problem.rate_limited_soon',
	'widgets.problem.network_error',
	'widgets.problem.timeout',
	'widgets.problem.upstream_unavailable',
	'widgets.problem.invalid_request',
	'widgets.problem.invalid_email',
	'widgets.problem.weak_password',
	'widgets.problem.invalid_token',
	'widgets.problem.expired_token',
	'widgets.problem.invalid_code',
	'widgets.problem.too_many_attempts',
	'widgets.problem.invalid_receipt',
	'widgets.problem.too_many_changes',
	'widgets.problem.internal_error',
] as const satisfies readonly UiStringKey[];

/**
 * Turns a failed call into a message and an action, in the page's language. Every code the client
 * can report has its own sentence; codes a widget never expects (a 404 on a known route…) read as
 * server trouble, which is what they are for the reader.
 */
export function describeProblem(problem: ClientProblem, t: Translate, lang: string): ProblemMessage {
	switch (problem.code) {
		case 'registration_disabled':
			return { message: t('widgets.problem.registration_disabled'), action: 'support' };
		case 'rate_limited':
			return problem.retryAfter
				? { message: t('widgets.problem.rate_limited', { when: formatWait(problem.retryAfter, lang) }), action: 'wait' }
				: { message: t('widgets.problem.rate_limited_soon'), action: 'wait' };
		case 'network_error':
			return { message: t('widgets.problem.network_error'), action: 'retry' };
		case 'timeout':
			return { message: t('widgets.problem.timeout'), action: 'retry' };
		case 'upstream_unavailable':
			return { message: t('widgets.problem.upstream_unavailable'), action: 'retry' };
		case 'registration_unavailable':
			return { message: t('widgets.problem.registration_unavailable'), action: 'support' };
		case 'invalid_request':
		case 'payload_too_large':
		case 'unsupported_media_type':
			return { message: t('widgets.problem.invalid_request'), action: 'retry' };
		case 'invalid_email':
			return { message: t('widgets.problem.invalid_email'), action: 'fix' };
		case 'weak_password':
			return { message: t('widgets.problem.weak_password'), action: 'fix' };
		case 'invalid_token':
			return { message: t('widgets.problem.invalid_token'), action: 'new_email' };
		case 'expired_token':
			return { message: t('widgets.problem.expired_token'), action: 'new_email' };
		case 'invalid_code':
			return { message: t('widgets.problem.invalid_code', { count: problem.attemptsLeft ?? '?' }), action: 'fix' };
		case 'too_many_attempts':
			return { message: t('widgets.problem.too_many_attempts'), action: 'new_email' };
		case 'invalid_receipt':
			return { message: t('widgets.problem.invalid_receipt'), action: 'new_email' };
		case 'too_many_changes':
			return { message: t('widgets.problem.too_many_changes'), action: 'register_again' };
		case 'not_found':
		case 'method_not_allowed':
		case 'internal_error':
		case 'bad_answer':
			return { message: t('widgets.problem.internal_error'), action: 'retry' };
	}
}
