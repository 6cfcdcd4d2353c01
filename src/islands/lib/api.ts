import type { SignupClient } from '../../signup/client.ts';

let client: Promise<SignupClient> | undefined;

/**
 * Starts loading the API client — with zod/mini and the contract, the heaviest part of a widget —
 * if it is not loaded yet. Widgets call it when the reader starts using them, so a page that is
 * only read never downloads it, and a submit rarely waits for it.
 */
export function preloadApi(): Promise<SignupClient> {
	client ??= import('../../signup/client.ts').then(({ createClient }) => createClient());
	// A failed download (offline, server down) is tried again on the next call.
	client.catch(() => (client = undefined));
	return client;
}

/** Calls an endpoint through the client, loading it first if needed; a client that cannot load is a `network_error`. */
export const callApi: SignupClient['call'] = async (name, body) => {
	let loaded: SignupClient;
	try {
		loaded = await preloadApi();
	} catch {
		return { ok: false, problem: { code: 'network_error' } };
	}
	return loaded.call(name, body);
};
