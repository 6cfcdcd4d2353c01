/**
 * `npm run build:providers`: builds the help center of every provider profile into `dist/<id>/`,
 * one after the other (each build is a full Astro build). `npm run build:providers -- geotrack rimal`
 * builds only those. `PROVIDERS_OUT=folder` writes `folder/<id>/` instead, anywhere on the machine.
 *
 * Astro runs the pages' code from inside the output folder while it builds them, and that code finds
 * its packages in the project's `node_modules/`; so a build meant for a folder outside the project is
 * made in `node_modules/.cache/provider-builds/<id>/` and then moved there.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { providerIds } from '../src/providers/load.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const wanted = process.argv.slice(2);
const ids = wanted.length ? wanted : providerIds(root);
const out = resolve(root, process.env['PROVIDERS_OUT'] || 'dist');
const inside = (path: string) => {
	const rel = relative(root, path);
	return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

for (const id of ids) {
	const target = join(out, id);
	const buildDir = inside(target) ? target : join(root, 'node_modules', '.cache', 'provider-builds', id);
	console.log(`\n▶ building ${id} into ${target}/`);
	const build = spawnSync('npx', ['--no-install', 'astro', 'build'], {
		cwd: root,
		stdio: 'inherit',
		env: { ...process.env, PROVIDER: id, OUT_DIR: buildDir, ASTRO_TELEMETRY_DISABLED: '1' },
	});
	if (build.status !== 0) {
		console.error(`✗ the build of ${id} failed`);
		process.exit(build.status ?? 1);
	}
	if (buildDir !== target) {
		rmSync(target, { recursive: true, force: true });
		mkdirSync(target, { recursive: true });
		cpSync(buildDir, target, { recursive: true });
		rmSync(buildDir, { recursive: true, force: true });
	}
}
console.log(`\n✓ built ${ids.join(', ')}`);
