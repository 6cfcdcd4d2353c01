/**
 * `npm run build:providers`: builds the help center of every provider profile into `dist/<id>/`,
 * one after the other (each build is a full Astro build). `npm run build:providers -- geotrack rimal`
 * builds only those. `PROVIDERS_OUT=folder` writes `folder/<id>/` instead.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { providerIds } from '../src/providers/load.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const wanted = process.argv.slice(2);
const ids = wanted.length ? wanted : providerIds(root);
const out = process.env['PROVIDERS_OUT'] || 'dist';

for (const id of ids) {
	console.log(`\n▶ building ${id} into ${out}/${id}/`);
	const build = spawnSync('npx', ['--no-install', 'astro', 'build'], {
		cwd: root,
		stdio: 'inherit',
		env: { ...process.env, PROVIDER: id, OUT_DIR: `${out}/${id}`, ASTRO_TELEMETRY_DISABLED: '1' },
	});
	if (build.status !== 0) {
		console.error(`✗ the build of ${id} failed`);
		process.exit(build.status ?? 1);
	}
}
console.log(`\n✓ built ${ids.join(', ')}`);
