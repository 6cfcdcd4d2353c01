import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { AstroIntegration } from 'astro';

/**
 * Lets one `astro build` at a time run in a checkout. Astro keeps what a build generates about the
 * content (`.astro/content-modules.mjs` and the rest of `.astro/`) at a fixed place in the project,
 * so two builds at once (two providers, say) overwrite each other's files and fail. A second build
 * waits, saying so, until the first is done; a lock left by a build that died is taken over.
 */
export function buildLock(): AstroIntegration {
	let release: (() => void) | null = null;
	return {
		name: 'build-lock',
		hooks: {
			'astro:config:setup': async ({ command, config, logger }) => {
				if (command !== 'build') return;
				release = await acquireBuildLock(join(fileURLToPath(config.root), '.astro'), (holder) =>
					logger.info(`another build of this checkout is running (process ${holder}); waiting for it to finish`),
				);
			},
			'astro:build:done': () => {
				release?.();
				release = null;
			},
		},
	};
}

/**
 * Takes the build lock in `folder` (a `build.lock` directory, created atomically), waiting while a
 * living process holds it. Resolves with the function that releases it; it is also released when
 * this process exits.
 */
export async function acquireBuildLock(folder: string, onWait: (holder: number) => void = () => undefined, pollMs = 250): Promise<() => void> {
	const lock = join(folder, 'build.lock');
	const owner = join(lock, 'pid');
	mkdirSync(folder, { recursive: true });
	let told = false;
	for (;;) {
		try {
			mkdirSync(lock);
			writeFileSync(owner, String(process.pid));
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const holder = Number.parseInt(readIfThere(owner), 10);
			// A dead holder left the lock behind; no pid for long, one died between its two calls above.
			if (Number.isInteger(holder) ? !isAlive(holder) : ageMs(lock) > 10_000) {
				rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (!told && Number.isInteger(holder)) {
				onWait(holder);
				told = true;
			}
			await new Promise((resolve) => setTimeout(resolve, pollMs));
		}
	}
	const release = () => {
		if (readIfThere(owner) === String(process.pid)) rmSync(lock, { recursive: true, force: true });
		process.off('exit', release);
	};
	process.on('exit', release);
	return release;
}

function readIfThere(file: string): string {
	try {
		return readFileSync(file, 'utf8');
	} catch {
		return '';
	}
}

function ageMs(path: string): number {
	try {
		return Date.now() - statSync(path).mtimeMs;
	} catch {
		return 0;
	}
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}
