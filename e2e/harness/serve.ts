/**
 * The end-to-end test server, run by Playwright's `webServer` (`node e2e/harness/serve.ts`, Node 24):
 *
 * - the project's SMTP test server (`test-support/server/smtp-sink.ts`, a real `smtp-server`) on a
 *   free loopback port, keeping every message it gets;
 * - the real app (`src/server/main.ts`) as child processes, each with a fresh data folder and the
 *   capture server as its SMTP relay: "main" (4329, the site and API the tests use by default),
 *   "outage" (4332, stopped and started by a test), "closed" (4333, self-registration off) and
 *   "strict" (4334, two registrations per hour), and "traccar" (4335: the Traccar example provider's
 *   build, `dist/sendero/`, on the Traccar backend — started only when that build exists), and
 *   "traccarOwnReset" (4337: the same provider built and run with `TRACCAR_PASSWORD_RESET=traccar`,
 *   `dist/sendero-traccar-reset/`, so Traccar mails the reset email — started only when that build exists);
 * - the project's Traccar test server (`test-support/traccar/test-traccar.ts`) on 4336, where both
 *   Traccar instances create, enable and update their accounts with the test server's manager token;
 * - a control server on 4331: `GET /messages?to=<address>` (the captured messages, decoded),
 *   `POST /outage/stop` and `POST /outage/start` (resolves once the instance answers its health check),
 *   `POST /replies` with `{ "to": address, "replies": [{ "code": 451, "text": "4.3.0 …" }, …] }` (the
 *   sink's next replies to that recipient, one per attempt; beyond the tags' `+451`, `+550`…),
 *   `GET /traccar/violations` (the requests the Traccar test server refused as breaking Traccar's
 *   own API document: none, if the backend speaks Traccar's API), `GET /traccar/reset-emails?to=<address>`
 *   (the reset emails the Traccar test server sent itself to that address, `[{ email, token }]`, oldest first).
 *
 * It stops everything and removes the data folders on SIGTERM or SIGINT.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { systemClock } from '../../src/server/clock.ts';
import { startSmtpSink, type ReceivedMail, type SinkReply } from '../../test-support/server/smtp-sink.ts';
import { startTestTraccar } from '../../test-support/traccar/test-traccar.ts';
import {
	controlPort,
	instances,
	mainResendCooldownSeconds,
	traccarOwnResetBuild,
	traccarProviderId,
	traccarTestPort,
	type CapturedMessage,
	type InstanceName,
	type TraccarResetEmail,
} from './instances.ts';
import { parseMail, sixDigitCode, tokenLink } from './mime.ts';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const staticDir = join(root, 'dist');
const traccarStaticDir = join(root, 'dist', traccarProviderId);
const traccarOwnResetStaticDir = join(root, 'dist', traccarOwnResetBuild);
const mainScript = join(root, 'src/server/main.ts');

if (!existsSync(join(staticDir, 'index.html'))) {
	console.error(`No built site in ${staticDir}: run \`npx astro build\` first (\`npm test\` does).`);
	process.exit(1);
}

// ─── SMTP capture ────────────────────────────────────────────────────────────────────────────────

// The project's SMTP test server; the control server reads its raw messages on demand.
const smtp = await startSmtpSink();
const smtpPort = smtp.port;

/** A received message as the tests see it: decoded, with its link and code picked out. */
async function captured(mail: ReceivedMail): Promise<CapturedMessage> {
	const parsed = await parseMail(mail.raw);
	return { to: mail.to, from: mail.from, ...parsed, link: tokenLink(parsed.text), code: sixDigitCode(parsed.text), receivedAt: mail.receivedAt };
}

// ─── Traccar test server ─────────────────────────────────────────────────────────────────────────

// Real time: the app's clock is the system's. Its administrator, manager and ordinary user are made
// at start, so the backend's "no users" check passes, as on a provider's working server.
const traccar = await startTestTraccar({ clock: systemClock, port: traccarTestPort });

// ─── App instances ───────────────────────────────────────────────────────────────────────────────

/** Generous limits for the instances that do not test them: every test comes from 127.0.0.1. */
const roomyLimits = {
	RATE_LIMIT_REGISTER: '10000/3600',
	RATE_LIMIT_EMAIL: '10000/3600',
	RATE_LIMIT_CONFIRM: '10000/900',
	RATE_LIMIT_STATUS: '100000/600',
};

const settings: Record<InstanceName, Record<string, string>> = {
	main: { ...roomyLimits, RESEND_COOLDOWN_SECONDS: String(mainResendCooldownSeconds) },
	outage: { ...roomyLimits },
	closed: { ...roomyLimits, SELF_REGISTRATION: 'false' },
	strict: { ...roomyLimits, RATE_LIMIT_REGISTER: '2/3600' },
	traccar: {
		...roomyLimits,
		PROVIDER: traccarProviderId,
		STATIC_DIR: traccarStaticDir,
		SIGNUP_BACKEND: 'traccar',
		TRACCAR_URL: traccar.url,
		TRACCAR_TOKEN: traccar.managerToken,
	},
	traccarOwnReset: {
		...roomyLimits,
		PROVIDER: traccarProviderId,
		STATIC_DIR: traccarOwnResetStaticDir,
		SIGNUP_BACKEND: 'traccar',
		TRACCAR_URL: traccar.url,
		TRACCAR_TOKEN: traccar.managerToken,
		TRACCAR_PASSWORD_RESET: 'traccar',
	},
};

interface Instance {
	name: InstanceName;
	port: number;
	dataDir: string;
	child: ChildProcess | null;
	exited: Promise<void>;
}

const running = new Map<InstanceName, Instance>();

function instanceEnv(name: InstanceName, dataDir: string): Record<string, string> {
	const { port } = instances[name];
	return {
		PATH: process.env['PATH'] ?? '',
		HOST: '127.0.0.1',
		PORT: String(port),
		STATIC_DIR: staticDir,
		DATA_DIR: dataDir,
		SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
		SITE_URL: `http://127.0.0.1:${port}`,
		SCRYPT_LOG_N: '10',
		MAIL_POLL_INTERVAL_MS: '100',
		MAIL_RETRY_BASE_MS: '500',
		PROVIDER_SENDER: 'no-reply@example.com',
		...settings[name],
	};
}

/** Resolves once `url` answers 200, or rejects after `timeoutMs`. */
async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the process exited (${child.exitCode ?? child.signalCode})`);
		try {
			const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
			if (response.ok) return;
		} catch {
			// Not listening yet.
		}
		await new Promise((done) => setTimeout(done, 50));
	}
	throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Starts an instance's process (on its existing data folder, if it ran before) and waits for its health check. */
async function startInstance(name: InstanceName): Promise<void> {
	const known = running.get(name);
	if (known?.child) return;
	const dataDir = known?.dataDir ?? mkdtempSync(join(tmpdir(), `signup-e2e-${name}-`));
	// process.execPath: the Node 24 running this script, which runs main.ts as TypeScript.
	const child = spawn(process.execPath, [mainScript], { cwd: root, env: instanceEnv(name, dataDir), stdio: ['ignore', 'pipe', 'pipe'] });
	// Its output, each line marked with its name: stdout stays quiet in Playwright's report, stderr shows.
	const prefix = (chunk: Buffer) => chunk.toString().replace(/^(?=.)/gm, `[${name}] `);
	child.stdout?.on('data', (chunk: Buffer) => process.stdout.write(prefix(chunk)));
	child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(prefix(chunk)));
	const exited = new Promise<void>((done) => child.once('exit', () => done()));
	const instance: Instance = { name, port: instances[name].port, dataDir, child, exited };
	running.set(name, instance);
	child.once('exit', () => {
		if (instance.child === child) instance.child = null;
	});
	await waitForHealth(`http://127.0.0.1:${instance.port}/api/v1/health`, child);
}

/** Stops an instance's process (SIGTERM, then SIGKILL after 5 s); its data folder stays for a restart. */
async function stopInstance(name: InstanceName): Promise<void> {
	const instance = running.get(name);
	const child = instance?.child;
	if (!instance || !child) return;
	child.kill('SIGTERM');
	const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
	await instance.exited;
	clearTimeout(killer);
	instance.child = null;
}

// ─── Control server ──────────────────────────────────────────────────────────────────────────────

let outageChange: Promise<void> = Promise.resolve();

const control = createServer((request, response) => {
	const url = new URL(request.url ?? '/', `http://127.0.0.1:${controlPort}`);
	const answer = (status: number, body: unknown) => {
		response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
		response.end(JSON.stringify(body));
	};
	const route = `${request.method} ${url.pathname}`;
	if (route === 'GET /messages') {
		const to = url.searchParams.get('to');
		if (!to) return answer(400, { error: 'the to parameter is required' });
		// A message the tests cannot read is a failure worth seeing, not a silent drop.
		Promise.all(smtp.received.filter((mail) => mail.to.includes(to)).map(captured)).then(
			(found) => answer(200, found),
			(error: unknown) => answer(500, { error: `could not parse a message: ${String(error)}` }),
		);
		return undefined;
	}
	if (route === 'POST /outage/stop' || route === 'POST /outage/start') {
		// One change at a time, in the order asked.
		const change = outageChange.then(() => (route.endsWith('stop') ? stopInstance('outage') : startInstance('outage')));
		outageChange = change.catch(() => undefined);
		change.then(
			() => answer(200, { status: route.endsWith('stop') ? 'stopped' : 'started' }),
			(error: unknown) => answer(500, { error: String(error) }),
		);
		return undefined;
	}
	if (route === 'POST /replies') {
		let body = '';
		request.on('data', (chunk: Buffer) => (body += chunk.toString()));
		request.on('end', () => {
			try {
				const { to, replies } = JSON.parse(body) as { to?: unknown; replies?: unknown };
				const valid = Array.isArray(replies) && replies.every((reply: SinkReply) => Number.isInteger(reply?.code) && typeof reply?.text === 'string');
				if (typeof to !== 'string' || !valid) return answer(400, { error: 'expected { to, replies: [{ code, text }] }' });
				smtp.replyTo(to, ...(replies as SinkReply[]));
				return answer(200, { status: 'set' });
			} catch {
				return answer(400, { error: 'the body is not JSON' });
			}
		});
		return undefined;
	}
	if (route === 'GET /traccar/violations') return answer(200, traccar.violations);
	if (route === 'GET /traccar/reset-emails') {
		const to = url.searchParams.get('to');
		if (!to) return answer(400, { error: 'the to parameter is required' });
		const found: TraccarResetEmail[] = traccar.resetEmails.filter((mail) => mail.email.toLowerCase() === to.toLowerCase()).map(({ email, token }) => ({ email, token }));
		return answer(200, found);
	}
	if (route === 'GET /health') return answer(200, { status: 'ok' });
	return answer(404, { error: `no route ${route}` });
});

// ─── Start and stop ──────────────────────────────────────────────────────────────────────────────

let stopping = false;
async function shutdown(code: number): Promise<void> {
	if (stopping) return;
	stopping = true;
	setTimeout(() => process.exit(code), 8000).unref();
	control.close();
	await Promise.allSettled([...running.keys()].map((name) => stopInstance(name)));
	for (const { dataDir } of running.values()) rmSync(dataDir, { recursive: true, force: true });
	await Promise.allSettled([smtp.stop(), traccar.close()]);
	process.exit(code);
}
process.on('SIGTERM', () => void shutdown(0));
process.on('SIGINT', () => void shutdown(0));
// Never leave app processes behind, whatever ends this one.
process.on('exit', () => {
	for (const { child } of running.values()) child?.kill('SIGKILL');
});

try {
	await new Promise<void>((done, reject) => {
		control.once('error', reject);
		control.listen(controlPort, '127.0.0.1', () => done());
	});
	// One after the other (on two cores, four processes starting at once only slow each other
	// down), "main" last: Playwright starts the tests once main answers, so all are up by then.
	// "traccar" and "traccarOwnReset" serve the Traccar provider's builds: without one (a run of only
	// the neutral site's tests), its instance stays off and its tests fail saying so.
	const builds: Partial<Record<InstanceName, { dir: string; how: string }>> = {
		traccar: { dir: traccarStaticDir, how: `npm run build:providers ${traccarProviderId}` },
		traccarOwnReset: {
			dir: traccarOwnResetStaticDir,
			how: `PROVIDER=${traccarProviderId} TRACCAR_PASSWORD_RESET=traccar OUT_DIR=dist/${traccarOwnResetBuild} npx astro build`,
		},
	};
	const built = (name: InstanceName) => {
		const build = builds[name];
		if (!build || existsSync(join(build.dir, 'index.html'))) return true;
		console.log(`No build in ${build.dir}: the "${name}" instance is not started (\`${build.how}\` builds it).`);
		return false;
	};
	const names = (Object.keys(instances) as InstanceName[]).filter(built).sort((a, b) => Number(a === 'main') - Number(b === 'main'));
	for (const name of names) await startInstance(name);
	console.log(`e2e servers ready: smtp on ${smtpPort}, control on ${controlPort}, traccar test server on ${traccarTestPort}, ${names.map((name) => [name, instances[name]] as const).map(([name, { port }]) => `${name} on ${port}`).join(', ')}`);
} catch (error) {
	console.error('The e2e servers did not start:', error);
	await shutdown(1);
}
