/**
 * The token in a link's fragment (`#token=…`). Emails carry tokens there so they never reach a
 * server's logs; the page reads it in the browser and sends it only when the reader presses the button.
 */
export function tokenFromFragment(hash: string): string | undefined {
	const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
	return token && /^[A-Za-z0-9_-]{22,128}$/.test(token) ? token : undefined;
}
