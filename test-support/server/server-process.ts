/**
 * Test support: the real server as a child process (`node src/server/main.ts`), the way production
 * runs it, so a test can kill it with SIGKILL and start it again on the same data folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const mainPath = fileURLToPath(new URL('../../src/server/main.ts', import.meta.url));

/** A running server process. */
export interface ServerProcess {
	child: ChildProcess;
	/** `http://127.0.0.1:<port>` */
	url: string;
	/** Everything it printed, for failure messages. */
	output: () => string;
	/** Resolves when the process has exited. */
	exited: Promise<void>;
}

/**
 * Starts `main.ts` with `env` on a free port and resolves once it listens. `entry` runs another
 * server script instead, one that prints `Listening on http://…/` as `main.ts` does.
 */
export function startServerProcess(env: Record<string, string>, entry = mainPath): Promise<ServerProcess> {
	// process.execPath is the Node 24 that runs the tests (npx puts the project's Node first).
	const child = spawn(process.execPath, [entry], {
		env: { PATH: process.env['PATH'] ?? '', PORT: '0', HOST: '127.0.0.1', ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			// Not left running behind the failed test.
			child.kill('SIGKILL');
			reject(new Error(`the server did not start:\n${output}`));
		}, 30_000);
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			const match = /Listening on (http:\/\/[\d.]+:\d+)\//.exec(output);
			if (match?.[1]) {
				clearTimeout(timer);
				resolve({ child, url: match[1], output: () => output, exited });
			}
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', onData);
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`the server exited (${code}) before listening:\n${output}`));
		});
	});
}
