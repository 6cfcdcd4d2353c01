/**
 * The switches a page can depend on (`<OnlyIf feature="…">`), read from the resolved provider:
 * the backend's capabilities by the contract's names, and what the provider's settings make true.
 */
import type { ResolvedProvider } from '../providers/resolve.ts';

/**
 * The shortest maximum length at which passphrase advice (“four or five random words”, about 28
 * characters or more) can be followed.
 */
export const passphraseMaxLength = 40;

/** Every switch, on or off, for a provider. */
export function featureSwitches(provider: ResolvedProvider): Record<string, boolean> {
	// Traccar's own reset: its server mails the reset email with its own mail settings and its
	// own page takes the new password, unlike every other backend and mode.
	const traccarResets = provider.backend === 'traccar' && !provider.features.passwordReset;
	return {
		...provider.features,
		/** Readers may create accounts themselves. */
		selfRegistration: provider.selfRegistration,
		/** The link lifetime is known (Navixy does not document it), so a page may state it. */
		linkLifetime: provider.confirmationTtlSeconds !== null,
		/** The provider named the address its emails come from. */
		senderAddress: provider.senderAddress !== undefined,
		/**
		 * The page where a reset's new password is chosen checks the provider's password rules: the
		 * help center's reset page, or a Navixy platform's own (the policy mirrors the platform's).
		 * Traccar's own reset page checks none.
		 */
		resetRules: !traccarResets,
		/**
		 * The password-reset email comes from the same mail system as the confirmation email, so
		 * allowing that sender lets the reset email through too: the help center sends both, or a
		 * Navixy platform does. Traccar's own reset email comes from Traccar's mail settings.
		 */
		resetSameSender: !traccarResets,
		/** The policy's maximum leaves room for a passphrase. */
		passphrase: provider.passwordPolicy.maxLength >= passphraseMaxLength,
	};
}
