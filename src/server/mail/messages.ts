/**
 * The emails the sign-up flows send, as data: what the outbox stores and the renderer turns into
 * HTML and text. Adding a kind means adding its strings to every `locales/<tag>.json`.
 */
import type { Locale } from '../../signup/contract.ts';

/** Confirm your email: the link (to the help center's confirm page) and the code. */
export interface ConfirmMail {
	kind: 'confirm';
	token: string;
	code: string;
	/** When the link and code stop working, ms since the epoch. */
	expiresAt: number;
}

/** Someone tried to register an address that already has an account. */
export interface AccountExistsMail {
	kind: 'exists';
}

/** Choose a new password: the link. */
export interface PasswordResetMail {
	kind: 'reset';
	token: string;
	expiresAt: number;
}

/** The password was just changed. */
export interface PasswordChangedMail {
	kind: 'password_changed';
}

/** The content of one email, without its addressing. */
export type MailContent = ConfirmMail | AccountExistsMail | PasswordResetMail | PasswordChangedMail;

/** One email to send. */
export type MailMessage = MailContent & {
	/** The outbox row, which also names the message (`Message-ID`) so a retry is recognisable. */
	id: number;
	to: string;
	locale: Locale;
	/** When it was queued. */
	createdAt: number;
};
