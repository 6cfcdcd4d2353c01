/**
 * The emails this browser knows were sent, by address: a registration or a resend just made here.
 * The resend button counts down from them, so it never offers (or claims) an email the server's
 * cooldown would hold back.
 */
const key = 'signup.sent';

/** address → when the next email may be asked for (`Date.now()` time). */
type SentLog = Record<string, number>;

function read(): SentLog {
	try {
		const value: unknown = JSON.parse(localStorage.getItem(key) ?? '{}');
		if (value && typeof value === 'object') {
			return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));
		}
	} catch {
		// Unreadable storage counts as nothing known.
	}
	return {};
}

/** Notes that an email went to `address` and the next may be asked for in `cooldownSeconds`. */
export function rememberEmailSent(address: string, cooldownSeconds: number, now = Date.now()): void {
	const log = read();
	// Only the waits still running are worth keeping.
	const kept = Object.fromEntries(Object.entries(log).filter(([, until]) => until > now));
	try {
		localStorage.setItem(key, JSON.stringify({ ...kept, [address]: now + cooldownSeconds * 1000 }));
	} catch {
		// Private modes may refuse storage: the server's answer still tells the wait.
	}
}

/** When the next email to `address` may be asked for, if this browser knows of a recent one; else 0. */
export function nextEmailAllowedAt(address: string, now = Date.now()): number {
	const until = read()[address] ?? 0;
	return until > now ? until : 0;
}
