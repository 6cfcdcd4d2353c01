/**
 * Test support: what the shared behavioural suites need from a running sign-up server, whatever
 * backend it runs on. Each backend provides a {@link SignupServerFactory}; the suites
 * (`signup-api-suite.ts`, `enumeration-suite.ts`, `fuzz-suite.ts`) only speak HTTP to the server
 * and read the email the backend (or its platform) sent.
 */
import type { AppDeps } from '../../src/server/app.ts';
import type { ManualClock } from '../../src/server/clock.ts';
import type { RateLimits } from '../../src/server/http/rate-limits.ts';
import type { TestResponse } from './test-server.ts';

/** An email the backend (or its platform) sent, as the suite needs it. */
export interface SentMail {
	/** `confirm` (link, maybe a code), `exists` (you already have an account), `reset`, `password_changed`. */
	kind: 'confirm' | 'exists' | 'reset' | 'password_changed';
	/** The token the help center's confirm or reset page would POST. */
	token: string | undefined;
	/** The six-digit code, when the backend sends one. */
	code: string | undefined;
}

/** What every backend's test server can be asked to be. */
export interface SignupServerOptions {
	/** The provider lets readers register (default true). */
	selfRegistration?: boolean;
	rateLimits?: Partial<RateLimits>;
	app?: Partial<AppDeps>;
}

/** A running server, on loopback, with its backend's test doubles. */
export interface SignupTestServer {
	url: string;
	/** A JSON request to the API (path relative to `/api/v1`). */
	api(path: string, body?: unknown, init?: RequestInit): Promise<TestResponse>;
	/** The time of the server and of everything behind it (database, platform). */
	clock: ManualClock;
	/** A password the backend's policy accepts, and a second one. */
	goodPassword: string;
	otherPassword: string;
	/** Sends what is due and returns the email sent to `email`, oldest first. */
	mailTo(email: string): Promise<SentMail[]>;
	/** The addresses that have an account, in any state. */
	accounts(): Promise<string[]>;
	/** Whether `password` is the account's password. */
	passwordMatches(email: string, password: string): Promise<boolean>;
	close(): Promise<void>;
}

/**
 * A behaviour a backend may lack beyond the contract's `features` (which the suite reads from
 * `/settings`): `true`, or why not — the reason is printed with the skipped test.
 */
export type Trait = true | { lacking: string };

/** Behaviours the suite checks only where the backend has them. */
export interface BackendTraits {
	/** A confirmed owner who registers again or asks for a resend gets an “account exists” email. */
	existsNotice: Trait;
	/** A newer confirmation link kills the older one. */
	linkReplacement: Trait;
	/** A confirmation link that is too old answers `expired_token`. */
	linkExpiry: Trait;
	/** A pending account keeps its first attempt's password while a later attempt waits for confirmation. */
	pendingPasswordKept: Trait;
}

/** How the suites start a server of one backend. */
export interface SignupServerFactory {
	/** The backend's name, in test titles. */
	name: string;
	traits: BackendTraits;
	start(options?: SignupServerOptions): Promise<SignupTestServer>;
}
