/**
 * Traccar as the {@link AccountPlatform} of the built-in backend: the help center confirms, Traccar
 * holds the account. Users are created **disabled** with the provider's service token (an anonymous
 * `POST /api/users` cannot set `disabled`: `PermissionsService.checkUserUpdate` wants a manager),
 * enabled on confirmation, and every change is a read of the whole user and a `PUT` of it back
 * (Traccar's `PUT /api/users/{id}` replaces the user: a partial body would reset the other fields).
 */
import { PlatformError, type AccountPlatform, type PlatformSettings, type PlatformStartupReport } from '../account-platform.ts';
import type { HealthCheck } from '../types.ts';
import type { TraccarConfig } from './config.ts';
import { traccarClient, type TraccarClient, type TraccarUser } from './traccar-client.ts';

/** The Traccar platform, with what its start-up check and its calls learned. */
export interface TraccarPlatform extends AccountPlatform {
	readonly client: TraccarClient;
	startupCheck(): Promise<PlatformStartupReport>;
}

/** A display name for a new user: Traccar's `name` may not be empty; the reader can change it there. */
function nameFor(email: string): string {
	return (email.split('@')[0] ?? email).slice(0, 128) || email;
}

function idOf(userId: string): number {
	const id = Number(userId);
	if (!Number.isSafeInteger(id) || id <= 0) throw new PlatformError('missing', `not a Traccar user id: ${JSON.stringify(userId)}`);
	return id;
}

/** The {@link TraccarPlatform} for a configuration; `log` hears what the provider must fix. */
export function traccarPlatform(config: TraccarConfig, log: (line: string) => void = (line) => console.error(line)): TraccarPlatform {
	// The health check's memory: the latest authenticated call's verdict on the token's rights.
	let credentials: { refused: boolean; why: string } = { refused: false, why: 'ok' };
	const client = traccarClient(config, (refused, why) => {
		if (refused && !credentials.refused) log(`traccar: ${why}`);
		credentials = { refused, why };
	});

	async function readUser(userId: string): Promise<TraccarUser> {
		const user = await client.user(idOf(userId));
		if (!user) throw new PlatformError('missing', `Traccar user ${userId} is gone`);
		return user;
	}

	async function write(user: TraccarUser & { password?: string }): Promise<void> {
		if (!(await client.updateUser(user))) throw new PlatformError('missing', `Traccar user ${user.id} is gone`);
	}

	return {
		name: 'traccar',
		client,

		async createInactiveUser({ email, password }) {
			// Idempotent per address: a user left by an attempt whose answer was lost is found first.
			const [existing] = await client.usersWithEmail(email);
			if (existing) {
				if (!existing.disabled) return { userId: String(existing.id), active: true };
				await write({ ...existing, password });
				return { userId: String(existing.id), active: false };
			}
			const made = await client.createUser({
				name: nameFor(email),
				email,
				password,
				disabled: true,
				// Users made by a manager get no devices (Traccar's rule); only an administrator's token may give more.
				...(config.deviceLimit === null ? {} : { deviceLimit: config.deviceLimit }),
			});
			if (made !== 'duplicate') return { userId: String(made.id), active: false };
			// Taken meanwhile, or by a user this token may not see (made by someone else).
			const [found] = await client.usersWithEmail(email);
			if (!found) return { userId: null, active: true };
			if (!found.disabled) return { userId: String(found.id), active: true };
			await write({ ...found, password });
			return { userId: String(found.id), active: false };
		},

		async setPassword(userId, password, options = {}) {
			const user = await readUser(userId);
			if (options.onlyInactive && !user.disabled) return 'active';
			await write({ ...user, password });
			return 'set';
		},

		async activate(userId) {
			const user = await readUser(userId);
			if (user.disabled) await write({ ...user, disabled: false });
		},

		async userState(userId) {
			const user = await client.user(idOf(userId));
			if (!user) return 'missing';
			return user.disabled ? 'inactive' : 'active';
		},

		async settings(): Promise<PlatformSettings> {
			const server = await client.server();
			const attributes = server.attributes ?? {};
			const text = (key: string) => (typeof attributes[key] === 'string' && attributes[key] ? (attributes[key] as string) : undefined);
			const settings: PlatformSettings = { openRegistration: server.registration === true };
			for (const key of ['title', 'logo', 'logoInverted', 'colorPrimary', 'termsUrl', 'privacyUrl'] as const) {
				const value = text(key);
				if (value !== undefined) settings[key] = value;
			}
			return settings;
		},

		health(): HealthCheck[] {
			return [{ name: 'traccar_token', status: credentials.refused ? 'degraded' : 'ok' }];
		},

		async startupCheck() {
			const lines: string[] = [];
			let fatal = false;
			const fail = (line: string) => {
				fatal = true;
				lines.push(`✗ ${line}`);
			};
			try {
				const server = await client.server();
				if (server.newServer === true) {
					fail(
						`The Traccar server at ${config.url} has no users yet: its first registered user becomes its administrator. ` +
							'Create the administrator on Traccar first, then a manager for the help center, and give the help center its token.',
					);
				} else lines.push(`✓ Traccar ${server.version ?? ''} at ${config.url}`.replace('  ', ' '));
				if (server.registration === true) {
					lines.push(
						'! Traccar’s own registration is on: readers can register on Traccar directly, with no email check and no password policy. ' +
							'Turn it off in Traccar’s server settings so that accounts are made through the help center.',
					);
				}
				const user = await client.tokenUser();
				if (!user) fail('Traccar refuses TRACCAR_TOKEN (unknown, revoked or expired, or its user is disabled): issue a new token.');
				else if (!user.administrator && (user.userLimit ?? 0) === 0) {
					fail('TRACCAR_TOKEN belongs to an ordinary Traccar user: a manager’s (user limit not 0) or an administrator’s token is needed to create disabled users.');
				} else {
					lines.push(`✓ TRACCAR_TOKEN is a${user.administrator ? 'n administrator' : ' manager'}’s`);
					if (!user.administrator && config.deviceLimit !== null && config.deviceLimit !== 0) {
						fail(`TRACCAR_DEVICE_LIMIT=${config.deviceLimit} needs an administrator’s token: Traccar lets a manager create users only with a device limit of 0.`);
					}
					if (!user.administrator && config.deviceLimit === null) {
						lines.push('! Users made with a manager’s token get no devices (device limit 0): readers cannot add their own trackers.');
					}
				}
			} catch (error) {
				const message = error instanceof Error ? error.message : String(error);
				// Misconfigured is fatal; an unreachable server is the provider's to fix too, but may be passing.
				if (error instanceof PlatformError && error.failure === 'misconfigured') fail(message);
				else lines.push(`! The Traccar server at ${config.url} cannot be reached now (${message}); registrations answer 503 until it can.`);
			}
			return { text: `Traccar check:\n  ${lines.join('\n  ')}`, fatal };
		},
	};
}
