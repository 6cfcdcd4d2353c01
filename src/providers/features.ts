/**
 * What each kind of backend can do, stated once. The build turns these into page content (see
 * `src/plugins/only-if.ts`) and widget props; the server's backends answer `GET /settings` with the
 * same table, so a page never promises what its server refuses.
 */
import type { Settings } from '../signup/contract.ts';

/** Where a provider's accounts live. */
export type BackendKind = 'local' | 'navixy';

/** The capabilities of a backend, by the contract's names. */
export type BackendFeatures = Settings['features'];

/**
 * The capabilities of every backend kind.
 *
 * - `local`, the help center's built-in backend, sends its own emails: a link to the confirm page
 *   and a six-digit code, resets in the help center, tells a confirmed owner that the account exists.
 * - `navixy`: the platform sends its own activation email, whose link activates the account on the
 *   platform directly; it documents no code, no call to request a reset (only the login page's
 *   "forgot password" form) and no "account exists" email; its delivery timeline holds only what
 *   the platform said (accepted, or could not send), and an address cannot be changed while pending.
 *
 * - `local` also records what happened to each email (`deliveryTimeline`) and lets a pending
 *   registration correct its address (`addressChange`).
 */
export const backendFeatures = {
	local: { confirmationCode: true, registrationStatus: true, passwordReset: true, passwordResetRequest: true, confirmPage: true, existsNotice: true, deliveryTimeline: true, addressChange: true },
	navixy: { confirmationCode: false, registrationStatus: true, passwordReset: false, passwordResetRequest: false, confirmPage: false, existsNotice: false, deliveryTimeline: true, addressChange: false },
} as const satisfies Record<BackendKind, BackendFeatures>;

/**
 * Seconds between two activation emails on a Navixy platform: it refuses a resend for five minutes
 * (code 264, `timeout: "PT5M"`), so no page may promise one sooner.
 */
export const navixyResendCooldownSeconds = 300;

/** The platform's own "forgot password" page on a Navixy UI domain (`?partition=password_remind`). */
export function navixyForgotPasswordUrl(uiDomain: string): string {
	return `https://${uiDomain}/login/?partition=password_remind`;
}
