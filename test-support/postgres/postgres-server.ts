/**
 * Test support: a real PostgreSQL server for the suites that need one. Without `TEST_DATABASE_URL`
 * it starts a throwaway server — Debian's binaries in `/usr/lib/postgresql/<version>/bin` (`.ci/run`
 * installs the `postgresql` package when they are missing) — with its data folder and socket in a
 * fresh temporary folder and on a free port, so two test runs on one machine never meet; `stop()`
 * removes it all. With `TEST_DATABASE_URL=postgres://…` it uses that server instead. Either way each
 * call gets a database of its own (created here, dropped at the end).
 *
 * PostgreSQL refuses to run as root, and CI runs as root: then its programs run as the `postgres`
 * user (which the Debian package creates), and the temporary folder is handed to that user.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

import pg from 'pg';

/** A PostgreSQL server a suite can use. */
export interface TestPostgres {
	/** `postgres://…/<database>`: a database of this suite's own. */
	readonly url: string;
	/** Whether this harness started the server (so {@link TestPostgres.pause} can stop it). */
	readonly owned: boolean;
	/** Stops the server, keeping its data: clients get "connection refused" until {@link TestPostgres.resume}. Owned servers only. */
	pause(): Promise<void>;
	/** Starts a paused server again on the same port. */
	resume(): Promise<void>;
	/** Drops the database; an owned server is stopped and its folder removed. */
	stop(): Promise<void>;
}

/** Debian's PostgreSQL binaries, the newest version installed; `null` when there are none. */
export function postgresBinDir(): string | null {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return null;
	const versions = readdirSync(root)
		.filter((version) => existsSync(join(root, version, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions[0] ? join(root, versions[0], 'bin') : null;
}

/** Starts a throwaway server (or uses `TEST_DATABASE_URL`) and creates a database for the caller. */
export async function startTestPostgres(): Promise<TestPostgres> {
	const external = process.env['TEST_DATABASE_URL'];
	const server = external ? { url: external, owned: false, pause: notOwned, resume: notOwned, stop() {} } : startOwnedServer();
	const database = `test_${process.pid}_${randomBytes(4).toString('hex')}`;
	try {
		await withClient(server.url, (client) => client.query(`CREATE DATABASE ${database}`));
	} catch (error) {
		server.stop();
		throw error;
	}
	const url = new URL(server.url);
	url.pathname = `/${database}`;
	return {
		url: url.toString(),
		owned: server.owned,
		pause: server.pause,
		resume: server.resume,
		async stop() {
			try {
				if (!server.owned) await withClient(server.url, (client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
			} finally {
				server.stop();
			}
		},
	};
}

async function notOwned(): Promise<never> {
	throw new Error('TEST_DATABASE_URL names a server this harness did not start; it cannot stop it');
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return await work(client);
	} finally {
		await client.end();
	}
}

/** The command line that runs one of PostgreSQL's programs, as the `postgres` user when this process is root. */
function postgresCommand(binDir: string, tool: string, args: string[]): [string, string[]] {
	return userInfo().uid === 0 ? ['runuser', ['-u', 'postgres', '--', join(binDir, tool), ...args]] : [join(binDir, tool), args];
}

/** Runs one of PostgreSQL's programs and waits for it (set-up and clean-up, which nothing else runs beside). */
function runPostgresTool(binDir: string, tool: string, args: string[]): void {
	const [command, commandArgs] = postgresCommand(binDir, tool, args);
	const result = spawnSync(command, commandArgs, { encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed (${result.status}):\n${result.stdout}${result.stderr}${result.error ?? ''}`);
}

/** Runs one of PostgreSQL's programs without blocking this process (a test's requests go on meanwhile). */
function runPostgresToolAsync(binDir: string, tool: string, args: string[]): Promise<void> {
	const [command, commandArgs] = postgresCommand(binDir, tool, args);
	return new Promise((resolve, reject) =>
		execFile(command, commandArgs, (error, stdout, stderr) => (error ? reject(new Error(`${tool} ${args.join(' ')} failed:\n${stdout}${stderr}${error.message}`)) : resolve())),
	);
}

/** Initialises a cluster in a fresh temporary folder and starts it on a free loopback port. */
function startOwnedServer() {
	const binDir = postgresBinDir();
	if (!binDir) {
		throw new Error(
			'No PostgreSQL server binaries in /usr/lib/postgresql/*/bin: install them (apt-get install postgresql) or set TEST_DATABASE_URL=postgres://user:pass@host:port/db',
		);
	}
	const folder = mkdtempSync(join(tmpdir(), 'signup-pg-'));
	if (userInfo().uid === 0) chownSync(folder, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()), 0);
	const dataDir = join(folder, 'data');
	let port = 0;
	let running = false;
	const removeFolder = () => rmSync(folder, { recursive: true, force: true });
	const stopNow = (mode: 'fast' | 'immediate') => {
		if (running) runPostgresTool(binDir, 'pg_ctl', ['-D', dataDir, '-m', mode, '-w', 'stop']);
		running = false;
	};
	// A test process that dies without its afterAll must not leave a server behind.
	const onExit = () => {
		try {
			stopNow('immediate');
		} finally {
			removeFolder();
		}
	};
	process.once('exit', onExit);

	// Durability is of no use to a throwaway cluster; speed is.
	const startArgs = () => [
		'-D',
		dataDir,
		'-o',
		`-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
		'-l',
		join(folder, 'server.log'),
		'-w',
		'-t',
		'30',
		'start',
	];
	const start = () => {
		runPostgresTool(binDir, 'pg_ctl', startArgs());
		running = true;
	};
	try {
		runPostgresTool(binDir, 'initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
		// Another run may take the port between the look-up and the start: try a few.
		for (let attempt = 0; ; attempt++) {
			port = freePortSync();
			try {
				start();
				break;
			} catch (error) {
				if (attempt >= 4) throw new Error(`${(error as Error).message}\n${readLog(folder)}`);
			}
		}
	} catch (error) {
		onExit();
		process.off('exit', onExit);
		throw error;
	}
	return {
		url: `postgres://postgres@127.0.0.1:${port}/postgres`,
		owned: true,
		// A clean shutdown: what was committed is there after resume.
		async pause() {
			if (running) await runPostgresToolAsync(binDir, 'pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
			running = false;
		},
		async resume() {
			await runPostgresToolAsync(binDir, 'pg_ctl', startArgs());
			running = true;
		},
		stop() {
			process.off('exit', onExit);
			onExit();
		},
	};
}

function readLog(folder: string): string {
	try {
		return readFileSync(join(folder, 'server.log'), 'utf8');
	} catch {
		return '';
	}
}

/** A port free on 127.0.0.1 now, found synchronously by a child process (the harness's start is synchronous). */
function freePortSync(): number {
	const script = `const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})`;
	return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim());
}
