/**
 * Test support: several real server processes (`main.ts`, as production runs it) with one
 * configuration — one data folder, one SMTP server, one limits store — as replicas behind a load
 * balancer. The caller spreads its requests over `urls`; any replica can be killed and started
 * again on the same data folder.
 */
import { startServerProcess, type ServerProcess } from './server-process.ts';

/** Running replicas. */
export interface ReplicaSet {
	/** Each replica's `http://127.0.0.1:<port>`, in start order (a restarted one gets a new port). */
	readonly urls: string[];
	/** The replica that should answer the `index`-th request (round robin). */
	pick(index: number): string;
	/** Kills replica `index` with SIGKILL and waits until it is gone. */
	kill(index: number): Promise<void>;
	/** Starts replica `index` again with the same configuration. */
	restart(index: number): Promise<void>;
	/** What every replica printed, for failure messages. */
	output(): string;
	/** Stops every replica with SIGTERM (the way a supervisor does) and waits for them; resolves with their exit codes. */
	stop(): Promise<Array<number | null>>;
}

/** Starts `count` replicas with `env`. */
export async function startReplicas(count: number, env: Record<string, string>): Promise<ReplicaSet> {
	// One after the other: on a loaded machine, processes starting together could each miss the start-up deadline.
	const processes: ServerProcess[] = [];
	try {
		for (let index = 0; index < count; index++) processes.push(await startServerProcess(env));
	} catch (error) {
		for (const process of processes) process.child.kill('SIGKILL');
		throw error;
	}
	const alive = new Set(processes.map((_, index) => index));
	const urls = processes.map((process) => process.url);
	const earlier: string[] = [];
	return {
		urls,
		pick: (index) => urls[index % urls.length] ?? '',
		async kill(index) {
			const process = processes[index];
			if (!process || !alive.has(index)) return;
			process.child.kill('SIGKILL');
			await process.exited;
			alive.delete(index);
			earlier.push(process.output());
		},
		async restart(index) {
			const process = await startServerProcess(env);
			processes[index] = process;
			urls[index] = process.url;
			alive.add(index);
		},
		output: () => [...earlier, ...processes.map((process) => process.output())].map((text, index) => `--- replica output ${index}\n${text}`).join('\n'),
		async stop() {
			const codes = await Promise.all(
				[...alive].map(async (index) => {
					const process = processes[index];
					process?.child.kill('SIGTERM');
					await process?.exited;
					return process?.child.exitCode ?? null;
				}),
			);
			alive.clear();
			return codes;
		},
	};
}
