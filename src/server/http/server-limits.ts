/**
 * Limits of the HTTP server itself, below the app: how long a request may take to arrive, and how
 * many connections may be open at once. Node's defaults (300 s for a request, no cap) let a few
 * clients sending a byte at a time hold the server's sockets indefinitely.
 */
import type { Server } from 'node:http';

/** The server's limits. */
export interface ServerLimits {
	/** The longest a request (headers and body) may take to arrive; then 408. Default 30 s. */
	requestTimeoutMs?: number;
	/** The longest the headers may take. Default 10 s. */
	headersTimeoutMs?: number;
	/** How often the timeouts above are checked. Default 1 s. */
	checkIntervalMs?: number;
	/** Open connections at most; one more is closed at once. Default 1,000. */
	maxConnections?: number;
}

/** The options for `http.createServer` (`serve({ serverOptions })`) that carry the timeouts. */
export function serverOptions(limits: ServerLimits = {}) {
	const requestTimeout = limits.requestTimeoutMs ?? 30_000;
	return {
		requestTimeout,
		headersTimeout: Math.min(limits.headersTimeoutMs ?? 10_000, requestTimeout),
		connectionsCheckingInterval: limits.checkIntervalMs ?? 1000,
		// An idle kept-alive connection is not worth a socket for long.
		keepAliveTimeout: 5000,
	};
}

/** Applies the connection cap to a listening server. */
export function capConnections(server: Server, limits: ServerLimits = {}): void {
	server.maxConnections = limits.maxConnections ?? 1000;
}
