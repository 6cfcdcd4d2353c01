import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';

import type { AstroIntegration } from 'astro';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Text files worth compressing. Pagefind's index files are compressed already. */
const compressible = /\.(html|css|js|mjs|json|xml|txt|svg|webmanifest)$/;

/**
 * Writes `file.br` (brotli, best quality) and `file.gz` (gzip -9) beside every text file of the
 * built site, so the server (and any static host that looks for them) sends compressed bytes
 * without compressing on each request. Runs last, after Pagefind and the sitemap wrote theirs.
 */
export function precompress(): AstroIntegration {
	return {
		name: 'precompress',
		hooks: {
			'astro:build:done': async ({ dir, logger }) => {
				const { files, saved } = await precompressFolder(fileURLToPath(dir));
				logger.info(`${files} files precompressed (brotli and gzip), ${(saved / 1024).toFixed(0)} KB saved by brotli`);
			},
		},
	};
}

/** Precompresses every text file under `root`; resolves with the count and the bytes brotli saved. */
export async function precompressFolder(root: string): Promise<{ files: number; saved: number }> {
	const paths = (await readdir(root, { recursive: true })).filter((path) => compressible.test(path));
	let saved = 0;
	let written = 0;
	// A few at a time: brotli at its best quality is CPU-bound, and zlib's thread pool has four threads.
	const queue = [...paths];
	const worker = async () => {
		for (let path = queue.pop(); path !== undefined; path = queue.pop()) {
			const file = join(root, path);
			const raw = await readFile(file);
			if (raw.length < 256) continue;
			const [br, gz] = await Promise.all([
				brotli(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
				gzipAsync(raw, { level: 9 }),
			]);
			await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gz)]);
			saved += raw.length - br.length;
			written += 1;
		}
	};
	await Promise.all([worker(), worker()]);
	return { files: written, saved };
}
