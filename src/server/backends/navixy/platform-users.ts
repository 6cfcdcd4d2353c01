/**
 * Finding one user by login through `panel/user/list`. The call only takes a free-text `filter`,
 * which may match other logins too (`ann@x.com` is inside `joann@x.com`), so the answer is searched
 * for the exact login; if the platform stores logins in another case, a single case-insensitive
 * match is accepted (whether the platform compares logins case-sensitively is not documented).
 */
import type { PanelSession } from './panel-session.ts';
import { PlatformUnavailableError } from './platform-errors.ts';

/** What the sign-up flows need to know about a platform user. */
export interface PlatformUser {
	login: string;
	/** May sign in. */
	activated: boolean;
	/** Has confirmed the address. */
	verified: boolean;
}

/** How many matches one lookup reads: an exact login is almost always among the first few. */
const lookupLimit = 100;

/** The user with this login, or `null`. Throws like any panel call; tried once more on the platform's passing trouble unless `retry` is false. */
export async function findUser(panel: PanelSession, login: string, retry = true): Promise<PlatformUser | null> {
	const answer = await panel.call('panel/user/list', { filter: login, limit: lookupLimit, offset: 0 }, { retry });
	const list = answer['list'];
	if (!Array.isArray(list)) throw new PlatformUnavailableError('panel/user/list', 'malformed', 'answered success without a list');
	const users: PlatformUser[] = list.flatMap((item: unknown) => {
		if (typeof item !== 'object' || item === null) return [];
		const fields = item as Record<string, unknown>;
		if (typeof fields['login'] !== 'string') return [];
		// Omitted means null (the platform leaves null fields out), which is not `true`.
		return [{ login: fields['login'], activated: fields['activated'] === true, verified: fields['verified'] === true }];
	});
	const exact = users.find((user) => user.login === login);
	if (exact) return exact;
	const folded = users.filter((user) => user.login.toLowerCase() === login.toLowerCase());
	return folded.length === 1 ? (folded[0] ?? null) : null;
}

/** Confirmed, for the help center: may sign in and has confirmed the address (what code 265 reports). */
export function isConfirmed(user: PlatformUser): boolean {
	return user.activated && user.verified;
}
