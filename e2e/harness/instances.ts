/**
 * The servers the end-to-end tests run against, started by `serve.ts`: several instances of the
 * real app (`src/server/main.ts`) on fixed loopback ports, and a control server that shows the
 * captured emails and stops or starts the "outage" instance.
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
} as const;

/** The name of an instance. */
export type InstanceName = keyof typeof instances;

/** `http://127.0.0.1:<port>` of an instance. */
export function instanceUrl(name: InstanceName): string {
	return `http://127.0.0.1:${instances[name].port}`;
}

/** The control server: `GET /messages?to=`, `POST /outage/stop`, `POST /outage/start`. */
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
