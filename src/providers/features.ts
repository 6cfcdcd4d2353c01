/**
 * What each kind of backend can do, stated once. The build turns these into page content (see
 * `src/plugins/only-if.ts`) and widget props; the server's backends answer `GET /settings` with the
 * same table, so a page never promises what its server refuses.
 */
import type { Settings } from '../signup/contract.ts';
import type { PasswordResetMode } from './password-reset.ts';

/** Where a provider's accounts live. */
export type BackendKind = 'local' | 'navixy' | 'traccar' | 'platform';

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
 * - `traccar`: the help center confirms and Traccar holds the account (created disabled, enabled on
 *   confirmation). Confirmation, status, resend and the emails are the help center's own, as with
 *   `local`; a reset is completed in the help center (`PUT /api/users/{id}`). With
 *   `TRACCAR_PASSWORD_RESET=traccar` the reset is Traccar's own instead: see {@link featuresFor}.
 * - `platform`: the provider's own platform behind the signed platform contract
 *   (`src/platform-contract/`); as with `traccar`, the help center confirms and sends every email,
 *   the platform holds the account (created inactive, activated on confirmation, its password set
 *   by a reset completed here).
 *
 * `local`, `traccar` and `platform` record what happened to each email (`deliveryTimeline`); only
 * `local` lets a pending registration correct its address (`addressChange`): with a platform the
 * pending user is the platform's, created for the address first typed.
 */
export const backendFeatures = {
	local: { confirmationCode: true, registrationStatus: true, passwordReset: true, passwordResetRequest: true, confirmPage: true, existsNotice: true, deliveryTimeline: true, addressChange: true },
	navixy: { confirmationCode: false, registrationStatus: true, passwordReset: false, passwordResetRequest: false, confirmPage: false, existsNotice: false, deliveryTimeline: true, addressChange: false },
	traccar: { confirmationCode: true, registrationStatus: true, passwordReset: true, passwordResetRequest: true, confirmPage: true, existsNotice: true, deliveryTimeline: true, addressChange: false },
	platform: { confirmationCode: true, registrationStatus: true, passwordReset: true, passwordResetRequest: true, confirmPage: true, existsNotice: true, deliveryTimeline: true, addressChange: false },
} as const satisfies Record<BackendKind, BackendFeatures>;

/** Who completes a password reset on a Traccar backend (`TRACCAR_PASSWORD_RESET`). */
export type TraccarPasswordReset = 'help-center' | 'traccar';

/**
 * A backend's features in a reset mode (`src/providers/password-reset.ts`): `passwordReset` — the
 * help center's reset page — is on only where the help center completes resets. With Traccar's own
 * reset the help center's recovery form still takes the request, but hands it to Traccar's
 * `POST /api/password/reset`, whose email links to Traccar's own page; with Navixy's
 * `NAVIXY_PASSWORD_RESET=true` the provider's restore email links to the help center's page.
 */
export function featuresFor(backend: BackendKind, passwordReset: PasswordResetMode): BackendFeatures {
	return { ...backendFeatures[backend], passwordReset: passwordReset === 'help-center' };
}

/**
 * Traccar's own "reset password" page, where its reset email leads, on the login page's origin.
 * Assumption: the Traccar web app's `/reset-password` route (the API reference does not name pages);
 * a profile's `forgotPasswordUrl` overrides it.
 */
export function traccarForgotPasswordUrl(loginUrl: string): string {
	return new URL('/reset-password', loginUrl).href;
}

/**
 * Seconds between two activation emails on a Navixy platform: it refuses a resend for five minutes
 * (code 264, `timeout: "PT5M"`), so no page may promise one sooner.
 */
export const navixyResendCooldownSeconds = 300;

/** The platform's own "forgot password" page on a Navixy UI domain (`?partition=password_remind`). */
export function navixyForgotPasswordUrl(uiDomain: string): string {
	return `https://${uiDomain}/login/?partition=password_remind`;
}
