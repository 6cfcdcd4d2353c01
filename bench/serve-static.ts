import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { createGzip } from 'node:zlib';

const types: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript',
	'.mjs': 'text/javascript',
	'.css': 'text/css',
	'.json': 'application/json',
	'.svg': 'image/svg+xml',
	'.wasm': 'application/wasm',
};

/**
 * Serves a built site from `root` on loopback, gzip-compressing text the way a production host
 * would, so the browser reports transfer sizes a visitor would see. Resolves with the server and its
 * origin; `port` 0 picks a free one.
 */
export async function serveStatic(root: string, port = 0): Promise<{ server: Server; origin: string }> {
	const server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		let file = join(root, normalize(decodeURIComponent(url.pathname)));
		if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
		if (!file.startsWith(root) || !existsSync(file)) {
			// The site's own 404 page, as a static host would serve it.
			const notFound = join(root, '404.html');
			res.writeHead(404, { 'content-type': types['.html']! });
			res.end(existsSync(notFound) ? readFileSync(notFound) : '');
			return;
		}
		const type = types[extname(file)] ?? 'application/octet-stream';
		const compress = /text|javascript|json|svg/.test(type) && /gzip/.test(String(req.headers['accept-encoding']));
		res.writeHead(200, { 'content-type': type, ...(compress ? { 'content-encoding': 'gzip' } : {}) });
		const stream = createReadStream(file);
		(compress ? stream.pipe(createGzip({ level: 9 })) : stream).pipe(res);
	});
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	const address = server.address();
	if (!address || typeof address === 'string') throw new Error('The static server has no port.');
	return { server, origin: `http://127.0.0.1:${address.port}` };
}
