/**
 * The servers the end-to-end tests run against, started by `serve.ts`: several instances of the
 * real app (`src/server/main.ts`) on fixed loopback ports, a Traccar test server, and a control
 * server that shows the captured emails and stops or starts the "outage" instance.
 */

/** The instances of the app, by name, with their port and what makes each one special. */
export const instances = {
	/** Normal settings, but a 20-second resend cooldown so a countdown shows and can be waited out. */
	main: { port: 4329 },
	/** Stopped and started again by a test, to play an outage of the API. */
	outage: { port: 4332 },
	/** Self-registration turned off at run time (the site was built with it on). */
	closed: { port: 4333 },
	/** Two registrations per hour and IP. */
	strict: { port: 4334 },
	/**
	 * The Traccar example provider (`src/providers/sendero`): its own build (`dist/sendero/`, from
	 * `npm run build:providers`) and the Traccar backend, in front of the Traccar test server.
	 */
	traccar: { port: 4335 },
	/**
	 * The same provider built and run for Traccar's own reset (`TRACCAR_PASSWORD_RESET=traccar`,
	 * `dist/sendero-traccar-reset/`): the help center takes the request, Traccar's server mails the
	 * reset email and its own page takes the new password. Same Traccar test server.
	 */
	traccarOwnReset: { port: 4337 },
} as const;

/** The provider whose build the "traccar" instance serves. */
export const traccarProviderId = 'sendero';

/** The folder under `dist/` of that provider's build for Traccar's own reset (`npm test` builds it). */
export const traccarOwnResetBuild = `${traccarProviderId}-traccar-reset`;

/**
 * The Traccar test server (`test-support/traccar/test-traccar.ts`) the "traccar" instance keeps its
 * accounts on; tests sign in to it with `POST /api/session`.
 */
export const traccarTestPort = 4336;

/** `http://127.0.0.1:4336` */
export const traccarTestUrl = `http://127.0.0.1:${traccarTestPort}`;

/** The name of an instance. */
export type InstanceName = keyof typeof instances;

/** `http://127.0.0.1:<port>` of an instance. */
export function instanceUrl(name: InstanceName): string {
	return `http://127.0.0.1:${instances[name].port}`;
}

/**
 * The control server: `GET /messages?to=`, `POST /outage/stop`, `POST /outage/start`, `POST /replies`,
 * `GET /traccar/violations`, `GET /traccar/reset-emails?to=`.
 */
export const controlPort = 4331;

/** `http://127.0.0.1:4331` */
export const controlUrl = `http://127.0.0.1:${controlPort}`;

/** The resend cooldown of the "main" instance, in seconds. */
export const mainResendCooldownSeconds = 20;

/** One captured email, as the control server gives it. */
export interface CapturedMessage {
	/** The envelope recipients. */
	to: string[];
	from: string;
	subject: string;
	text: string;
	html: string;
	/** The link with a token (`…/confirm/#token=…`, `…/reset-password/#token=…`), if any. */
	link: string | null;
	/** The six-digit confirmation code, if any. */
	code: string | null;
	/** When the capture server accepted it (`Date.now()`). */
	receivedAt: number;
}

/** A reset email the Traccar test server sent itself (Traccar's own reset), as the control server gives it. */
export interface TraccarResetEmail {
	email: string;
	/** The token its link carries, for Traccar's own page (`POST /api/password/update`). */
	token: string;
}
