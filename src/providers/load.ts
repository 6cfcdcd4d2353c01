import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { resolveProvider, type ProviderOverrides, type ResolvedProvider } from './resolve.ts';
import { ProviderProfileSchema, type ProviderProfile } from './schema.ts';

/** A provider profile that cannot be used; the message names the file, each field and the fix. */
export class ProviderProfileError extends Error {
	override name = 'ProviderProfileError';
}

/** The folder that holds every provider's profile, relative to the project root. */
export const providersDir = 'src/providers';

/** The ids of every provider with a profile, sorted. */
export function providerIds(root: string): string[] {
	const dir = join(root, providersDir);
	return readdirSync(dir, { withFileTypes: true })
		.filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'profile.ts')))
		.map((entry) => entry.name)
		.sort();
}

/**
 * Validates a profile's data: the schema, then what the schema cannot see (the id matches the
 * folder, the logo files exist). Throws a {@link ProviderProfileError} listing every problem.
 */
export function parseProfile(data: unknown, file: string, folder: string): ProviderProfile {
	const result = ProviderProfileSchema.safeParse(data);
	const problems = result.success
		? []
		: result.error.issues.map((issue) => `  - ${issue.path.length ? issue.path.join('.') : '(profile)'}: ${issue.message}`);
	if (result.success) {
		const profile = result.data;
		const id = folder.split(/[\\/]/).at(-1);
		if (profile.id !== id) problems.push(`  - id: "${profile.id}" differs from the folder name "${id}"; make them equal.`);
		for (const [field, name] of Object.entries({ 'logo.light': profile.logo?.light, 'logo.dark': profile.logo?.dark })) {
			if (name && !existsSync(join(folder, name))) problems.push(`  - ${field}: ${name} is not in ${folder}; add the file or fix the name.`);
		}
	}
	if (problems.length) throw new ProviderProfileError(`${file} is not a valid provider profile:\n${problems.join('\n')}`);
	return (result as { data: ProviderProfile }).data;
}

/** Loads and validates `src/providers/<id>/profile.ts`. */
export async function loadProvider(root: string, id: string): Promise<ProviderProfile> {
	const folder = join(root, providersDir, id);
	const file = join(providersDir, id, 'profile.ts');
	if (!/^[a-z][a-z0-9-]*$/.test(id) || !existsSync(join(root, file))) {
		throw new ProviderProfileError(`Unknown provider "${id}": there is no ${file}. Known providers: ${providerIds(root).join(', ')}.`);
	}
	const module = (await import(/* @vite-ignore */ pathToFileURL(join(root, file)).href)) as { default?: unknown };
	return parseProfile(module.default, file, folder);
}

/** Loads, validates and resolves a provider: the one object the build and the server use. */
export async function loadResolvedProvider(root: string, id: string, overrides: ProviderOverrides = {}): Promise<ResolvedProvider> {
	return resolveProvider(await loadProvider(root, id), overrides);
}
