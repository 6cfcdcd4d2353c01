/**
 * Completing a password reset in the help center (`NAVIXY_PASSWORD_RESET=true`): the hash of the
 * platform's restore email is the password-change session of `user/password/change`, whose body
 * carries only the new `password`. Works when the provider points its restore email at the help
 * center's reset page, as the activation email is pointed at the confirm page.
 */
import type { SignupBackend } from '../types.ts';
import { ProblemError } from '../../problem-error.ts';
import type { PlatformClient } from './platform-client.ts';
import { hasPlatformCode, invalidParameters, platformProblem, type Logger } from './platform-errors.ts';
import { assertMeetsPolicy } from './registration.ts';
import type { NavixySettings } from './settings.ts';

/** `resetPassword` over `user/password/change`. */
export function passwordChange(client: PlatformClient, settings: () => Promise<NavixySettings>, log: Logger): SignupBackend['resetPassword'] {
	return async (token, newPassword) => {
		assertMeetsPolicy((await settings()).passwordPolicy, newPassword);
		try {
			await client.call('user/password/change', { password: newPassword }, token);
		} catch (error) {
			// 3 wrong hash, 4 not a password-change session (used, or another kind of hash): a dead link.
			if (hasPlatformCode(error, 3, 4)) throw new ProblemError('invalid_token', 'This reset link is unknown or was already used.');
			// 7 naming the password (one of the last 10, or a rule the policy does not publish), 245 or 263 (the same as before).
			if ((hasPlatformCode(error, 7) && invalidParameters(error).some((item) => /password/i.test(item.parameter))) || hasPlatformCode(error, 245, 263)) {
				throw new ProblemError('weak_password', 'The provider’s platform refused this password (it may be one used before).', { rules: [] });
			}
			throw platformProblem(error, log);
		}
	};
}
