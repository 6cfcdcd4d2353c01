/** Stops and starts the "outage" instance through the harness's control server (see `serve.ts`). */
import { controlUrl } from './instances.ts';

async function post(path: string): Promise<void> {
	const response = await fetch(`${controlUrl}${path}`, { method: 'POST', signal: AbortSignal.timeout(40_000) });
	if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
}

/** Stops the "outage" instance; resolves once its process has exited. */
export const stopOutage = (): Promise<void> => post('/outage/stop');

/** Starts the "outage" instance again; resolves once it answers its health check. */
export const startOutage = (): Promise<void> => post('/outage/start');
