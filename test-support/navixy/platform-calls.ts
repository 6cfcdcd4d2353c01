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

/** An error answer: `{success: false, status: {code, description}, ...extra}`. */
export class PlatformFault extends Error {
	override name = 'PlatformFault';
	readonly code: number;
	readonly extra: Record<string, unknown>;

	constructor(code: number, extra: Record<string, unknown> = {}) {
		super(describeCode(code));
		this.code = code;
		this.extra = extra;
	}
}

/** The documented descriptions (not meant for programs; the backend must never show them). */
const descriptions: Record<number, string> = {
	1: 'Database error',
	3: 'Wrong hash',
	4: 'User or API key not found or session ended',
	5: 'Wrong request format',
	6: 'Unexpected error',
	7: 'Invalid parameters',
	8: 'Queue error',
	11: 'Access denied (dealer blocked)',
	12: 'Dealer not found',
	13: 'Operation not permitted',
	14: 'Database unavailable',
	15: 'Too many requests (rate limit exceeded)',
	102: 'Wrong login or password',
	103: 'User not activated',
	201: 'Not found in the database',
	206: 'Login already in use',
	209: 'Failed sending email',
	264: 'Timeout not reached',
	265: 'Already activated and verified',
};

/** The documented description of a code. */
export function describeCode(code: number): string {
	return descriptions[code] ?? `Error ${code}`;
}

/**
 * HTTP status per code, as documented: 400 by default; 500 for 1 and 6; 403 for 13, 264 and 265;
 * 429 for 15; 503 for 8 and 14.
 */
export function httpStatusOf(code: number): number {
	const statuses: Record<number, number> = { 1: 500, 6: 500, 8: 503, 13: 403, 14: 503, 15: 429, 264: 403, 265: 403 };
	return statuses[code] ?? 400;
}

/** A user on the test platform. */
export interface TestPlatformUser {
	id: number;
	login: string;
	password: string;
	activated: boolean;
	verified: boolean;
	firstName?: string;
	legalType?: string;
	locale?: string;
	timeZone?: string;
}

/** An activation email the platform sent. */
export interface ActivationEmail {
	to: string;
	/** The hash `user/activate` takes (the one in the email's link). */
	hash: string;
	locale: string | undefined;
	sentAt: number;
}

/** Who a request's credential says it is. */
export type Credential =
	| { kind: 'none' }
	| { kind: 'panel'; hash: string }
	| { kind: 'user'; hash: string; userId: number }
	/** A hash the platform does not know, or a panel session that ended. */
	| { kind: 'invalid'; hash: string; ended: boolean };

/** What a call needs: no credential, a user session or a panel session. */
export type CallAccess = 'open' | 'user' | 'panel';

/** A call: its access and its handler. */
export interface CallDefinition {
	access: CallAccess;
	handle(params: Record<string, unknown>, credential: Credential): Record<string, unknown>;
}

/** The provider's UI settings as `dealer/get_ui_config` returns them (snake_case, as documented). */
export type RawUiSettings = Record<string, unknown>;

/** How the test platform is set up. */
export interface PlatformStateOptions {
	clock: Clock;
	uiDomain: string;
	panelLogin: string;
	panelPassword: string;
	dealerId?: number;
	/** `settings` of `dealer/get_ui_config`; `null` removes them (code 201). */
	settings?: RawUiSettings | null;
	/** Panel session lifetime; documented as 24 hours. */
	panelSessionTtlMs?: number;
	/**
	 * Whether `panel/user/create` sends an activation email by itself. Not documented; default
	 * false. (Assumption: when it does, the email starts the resend cooldown like any other.)
	 */
	createSendsActivation?: boolean;
	/** The provider is blocked: `panel/account/auth` answers 11. */
	blocked?: boolean;
}

/** The documented resend cooldown: `timeout: "PT5M"`. */
export const resendCooldownMs = 5 * 60_000;

/** The default UI settings of the test provider; no `password_policy`, so the documented one applies. */
export const defaultRawSettings: RawUiSettings = {
	service_title: 'Acme Tracking',
	locale: 'en_US',
	logo: '/static/logo.png',
	favicon: '/favicon.ico',
	login_footer: '© Acme',
	allow_registration: true,
	privacy_policy_link: 'https://acme.test/privacy',
	tos: 'https://acme.test/terms',
	color_theme: 'blue',
};

/** The test platform's memory and its calls. */
export class PlatformState {
	readonly users: TestPlatformUser[] = [];
	readonly emails: ActivationEmail[] = [];
	readonly options: Required<Omit<PlatformStateOptions, 'settings'>>;
	settings: RawUiSettings | null;
	/** Every panel hash handed out, so a test can check that none leaks. */
	readonly issuedPanelHashes: string[] = [];
	private readonly panelSessions = new Map<string, number>();
	private readonly userSessions = new Map<string, number>();
	private readonly activationHashes = new Map<string, number>();
	private readonly lastActivationAt = new Map<number, number>();
	private nextId = 1;

	constructor(options: PlatformStateOptions) {
		this.options = {
			dealerId: 4242,
			panelSessionTtlMs: 24 * 3600_000,
			createSendsActivation: false,
			blocked: false,
			...options,
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
		return { kind: 'invalid', hash, ended: false };
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
		this.emails.push({ to: user.login, hash, locale: user.locale, sentAt: now });
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
				if (typeof params['login'] !== 'string') throw invalidParameters('login');
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
			access: 'open',
			handle: (params) => {
				const hash = params['hash'];
				if (typeof hash !== 'string' || hash === '') throw invalidParameters('hash');
				const userId = this.activationHashes.get(hash);
				if (userId === undefined) {
					// A session hash is the wrong kind (documented: 4); anything else is a wrong hash (3).
					throw new PlatformFault(this.identify(hash).kind === 'invalid' ? 3 : 4);
				}
				this.activationHashes.delete(hash);
				const user = this.users.find((candidate) => candidate.id === userId);
				if (!user) throw new PlatformFault(3);
				// Assumption: following the link both activates and verifies (265 names both).
				user.activated = true;
				user.verified = true;
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
				return { hash };
			},
		},

		'panel/user/create': {
			access: 'panel',
			handle: (params) => {
				const user = params['user'];
				const password = params['password'];
				if (typeof user !== 'object' || user === null) throw invalidParameters('user');
				const fields = user as Record<string, unknown>;
				const login = fields['login'];
				if (typeof login !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(login)) throw invalidParameters('user.login');
				if (typeof password !== 'string' || password.length < 1 || password.length > 40) throw invalidParameters('password');
				if (this.findLogin(login)) throw new PlatformFault(206);
				const created = this.addUser({
					login,
					password,
					activated: fields['activated'] === true,
					verified: fields['verified'] === true,
					...optional('firstName', fields['first_name']),
					...optional('legalType', fields['legal_type']),
					...optional('locale', params['locale']),
					...optional('timeZone', params['time_zone']),
				});
				if (this.options.createSendsActivation) this.sendActivation(created);
				return { id: created.id };
			},
		},

		'panel/user/list': {
			access: 'panel',
			handle: (params) => {
				const filter = typeof params['filter'] === 'string' ? params['filter'].toLowerCase() : '';
				const limit = typeof params['limit'] === 'number' ? Math.max(0, Math.min(1000, params['limit'])) : 100;
				const offset = typeof params['offset'] === 'number' ? Math.max(0, params['offset']) : 0;
				// Assumption: `filter` is a case-insensitive substring search over the login and first name.
				const matching = this.users.filter(
					(user) => user.login.toLowerCase().includes(filter) || (user.firstName ?? '').toLowerCase().includes(filter),
				);
				const list = matching.slice(offset, offset + limit).map((user) =>
					omitNulls({ id: user.id, login: user.login, activated: user.activated, verified: user.verified, first_name: user.firstName, legal_type: user.legalType }),
				);
				return { list, count: matching.length };
			},
		},
	};
}

function invalidParameters(parameter: string): PlatformFault {
	// Newer platform versions list the fields of a code 7.
	return new PlatformFault(7, { errors: [{ parameter, error: 'invalid value' }] });
}

function optional<K extends string>(key: K, value: unknown): Partial<Record<K, string>> {
	return typeof value === 'string' ? ({ [key]: value } as Record<K, string>) : {};
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
