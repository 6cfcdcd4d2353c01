/** What the registration form leaves in the browser for the status checker. */
export interface StoredReceipt {
	/** The opaque receipt the API answered with. */
	receipt: string;
	/** The address registered, to show the reader which one is waiting. */
	email: string;
	/** When the registration was sent (`Date.now()`). */
	at: number;
}

const key = 'signup.receipt';

/** Keeps the receipt of the latest registration in this browser (every tab of this site sees it). */
export function saveReceipt(value: StoredReceipt): void {
	try {
		localStorage.setItem(key, JSON.stringify(value));
	} catch {
		// Private modes may refuse storage: the checker then offers the email path instead.
	}
}

/** The receipt of the latest registration in this browser, if any. */
export function readReceipt(): StoredReceipt | undefined {
	try {
		const value: unknown = JSON.parse(localStorage.getItem(key) ?? 'null');
		if (value && typeof value === 'object' && 'receipt' in value && 'email' in value && 'at' in value) {
			const { receipt, email, at } = value as Record<string, unknown>;
			if (typeof receipt === 'string' && typeof email === 'string' && typeof at === 'number') return { receipt, email, at };
		}
	} catch {
		// Unreadable storage counts as no receipt.
	}
	return undefined;
}

/** Forgets the stored receipt (once confirmed, or when the server no longer knows it). */
export function clearReceipt(): void {
	try {
		localStorage.removeItem(key);
	} catch {
		// Nothing to forget.
	}
}

const confirmedKey = 'signup.confirmed';

/** Tells the other tabs of this site that an address was just confirmed (the confirm page does). */
export function announceConfirmed(): void {
	try {
		localStorage.setItem(confirmedKey, String(Date.now()));
	} catch {
		// The other tabs will learn it by polling.
	}
}

/** Calls `listener` when another tab confirms an address; returns the function that stops listening. */
export function onConfirmedElsewhere(listener: () => void): () => void {
	const handler = (event: StorageEvent) => {
		if (event.key === confirmedKey) listener();
	};
	addEventListener('storage', handler);
	return () => removeEventListener('storage', handler);
}
