/**
 * Test support: the calls of the Navixy-compatible test platform, written from the documented
 * contract in the platform's public API documentation and nothing else. Where the
 * documentation is silent, the choice made here is marked “Assumption:” — the backend must not
 * depend on it, and the README lists the ones that matter.
 *
 * State lives in memory and time comes from the test's clock, so a test can age a panel session
 * or a resend cooldown without sleeping.
 */
import { randomBytes } from 'node:crypto';

import type { Clock } from '../../src/server/clock.ts';
import { adminPanelDocument, documentedTimeZones, errorTable, type ParameterError } from './reference.ts';

/** An error answer: `{success: false, status: {code, description}, ...extra}`. */
export class PlatformFault extends Error {
	override name = 'PlatformFault';
	readonly code: number;
	readonly extra: Record<string, unknown>;
	/**
	 * A 7 that the account's state caused (a password used before), not the request: the reference
	 * could not have told the caller in advance, so it is not kept as a violation.
	 */
	readonly byState: boolean;

	constructor(code: number, extra: Record<string, unknown> = {}, byState = false) {
		super(describeCode(code));
		this.code = code;
		this.extra = extra;
		this.byState = byState;
	}
}

/** The documented description of a code, from the reference's error table (not meant for programs). */
export function describeCode(code: number): string {
	return errorTable.get(code)?.description ?? `Error ${code}`;
}

/** The documented HTTP status of a code, from the reference's error table: 400 where it gives none. */
export function httpStatusOf(code: number): number {
	return errorTable.get(code)?.httpStatus ?? 400;
}

/** A user on the test platform. */
export interface TestPlatformUser {
	id: number;
	login: string;
	password: string;
	activated: boolean;
	verified: boolean;
	/** The `user` object of `panel/user/create` as sent (names, phone, postal fields, legal type). */
	profile?: Record<string, unknown>;
	locale?: string;
	timeZone?: string;
	/** The passwords used before the current one, newest last (the platform refuses the last 10 again). */
	previousPasswords?: string[];
}

/** An email the platform sent: an activation link, or a password-restore link. */
export interface ActivationEmail {
	kind: 'activation' | 'restore';
	to: string;
	/** The hash the link carries: the credential of `user/activate` or `user/password/change`. */
	hash: string;
	locale: string | undefined;
	sentAt: number;
}

/** Who a request's credential says it is. */
export type Credential =
	| { kind: 'none' }
	| { kind: 'panel'; hash: string }
	| { kind: 'user'; hash: string; userId: number }
	/** The hash of an activation link: the session `user/activate` requires. */
	| { kind: 'activation'; hash: string; userId: number }
	/** The hash of a password-restore link: the session `user/password/change` requires. */
	| { kind: 'restore'; hash: string; userId: number }
	/** A hash the platform does not know, or a panel session that ended. */
	| { kind: 'invalid'; hash: string; ended: boolean };

/** What a call needs: no credential, or one kind of session. */
export type CallAccess = 'open' | 'user' | 'panel' | 'activation' | 'restore';

/** A call: its access, the panel permission it needs, and its handler. */
export interface CallDefinition {
	access: CallAccess;
	/** `[category, action]` of `PanelPermissions` a panel call needs (13 without it). */
	permission?: [string, string];
	handle(params: Record<string, unknown>, credential: Credential): Record<string, unknown>;
}

/** The provider's UI settings as `dealer/get_ui_config` returns them (snake_case, as documented). */
export type RawUiSettings = Record<string, unknown>;

/** The dealer's password policy, as `PasswordPolicy` documents it. */
export interface RawPasswordPolicy {
	min_length?: number;
	max_length?: number;
	special_chars?: string;
	min_special_chars_count?: number;
	min_digits_count?: number;
	min_uppercase_count?: number;
	min_lowercase_count?: number;
}

/** How the test platform is set up. */
export interface PlatformStateOptions {
	clock: Clock;
	uiDomain: string;
	panelLogin: string;
	panelPassword: string;
	dealerId?: number;
	/** `settings` of `dealer/get_ui_config`; `null` removes them (code 201). */
	settings?: RawUiSettings | null;
	/**
	 * The dealer's password policy, which `panel/user/create` and `user/password/change` enforce.
	 * Default: the example of the reference's `PasswordPolicy` schema (12–20, one of each kind).
	 * `settings.password_policy`, when a test sets it, is what the dealer publishes, and is enforced too.
	 */
	passwordPolicy?: RawPasswordPolicy;
	/** Panel session lifetime; documented as 24 hours (older pages) or 30 days (newer ones). */
	panelSessionTtlMs?: number;
	/**
	 * Whether `panel/user/create` sends an activation email by itself. Not documented; default
	 * false. (Assumption: when it does, the email starts the resend cooldown like any other.)
	 */
	createSendsActivation?: boolean;
	/** The provider is blocked: `panel/account/auth` answers 11. */
	blocked?: boolean;
	/** The `permissions` of the panel session (`PanelPermissions`). Default: what the help center needs and more. */
	permissions?: Record<string, string[]>;
	/** The zone ids of `timezone/list`. Default: every `zone_id` the documentation gives. */
	timeZones?: readonly string[];
	/** `default_user_time_zone` of the service settings; `null` leaves it out. Default `Europe/London`. */
	defaultUserTimeZone?: string | null;
	/** `value` of `panel/dealer/settings/notification/read`. */
	notificationSettings?: Record<string, unknown>;
}

/** The documented resend cooldown: `timeout: "PT5M"`. */
export const resendCooldownMs = 5 * 60_000;

/** The example policy of the reference's `PasswordPolicy` schema: the dealer's policy unless a test sets one. */
export const referencePasswordPolicy: RawPasswordPolicy = readExamplePolicy();

function readExamplePolicy(): RawPasswordPolicy {
	const schemas = (adminPanelDocument['components'] as Record<string, Record<string, unknown>>)['schemas'] as Record<string, { properties: Record<string, { example?: unknown }> }>;
	const properties = schemas['PasswordPolicy']?.properties ?? {};
	return Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, property.example])) as RawPasswordPolicy;
}

/** The default UI settings of the test provider; no `password_policy`, so the documented one applies. */
export const defaultRawSettings: RawUiSettings = {
	service_title: 'Acme Tracking',
	locale: 'en_US',
	logo: '/static/logo.png',
	favicon: '/favicon.ico',
	login_footer: '© Acme',
	allow_registration: true,
	privacy_policy_link: 'https://acme.test/privacy',
	tos: 'Terms Of Service text',
	color_theme: 'blue',
};

/** The default permissions of the test provider's panel session. */
export const defaultPermissions: Record<string, string[]> = {
	base: ['get_dealer_info'],
	service_settings: ['read', 'update'],
	notification_settings: ['read', 'update'],
	users: ['corrupt', 'create', 'read', 'update'],
};

/** The test platform's memory and its calls. */
export class PlatformState {
	readonly users: TestPlatformUser[] = [];
	readonly emails: ActivationEmail[] = [];
	readonly options: Required<Omit<PlatformStateOptions, 'settings' | 'defaultUserTimeZone'>> & { defaultUserTimeZone: string | null };
	settings: RawUiSettings | null;
	/** Every panel hash handed out, so a test can check that none leaks. */
	readonly issuedPanelHashes: string[] = [];
	private readonly panelSessions = new Map<string, number>();
	private readonly userSessions = new Map<string, number>();
	private readonly activationHashes = new Map<string, number>();
	private readonly restoreHashes = new Map<string, number>();
	private readonly lastActivationAt = new Map<number, number>();
	private nextId = 1;

	constructor(options: PlatformStateOptions) {
		this.options = {
			dealerId: 4242,
			panelSessionTtlMs: 24 * 3600_000,
			createSendsActivation: false,
			blocked: false,
			passwordPolicy: referencePasswordPolicy,
			permissions: defaultPermissions,
			timeZones: documentedTimeZones,
			notificationSettings: { email_from: 'Acme Tracking <no-reply@acme.test>', email_footer: '', sms_originator: 'Acme', caller_id: '' },
			...options,
			defaultUserTimeZone: options.defaultUserTimeZone === undefined ? 'Europe/London' : options.defaultUserTimeZone,
		};
		this.settings = options.settings === undefined ? { ...defaultRawSettings } : options.settings;
	}

	/** Adds a user directly, as the provider would in its panel. */
	addUser(user: Omit<TestPlatformUser, 'id'>): TestPlatformUser {
		const created = { id: this.nextId++, ...user };
		this.users.push(created);
		return created;
	}

	/** Forgets every panel session, as a platform restart would (24 hours passing gives code 4 instead). */
	endPanelSessions(): void {
		this.panelSessions.clear();
	}

	/** What a request's hash is. */
	identify(hash: string | undefined): Credential {
		if (!hash) return { kind: 'none' };
		const panelExpiry = this.panelSessions.get(hash);
		if (panelExpiry !== undefined) {
			if (this.options.clock.now() < panelExpiry) return { kind: 'panel', hash };
			this.panelSessions.delete(hash);
			return { kind: 'invalid', hash, ended: true };
		}
		const userId = this.userSessions.get(hash);
		if (userId !== undefined) return { kind: 'user', hash, userId };
		const activating = this.activationHashes.get(hash);
		if (activating !== undefined) return { kind: 'activation', hash, userId: activating };
		const restoring = this.restoreHashes.get(hash);
		if (restoring !== undefined) return { kind: 'restore', hash, userId: restoring };
		return { kind: 'invalid', hash, ended: false };
	}

	/**
	 * The login page's “forgot password” form (`?partition=password_remind`): no API call documents
	 * it, so only a test starts it. Emails a restore link to a known login.
	 */
	requestPasswordRestore(login: string): ActivationEmail | undefined {
		const user = this.findLogin(login);
		if (!user) return undefined;
		const hash = newHash();
		this.restoreHashes.set(hash, user.id);
		const email: ActivationEmail = { kind: 'restore', to: user.login, hash, locale: user.locale, sentAt: this.options.clock.now() };
		this.emails.push(email);
		return email;
	}

	/** The policy `panel/user/create` and `user/password/change` enforce: the dealer's. */
	passwordPolicy(): RawPasswordPolicy {
		const published = this.settings?.['password_policy'];
		return typeof published === 'object' && published !== null ? (published as RawPasswordPolicy) : this.options.passwordPolicy;
	}

	private findLogin(login: unknown): TestPlatformUser | undefined {
		// Assumption: logins compare exactly (the documentation does not say); the backend copes with either.
		return typeof login === 'string' ? this.users.find((user) => user.login === login) : undefined;
	}

	private sendActivation(user: TestPlatformUser): void {
		const hash = newHash();
		// Assumption: an older activation link stays valid when a newer one is sent, and links do not
		// expire (neither is documented).
		this.activationHashes.set(hash, user.id);
		const now = this.options.clock.now();
		this.lastActivationAt.set(user.id, now);
		this.emails.push({ kind: 'activation', to: user.login, hash, locale: user.locale, sentAt: now });
	}

	private timeZoneList(): Record<string, unknown> {
		return { list: this.options.timeZones.map((zone_id) => ({ zone_id, description: zone_id.split('/').at(-1)?.replace(/_/g, ' ') ?? zone_id, base_offset: 0, dst_offset: 0, country_code: 'ZZ' })) };
	}

	/** The calls, by `resource/action`. */
	readonly calls: Record<string, CallDefinition> = {
		'dealer/get_ui_config': {
			access: 'open',
			handle: (params) => {
				if (params['domain'] !== this.options.uiDomain) throw new PlatformFault(12);
				if (!this.settings) throw new PlatformFault(201);
				return { dealer: { id: this.options.dealerId, ui_domain: this.options.uiDomain }, settings: omitNulls(this.settings) };
			},
		},

		'timezone/list': { access: 'open', handle: () => this.timeZoneList() },
		'panel/timezone/list': { access: 'open', handle: () => this.timeZoneList() },

		'user/auth': {
			access: 'open',
			handle: (params) => {
				const password = params['password'];
				if (typeof params['login'] !== 'string' || typeof password !== 'string' || password.length < 1 || password.length > 40) {
					throw invalidParameters(typeof params['login'] === 'string' ? 'password' : 'login');
				}
				const user = this.findLogin(params['login']);
				if (!user || user.password !== password) throw new PlatformFault(102);
				if (!user.activated) throw new PlatformFault(103);
				const hash = newHash();
				this.userSessions.set(hash, user.id);
				return { type: 'authenticated', hash };
			},
		},

		'user/get_info': {
			access: 'user',
			handle: (_params, credential) => {
				const user = this.users.find((candidate) => credential.kind === 'user' && candidate.id === credential.userId);
				if (!user) throw new PlatformFault(4);
				return { user_info: omitNulls({ id: user.id, login: user.login, verified: user.verified, locale: user.locale }), paas_settings: {} };
			},
		},

		'user/resend_activation': {
			access: 'open',
			handle: (params) => {
				const user = this.findLogin(params['login']);
				if (!user) throw new PlatformFault(201);
				if (user.activated && user.verified) throw new PlatformFault(265);
				const last = this.lastActivationAt.get(user.id);
				const now = this.options.clock.now();
				if (last !== undefined && now - last < resendCooldownMs) {
					throw new PlatformFault(264, { timeout: 'PT5M', remainder: isoDuration(resendCooldownMs - (now - last)) });
				}
				this.sendActivation(user);
				return {};
			},
		},

		'user/activate': {
			// The link's hash is the activation session; the operation takes no parameter.
			access: 'activation',
			handle: (_params, credential) => {
				if (credential.kind !== 'activation') throw new PlatformFault(4);
				this.activationHashes.delete(credential.hash);
				const user = this.users.find((candidate) => candidate.id === credential.userId);
				if (!user) throw new PlatformFault(3);
				// Assumption: following the link both activates and verifies (265 names both).
				user.activated = true;
				user.verified = true;
				return {};
			},
		},

		'user/password/change': {
			// The restore link's hash is the password-change session; the body carries only `password`.
			access: 'restore',
			handle: (params, credential) => {
				if (credential.kind !== 'restore') throw new PlatformFault(4);
				const user = this.users.find((candidate) => candidate.id === credential.userId);
				if (!user) throw new PlatformFault(3);
				const password = String(params['password']);
				checkPolicy(this.passwordPolicy(), password);
				const previous = [...(user.previousPasswords ?? []), user.password].slice(-10);
				if (previous.includes(password)) throw new PlatformFault(7, { errors: [{ parameter: 'password', error: 'matches one of the last 10 passwords' }] }, true);
				this.restoreHashes.delete(credential.hash);
				user.previousPasswords = previous;
				user.password = password;
				// Changing a password ends every other session of the account.
				for (const [hash, userId] of this.userSessions) if (userId === user.id) this.userSessions.delete(hash);
				return {};
			},
		},

		'panel/account/auth': {
			access: 'open',
			handle: (params) => {
				// Documented errors: 11 (blocked) and 12 (not found). Assumption: a wrong password is 12 too.
				if (params['login'] !== this.options.panelLogin || params['password'] !== this.options.panelPassword) throw new PlatformFault(12);
				if (this.options.blocked) throw new PlatformFault(11);
				const hash = newHash();
				this.panelSessions.set(hash, this.options.clock.now() + this.options.panelSessionTtlMs);
				this.issuedPanelHashes.push(hash);
				return { hash, permissions: this.options.permissions };
			},
		},

		'panel/dealer/settings/service/read': {
			access: 'panel',
			permission: ['service_settings', 'read'],
			handle: () => {
				const settings = this.settings ?? {};
				return {
					value: omitNulls({
						service_title: settings['service_title'],
						locale: settings['locale'],
						domain: this.options.uiDomain,
						allow_registration: settings['allow_registration'] === true,
						privacy_policy_link: settings['privacy_policy_link'],
						tos: settings['tos'],
						default_user_time_zone: this.options.defaultUserTimeZone,
					}),
				};
			},
		},

		'panel/dealer/settings/notification/read': {
			access: 'panel',
			permission: ['notification_settings', 'read'],
			handle: () => ({ value: this.options.notificationSettings }),
		},

		'panel/user/create': {
			access: 'panel',
			permission: ['users', 'create'],
			handle: (params) => {
				// The reference's schema has checked the shape; what it says only in words is checked here.
				const user = params['user'] as Record<string, unknown>;
				const login = String(user['login']);
				if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(login)) throw invalidParameters('user.login', 'must be an email address');
				if (!this.options.timeZones.includes(String(params['time_zone']))) throw invalidParameters('time_zone', 'unknown time zone');
				checkPolicy(this.passwordPolicy(), String(params['password']));
				if (this.findLogin(login)) throw new PlatformFault(206);
				const created = this.addUser({
					login,
					password: String(params['password']),
					// Created inactive unless `activated` says otherwise; the edit form has no `verified`.
					activated: user['activated'] === true,
					verified: false,
					profile: { ...user },
					locale: String(params['locale']),
					timeZone: String(params['time_zone']),
				});
				if (this.options.createSendsActivation) this.sendActivation(created);
				return { id: created.id };
			},
		},

		'panel/user/list': {
			access: 'panel',
			permission: ['users', 'read'],
			handle: (params) => {
				const filter = typeof params['filter'] === 'string' ? params['filter'].toLowerCase() : '';
				const limit = typeof params['limit'] === 'number' ? Math.max(0, Math.min(1000, params['limit'])) : 100;
				const offset = typeof params['offset'] === 'number' ? Math.max(0, params['offset']) : 0;
				// Assumption: `filter` is a case-insensitive substring search over the login and first name.
				const matching = this.users.filter(
					(user) => user.login.toLowerCase().includes(filter) || String(user.profile?.['first_name'] ?? '').toLowerCase().includes(filter),
				);
				const list = matching.slice(offset, offset + limit).map((user) => userRecord(user, this.options.dealerId));
				return { list, count: matching.length };
			},
		},
	};
}

/** A user as the read operations return it (`User`): the documented fields the test platform keeps. */
function userRecord(user: TestPlatformUser, dealerId: number): Record<string, unknown> {
	const profile = user.profile ?? {};
	return omitNulls({
		id: user.id,
		login: user.login,
		activated: user.activated,
		verified: user.verified,
		legal_type: profile['legal_type'] ?? 'individual',
		first_name: profile['first_name'],
		middle_name: profile['middle_name'],
		last_name: profile['last_name'],
		dealer_id: dealerId,
	});
}

/** The dealer's password policy, applied as documented (7 naming `password` when it is not met). */
function checkPolicy(policy: RawPasswordPolicy, password: string): void {
	const special = policy.special_chars ?? '';
	const count = (test: (character: string) => boolean) => [...password].filter(test).length;
	const problems: string[] = [];
	if (password.length < (policy.min_length ?? 0)) problems.push(`shorter than ${policy.min_length}`);
	if (policy.max_length !== undefined && password.length > policy.max_length) problems.push(`longer than ${policy.max_length}`);
	if (count((c) => /\p{Ll}/u.test(c)) < (policy.min_lowercase_count ?? 0)) problems.push('too few lowercase letters');
	if (count((c) => /\p{Lu}/u.test(c)) < (policy.min_uppercase_count ?? 0)) problems.push('too few uppercase letters');
	if (count((c) => /\d/.test(c)) < (policy.min_digits_count ?? 0)) problems.push('too few digits');
	if (count((c) => special.includes(c)) < (policy.min_special_chars_count ?? 0)) problems.push(`too few of ${special}`);
	if (problems.length > 0) throw invalidParameters('password', problems.join(', '));
}

/** Code 7 as documented: `errors: [{parameter, error}]`. */
export function invalidParameters(parameter: string, error = 'invalid value'): PlatformFault {
	return invalidParameterList([{ parameter, error }]);
}

/** Code 7 for several parameters at once. */
export function invalidParameterList(errors: ParameterError[]): PlatformFault {
	return new PlatformFault(7, { errors });
}

/** The platform omits null fields. */
function omitNulls(object: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== null && value !== undefined));
}

/** A 32-hex-digit hash, like the platform's. */
function newHash(): string {
	return randomBytes(16).toString('hex');
}

/** An ISO-8601 duration such as `PT3M12S`, as 264's `remainder`. */
export function isoDuration(milliseconds: number): string {
	const total = Math.max(0, Math.ceil(milliseconds / 1000));
	const minutes = Math.floor(total / 60);
	const seconds = total % 60;
	return `PT${minutes ? `${minutes}M` : ''}${seconds || !minutes ? `${seconds}S` : ''}`;
}
