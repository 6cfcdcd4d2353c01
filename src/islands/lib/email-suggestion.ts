import { run, POPULAR_DOMAINS, POPULAR_TLDS } from '@zootools/email-spell-checker';

/**
 * Mail domains that matter in the help center's markets, beyond the library's (mostly
 * North-American) list: a typo in one of these is corrected too.
 */
const regionalDomains = [
	'gmail.com', 'outlook.com', 'hotmail.com', 'live.com', 'yahoo.com', 'icloud.com', 'aol.com',
	// Germany, Austria, Switzerland
	'web.de', 'gmx.de', 'gmx.net', 'gmx.at', 'gmx.ch', 't-online.de', 'freenet.de', 'posteo.de', 'bluewin.ch',
	// France, Belgium
	'orange.fr', 'wanadoo.fr', 'free.fr', 'sfr.fr', 'laposte.net', 'hotmail.fr', 'yahoo.fr', 'neuf.fr', 'skynet.be',
	// Spain and Latin America
	'hotmail.es', 'yahoo.es', 'telefonica.net', 'yahoo.com.mx', 'hotmail.com.ar', 'prodigy.net.mx',
	// Italy
	'libero.it', 'virgilio.it', 'tiscali.it', 'alice.it', 'tim.it', 'hotmail.it', 'yahoo.it', 'fastwebnet.it',
	// Brazil and Portugal
	'uol.com.br', 'bol.com.br', 'terra.com.br', 'ig.com.br', 'globo.com', 'yahoo.com.br', 'hotmail.com.br', 'sapo.pt',
	// Russia and neighbours
	'yandex.ru', 'ya.ru', 'mail.ru', 'bk.ru', 'inbox.ru', 'list.ru', 'rambler.ru', 'yandex.by', 'yandex.kz', 'ukr.net',
	// Arabic-speaking countries
	'yahoo.com.sa', 'hotmail.com.sa', 'outlook.sa', 'emirates.net.ae', 'yahoo.ae',
];

const domains = [...new Set([...regionalDomains, ...POPULAR_DOMAINS])];
const topLevelDomains = [...new Set([...POPULAR_TLDS, 'de', 'fr', 'es', 'it', 'ru', 'br', 'com.br', 'pt', 'at', 'ch', 'be', 'by', 'kz', 'ua', 'ae', 'sa', 'eg', 'ma', 'mx', 'ar', 'net'])];

/**
 * A likely correction of a mistyped mail domain (`anna@gmial.com` → `anna@gmail.com`), or
 * `undefined` when the address looks right or is not an address yet.
 */
export function suggestEmail(email: string): string | undefined {
	const trimmed = email.trim();
	if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(trimmed)) return undefined;
	const suggestion = run({ email: trimmed, domains, topLevelDomains });
	return suggestion && suggestion.full.toLowerCase() !== trimmed.toLowerCase() ? suggestion.full : undefined;
}

/** The mail services whose spam folder the help center can point to, by their domains. */
const mailServices = {
	gmail: ['gmail.com', 'googlemail.com'],
	outlook: ['outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'hotmail.fr', 'hotmail.es', 'hotmail.it', 'hotmail.com.br', 'hotmail.com.ar', 'hotmail.com.sa', 'outlook.sa'],
	yahoo: ['yahoo.com', 'ymail.com', 'yahoo.fr', 'yahoo.es', 'yahoo.it', 'yahoo.com.br', 'yahoo.com.mx', 'yahoo.com.sa', 'yahoo.ae'],
	icloud: ['icloud.com', 'me.com', 'mac.com'],
	yandex: ['yandex.ru', 'ya.ru', 'yandex.com', 'yandex.by', 'yandex.kz'],
	mailru: ['mail.ru', 'bk.ru', 'inbox.ru', 'list.ru'],
	gmx: ['gmx.de', 'gmx.net', 'gmx.at', 'gmx.ch', 'web.de'],
} as const;

/** A mail service the help center knows, or `other`. */
export type MailService = keyof typeof mailServices | 'other';

/** Every mail service in the order the spam help lists them, `other` last. */
export const mailServiceNames = [...Object.keys(mailServices), 'other'] as MailService[];

/** The mail service behind an address, judged by its domain. */
export function mailServiceOf(email: string): MailService {
	const domain = email.trim().toLowerCase().split('@')[1] ?? '';
	const found = Object.entries(mailServices).find(([, list]) => (list as readonly string[]).includes(domain));
	return (found?.[0] as MailService | undefined) ?? 'other';
}
