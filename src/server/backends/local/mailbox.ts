/**
 * The one key a mailbox is known by: every per-address limit, cooldown and lock, and the decision
 * whether two registrations are the same account, use it. Addresses themselves stay as typed (the
 * API only trims them, applies NFC and lower-cases the domain) for display and delivery.
 */
import { domainToASCII } from 'node:url';

/**
 * The mailbox key of an address: the local part case-folded (`Ann` and `ANN` reach the same person
 * at every real mail provider, whatever RFC 5321 allows), the domain in its IDNA ASCII form
 * (`bücher.example` and `xn--bcher-kva.example` are one domain).
 */
export function mailboxKey(email: string): string {
	const value = email.trim().normalize('NFC');
	const at = value.lastIndexOf('@');
	if (at < 0) return value.toLowerCase();
	const local = value.slice(0, at).toLowerCase();
	const domain = value.slice(at + 1).toLowerCase().replace(/\.$/, '');
	// domainToASCII answers '' for a name it cannot convert; the lower-cased name is then the key.
	return `${local}@${domainToASCII(domain) || domain}`;
}
