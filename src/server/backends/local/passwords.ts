/**
 * New passwords in the built-in backend: the provider's policy plus the common-password list,
 * and hashing that turns an overloaded hasher into a polite 503.
 */
import type { PasswordRule } from '../../../signup/contract.ts';
import { checkPassword } from '../../../signup/password-policy.ts';
import { ProblemError } from '../../problem-error.ts';
import { isCommonPassword } from '../../passwords/common-passwords.ts';
import { HasherBusyError, type PasswordHasher } from '../../passwords/password-hash.ts';
import type { ProviderSettings } from '../../settings.ts';

/** Throws `weak_password`, naming the broken rules, unless the password meets the provider's policy. */
export function assertStrongPassword(provider: ProviderSettings, password: string, email: string): void {
	const policy = provider.passwordPolicy;
	const broken: PasswordRule[] = checkPassword(password, policy, { email });
	if (policy.rejectCommon && isCommonPassword(password)) broken.push('common');
	if (broken.length > 0) {
		throw new ProblemError('weak_password', `The password breaks these rules: ${broken.join(', ')}.`, { rules: broken });
	}
}

/** Hashes a password; a hasher queue too long to wait for becomes `upstream_unavailable` with its expected wait as Retry-After. */
export async function hashPassword(hasher: PasswordHasher, password: string): Promise<string> {
	try {
		return await hasher.hash(password);
	} catch (error) {
		if (error instanceof HasherBusyError) {
			throw new ProblemError('upstream_unavailable', 'The server is busy; try again in a few seconds.', { retryAfter: error.retryAfterSeconds });
		}
		throw error;
	}
}
