// Prints how fast the server (`node src/server/main.ts`, as `npm start` runs it) serves the built
// site's pages, as a ratio to two bare Node static servers in the same run: one reading the file
// from disk on each request, one answering from memory; both send the file uncompressed, with no
// headers beyond its type. Ours sends brotli (as browsers ask for it) with its cache and security
// headers, and answers revalidations with 304. Also prints the bytes a page costs on the wire.
// Figures only: nothing is asserted. Target: at least 0.5× the disk-reading bare server.
// Usage: npm run bench:static   (needs a built site in dist/; BENCH_SECONDS=10 for longer runs)
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:http';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { startServerProcess } from '../test-support/server/server-process.ts';

/** The part of autocannon's API this script uses (the package ships no types). */
interface Result {
	requests: { average: number };
	throughput: { average: number };
	latency: { p50: number; p99: number };
	non2xx: number;
	errors: number;
}
interface Options {
	url: string;
	connections: number;
	duration: number;
	headers?: Record<string, string>;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (options: Options) => Promise<Result>;

const seconds = Number(process.env['BENCH_SECONDS'] ?? 5);
const dist = resolve('dist');
const pages = ['/faq/', '/fr/sign-up/', '/ar/'];
if (!existsSync(join(dist, 'index.html'))) {
	console.error('No built site in dist/: run npm run build first.');
	process.exit(1);
}

/** A bare static server: the file for the path, `index.html` for a folder, nothing else. */
async function bareServer(fromMemory: boolean): Promise<{ server: Server; origin: string }> {
	const cache = new Map<string, Buffer>();
	const server = createServer((req, res) => {
		const path = new URL(req.url ?? '/', 'http://localhost').pathname;
		const file = join(dist, path.endsWith('/') ? `${path}index.html` : path);
		const send = (body: Buffer) => {
			res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length });
			res.end(body);
		};
		const cached = cache.get(file);
		if (cached) return send(cached);
		readFile(file).then(
			(body) => {
				if (fromMemory) cache.set(file, body);
				send(body);
			},
			() => {
				res.writeHead(404);
				res.end();
			},
		);
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	const address = server.address();
	if (!address || typeof address === 'string') throw new Error('The bare server has no port.');
	return { server, origin: `http://127.0.0.1:${address.port}` };
}

const dataDir = mkdtempSync(join(tmpdir(), 'signup-bench-static-'));
const ours = await startServerProcess({ DATA_DIR: dataDir, STATIC_DIR: dist, SITE_URL: 'http://127.0.0.1' });
const disk = await bareServer(false);
const memory = await bareServer(true);
const browser = { 'Accept-Encoding': 'gzip, deflate, br, zstd' };

try {
	console.log(`Static pages — ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} CPUs, Node ${process.version}, ${seconds} s per run, 10 connections\n`);
	const run = (origin: string, path: string, headers: Record<string, string> = {}) => autocannon({ url: origin + path, connections: 10, duration: seconds, headers });
	const row = (name: string, result: Result, base?: Result) =>
		`${name.padEnd(46)} ${result.requests.average.toFixed(0).padStart(7)} ${String(result.latency.p99).padStart(7)} ${(base ? `${(result.requests.average / base.requests.average).toFixed(2)}×` : '').padStart(7)} ${String(result.non2xx + result.errors).padStart(7)}`;
	for (const path of pages) {
		const etag = (await fetch(ours.url + path, { headers: browser })).headers.get('etag') ?? '';
		const wire = async (headers: Record<string, string>) => {
			const answer = await fetch(ours.url + path, { headers });
			return { encoding: answer.headers.get('content-encoding') ?? 'none', bytes: Number(answer.headers.get('content-length')) };
		};
		const br = await wire(browser);
		const raw = readFileSync(join(dist, path, 'index.html')).length;
		console.log(`${path}: ${(raw / 1024).toFixed(1)} KB as built, ${(br.bytes / 1024).toFixed(1)} KB on the wire (${br.encoding})`);
		console.log(`${'server'.padEnd(46)} ${'req/s'.padStart(7)} ${'p99 ms'.padStart(7)} ${'ratio'.padStart(7)} ${'failed'.padStart(7)}`);
		const bareDisk = await run(disk.origin, path);
		const bareMemory = await run(memory.origin, path);
		const plain = await run(ours.url, path);
		const compressed = await run(ours.url, path, browser);
		// A 304 is not a 2xx: autocannon counts it in non2xx, so its "failed" column shows the 304s.
		const revalidated = await run(ours.url, path, { ...browser, 'If-None-Match': etag });
		console.log(row('bare Node, reading the file each time', bareDisk));
		console.log(row('bare Node, from memory', bareMemory, bareDisk));
		console.log(row('ours, uncompressed', plain, bareDisk));
		console.log(row('ours, brotli (as a browser asks)', compressed, bareDisk));
		console.log(row('ours, revalidation answered 304 (all "failed")', revalidated, bareDisk));
		console.log(`ratio to the bare server from memory: ${(compressed.requests.average / bareMemory.requests.average).toFixed(2)}× (brotli)\n`);
	}
} finally {
	disk.server.close();
	memory.server.close();
	ours.child.kill('SIGTERM');
	await ours.exited;
	rmSync(dataDir, { recursive: true, force: true });
}
