/**
 * `npm run provider:new`: writes a provider's profile, `src/providers/<id>/profile.ts`, in the
 * format of the examples, validated with the profile schema before anything is written.
 *
 *   npm run provider:new -- --navixy-api https://api.eu.navixy.com/v2 --domain track.acme.com \
 *     --support-email help@acme.com --site-url https://help.acme.com/
 *
 * With `--navixy-api` and `--domain`, what the platform publishes for the domain
 * (`dealer/get_ui_config`) fills the profile: the service title as the name, self-registration,
 * the password policy, the privacy link, a terms link when `tos` is one, the logo (downloaded into
 * the folder) and the login page `https://<domain>/login/`. What the platform does not publish —
 * a support channel, where the help center is published — comes from flags, or is asked for when
 * the command runs in a terminal. Without a platform, the flags (or the questions) give everything.
 *
 *   npm run provider:new -- --traccar https://track.acme.com --support-email help@acme.com \
 *     --site-url https://help.acme.com/
 *
 * With `--traccar`, the Traccar server's own settings (`GET /api/server`, no credentials needed)
 * fill it: the `title` attribute as the name, the logo, the terms and privacy links, the server as
 * the login page, and `backend: 'traccar'` (its primary colour is printed: one colour cannot serve
 * both themes). A server with no users yet (`newServer`) is refused, as the backend refuses it.
 *
 * Nothing is half-written: the folder is assembled aside and moved into place only when the
 * profile is valid; a platform that is down or does not know the domain (code 12) leaves nothing.
 * Flags: --id, --name, --domain, --navixy-api, --traccar, --login-url, --support-email, --support-phone,
 * --support-url, --site-url, --sender, --locales (comma-separated), --default-locale,
 * --providers-dir (default src/providers), --force (replace an existing folder).
 */
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

import { platformClient } from '../src/server/backends/navixy/platform-client.ts';
import { PlatformError, PlatformUnavailableError } from '../src/server/backends/navixy/platform-errors.ts';
import { parseUiConfig } from '../src/server/backends/navixy/ui-settings.ts';
import { PlatformError as AccountPlatformError } from '../src/server/backends/account-platform.ts';
import { traccarClient } from '../src/server/backends/traccar/traccar-client.ts';
import { systemClock } from '../src/server/clock.ts';
import { parseProfile, ProviderProfileError } from '../src/providers/load.ts';
import { ProviderProfileSchema, type ProviderProfileInput } from '../src/providers/schema.ts';

/** A mistake the command explains; nothing was written. */
class ProviderNewError extends Error {
	override name = 'ProviderNewError';
}

const root = fileURLToPath(new URL('..', import.meta.url));

const { values } = parseArgs({
	options: {
		id: { type: 'string' },
		name: { type: 'string' },
		domain: { type: 'string' },
		'navixy-api': { type: 'string' },
		traccar: { type: 'string' },
		'login-url': { type: 'string' },
		'support-email': { type: 'string' },
		'support-phone': { type: 'string' },
		'support-url': { type: 'string' },
		'site-url': { type: 'string' },
		sender: { type: 'string' },
		locales: { type: 'string' },
		'default-locale': { type: 'string' },
		'providers-dir': { type: 'string' },
		force: { type: 'boolean', default: false },
	},
	strict: true,
});

/** What the platform published for the domain. */
interface FromPlatform {
	name: string | null;
	selfRegistration: boolean;
	passwordPolicy: ProviderProfileInput['passwordPolicy'];
	privacyUrl: string | null;
	termsUrl: string | null;
	logoUrl: string | null;
}

async function readPlatform(apiUrl: string, domain: string): Promise<FromPlatform> {
	const client = platformClient({ apiUrl: apiUrl.replace(/\/+$/, ''), timeoutMs: 5000, clock: systemClock });
	try {
		const answer = await client.call('dealer/get_ui_config', { domain }, undefined, { retry: true });
		const ui = parseUiConfig(answer, domain);
		const raw = (answer['settings'] as Record<string, unknown>)['password_policy'];
		return {
			name: ui.serviceTitle,
			selfRegistration: ui.allowRegistration,
			// The platform's own policy when it publishes one; the documented one otherwise.
			passwordPolicy: raw === undefined ? 'navixy' : { ...ui.passwordPolicy },
			privacyUrl: ui.privacyPolicyUrl,
			termsUrl: ui.termsUrl,
			logoUrl: ui.logoUrl,
		};
	} catch (error) {
		if (error instanceof PlatformError && error.code === 12) {
			throw new ProviderNewError(`The platform at ${apiUrl} knows no provider for the domain ${domain} (code 12): check --domain (the domain of your monitoring interface, like track.acme.com).`);
		}
		if (error instanceof PlatformError && error.code === 201) throw new ProviderNewError(`The platform at ${apiUrl} has no UI settings for ${domain} (code 201).`);
		if (error instanceof PlatformError) throw new ProviderNewError(`dealer/get_ui_config answered code ${error.code}: try again later, or leave out --navixy-api and give the details as flags.`);
		if (error instanceof PlatformUnavailableError) {
			throw new ProviderNewError(`Could not read the platform at ${apiUrl} (${error.message}): check --navixy-api (like https://api.eu.navixy.com/v2), or leave it out and give the details as flags.`);
		}
		throw error;
	}
}

/** What a Traccar server publishes (`GET /api/server`, anonymous), as far as a profile can use it. */
interface FromTraccar {
	name: string | null;
	logoUrl: string | null;
	colorPrimary: string | null;
	termsUrl: string | null;
	privacyUrl: string | null;
	loginUrl: string;
}

async function readTraccar(url: string): Promise<FromTraccar> {
	const base = url.replace(/\/+$/, '').replace(/\/api$/, '');
	let server;
	try {
		server = await traccarClient({ url: base, token: '', timeoutMs: 5000 }).server();
	} catch (error) {
		if (!(error instanceof AccountPlatformError)) throw error;
		throw new ProviderNewError(`Could not read the Traccar server at ${base} (${error.message}): check --traccar (like https://track.acme.com), or leave it out and give the details as flags.`);
	}
	if (server.newServer === true) {
		throw new ProviderNewError(`The Traccar server at ${base} has no users yet: its first registered user would become administrator. Set it up first (an administrator, then a manager for the help center). Nothing was written.`);
	}
	if (server.registration === true) console.warn('Traccar’s own registration is on: turn it off so that readers register through the help center (with its email check).');
	const attributes = server.attributes ?? {};
	const text = (key: string) => (typeof attributes[key] === 'string' && attributes[key] !== '' ? (attributes[key] as string) : null);
	const link = (key: string) => {
		const value = text(key);
		return value && /^https?:\/\//.test(value) ? value : null;
	};
	const logo = text('logo');
	return {
		name: text('title'),
		logoUrl: logo ? new URL(logo, `${base}/`).href : null,
		colorPrimary: /^#[0-9a-fA-F]{6}$/.test(text('colorPrimary') ?? '') ? text('colorPrimary') : null,
		termsUrl: link('termsUrl'),
		privacyUrl: link('privacyUrl'),
		loginUrl: `${base}/`,
	};
}

/** Downloads the logo; `null` (with a note) when it cannot be had as svg, png or webp. */
async function downloadLogo(url: string): Promise<{ file: string; bytes: Buffer } | null> {
	const types: Record<string, string> = { 'image/svg+xml': 'svg', 'image/png': 'png', 'image/webp': 'webp' };
	try {
		const response = await fetch(url, { signal: AbortSignal.timeout(10_000), redirect: 'follow' });
		const type = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
		const extension = types[type] ?? /\.(svg|png|webp)(?:$|\?)/i.exec(new URL(url).pathname)?.[1]?.toLowerCase();
		const bytes = Buffer.from(await response.arrayBuffer());
		if (!response.ok || !extension || bytes.length === 0 || bytes.length > 2 * 1024 * 1024) {
			console.warn(`The logo at ${url} was not used (HTTP ${response.status}, ${type || 'no type'}, ${bytes.length} bytes; an svg, png or webp of at most 2 MiB is needed): add one to the folder and name it in logo.`);
			return null;
		}
		return { file: `logo.${extension}`, bytes };
	} catch (error) {
		console.warn(`The logo at ${url} could not be downloaded (${error instanceof Error ? error.message : String(error)}): add one to the folder and name it in logo.`);
		return null;
	}
}

/** Asks in a terminal; `undefined` when not in one (the flag is then required). */
async function ask(question: string): Promise<string | undefined> {
	if (!process.stdin.isTTY) return undefined;
	const readline = createInterface({ input: process.stdin, output: process.stderr });
	try {
		const answer = (await readline.question(`${question}: `)).trim();
		return answer === '' ? undefined : answer;
	} finally {
		readline.close();
	}
}

/** An id from the domain: `track.acme.com` → `acme`. */
function idFromDomain(domain: string): string {
	const labels = domain.toLowerCase().split('.').filter(Boolean);
	const name = labels.length >= 2 ? labels[labels.length - 2] : labels[0];
	return (name ?? '').replace(/[^a-z0-9-]/g, '-').replace(/^[^a-z]+/, '');
}

/** The profile as TypeScript in the examples' style: unquoted keys, single-quoted strings, tabs. */
function toTypeScript(value: unknown, indent = ''): string {
	if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (value === null) return 'null';
	if (Array.isArray(value)) return `[${value.map((item) => toTypeScript(item, indent)).join(', ')}]`;
	const inner = `${indent}\t`;
	const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
	const key = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : toTypeScript(name));
	return `{\n${entries.map(([name, item]) => `${inner}${key(name)}: ${toTypeScript(item, inner)},`).join('\n')}\n${indent}}`;
}

async function main(): Promise<void> {
	const domain = values.domain?.trim().toLowerCase();
	const apiUrl = values['navixy-api']?.trim();
	if (apiUrl && !domain) throw new ProviderNewError('--navixy-api needs --domain, the domain of the monitoring interface (like track.acme.com).');
	const platform = apiUrl && domain ? await readPlatform(apiUrl, domain) : null;
	if (apiUrl && values.traccar) throw new ProviderNewError('--navixy-api and --traccar name two platforms: give one.');
	const traccar = values.traccar ? await readTraccar(values.traccar.trim()) : null;

	const fromHost = domain ?? (traccar ? new URL(traccar.loginUrl).hostname : undefined);
	const id = values.id ?? ((fromHost && idFromDomain(fromHost)) || (await ask('Provider id (lowercase letters, digits, hyphens)')));
	const name = values.name ?? platform?.name ?? traccar?.name ?? (await ask('Brand name (leave empty for a neutral help center)'));
	const loginUrl = values['login-url'] ?? (domain ? `https://${domain}/login/` : (traccar?.loginUrl ?? (await ask('Login page URL'))));
	const support = {
		email: values['support-email'],
		phone: values['support-phone'],
		url: values['support-url'],
	};
	if (!support.email && !support.phone && !support.url) support.email = await ask('Support email address');
	const siteUrl = values['site-url'] ?? (await ask('Where the help center is published (like https://help.acme.com/)'));
	const missing = [!id && '--id', !loginUrl && '--login-url', !(support.email || support.phone || support.url) && 'one of --support-email, --support-phone, --support-url', !siteUrl && '--site-url'].filter(Boolean);
	if (missing.length > 0) throw new ProviderNewError(`Missing ${missing.join(', ')}: the platform does not publish ${missing.length > 1 ? 'them' : 'it'}. Nothing was written.`);

	const providersDir = resolve(root, values['providers-dir'] ?? 'src/providers');
	const target = join(providersDir, id as string);
	if (existsSync(target) && !values.force) throw new ProviderNewError(`${target} exists already: choose another --id, or add --force to replace it. Nothing was written.`);

	const logoUrl = platform?.logoUrl ?? traccar?.logoUrl;
	const logo = logoUrl ? await downloadLogo(logoUrl) : null;
	const profile: ProviderProfileInput = {
		id: id as string,
		...(name ? { name } : {}),
		...(logo ? { logo: { light: logo.file } } : {}),
		backend: platform ? 'navixy' : traccar ? 'traccar' : 'local',
		loginUrl: loginUrl as string,
		support: Object.fromEntries(Object.entries(support).filter(([, value]) => value)) as ProviderProfileInput['support'],
		...(values.sender ? { senderAddress: values.sender } : {}),
		...(platform ? { selfRegistration: platform.selfRegistration, passwordPolicy: platform.passwordPolicy } : {}),
		...(values.locales ? { locales: values.locales.split(',').map((tag) => tag.trim()) as ProviderProfileInput['locales'] } : {}),
		...(values['default-locale'] ? { defaultLocale: values['default-locale'] as ProviderProfileInput['defaultLocale'] } : {}),
		...(platform?.termsUrl ? { termsUrl: platform.termsUrl } : {}),
		...(platform?.privacyUrl ? { privacyUrl: platform.privacyUrl } : {}),
		...(traccar?.termsUrl ? { termsUrl: traccar.termsUrl } : {}),
		...(traccar?.privacyUrl ? { privacyUrl: traccar.privacyUrl } : {}),
		siteUrl: siteUrl as string,
	};
	// One colour cannot serve both themes with the contrast the schema checks: said, not guessed.
	if (traccar?.colorPrimary) {
		console.warn(`Traccar's primary colour is ${traccar.colorPrimary}: add colors (a light and a dark accent) to the profile; the build checks their contrast.`);
	}
	const checked = ProviderProfileSchema.safeParse(profile);
	if (!checked.success) {
		const problems = checked.error.issues.map((issue) => `  - ${issue.path.join('.') || '(profile)'}: ${issue.message}`);
		throw new ProviderNewError(`The profile would not be valid:\n${problems.join('\n')}\nNothing was written.`);
	}

	const source = platform
		? `from the Navixy platform's settings for ${domain}\n * (dealer/get_ui_config at ${apiUrl}), with the support channels and the site address given`
		: traccar
			? `from the Traccar server's settings\n * (GET ${traccar.loginUrl}api/server), with the support channels and the site address given`
			: 'from the details given';
	const policyNote = platform && profile.passwordPolicy === 'navixy' ? '\n * The platform publishes no password policy for the domain: the documented one applies (navixy).' : '';
	const text = `import type { ProviderProfileInput } from '../schema.ts';

/**
 * ${name ?? 'A neutral help center'}: written by \`npm run provider:new\` ${source}.${policyNote}
 */
export default ${toTypeScript(profile)} satisfies ProviderProfileInput;
`;

	// Assembled aside, validated as the build would, then moved into place in one step.
	mkdirSync(providersDir, { recursive: true });
	const staging = mkdtempSync(join(providersDir, `.new-${id}-`));
	try {
		const folder = join(staging, id as string);
		mkdirSync(folder);
		writeFileSync(join(folder, 'profile.ts'), text);
		if (logo) writeFileSync(join(folder, logo.file), logo.bytes);
		parseProfile(profile, join('src/providers', id as string, 'profile.ts'), folder);
		if (existsSync(target)) rmSync(target, { recursive: true });
		renameSync(folder, target);
	} finally {
		rmSync(staging, { recursive: true, force: true });
	}
	console.log(`Wrote ${join(target, 'profile.ts')}${logo ? ` and ${logo.file}` : ''}. Build it with: node scripts/build-providers.ts ${id}`);
}

try {
	await main();
} catch (error) {
	if (!(error instanceof ProviderNewError || error instanceof ProviderProfileError)) throw error;
	console.error(error.message);
	process.exit(1);
}
