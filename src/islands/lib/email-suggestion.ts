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
 * Whole-domain slips the distance-based checker misses or gets wrong: the right name with the
 * wrong ending (“laposte.fr”, “t-online.com”, “uol.com”), where it would offer another service
 * (`libero.com` → live.com) or nothing. Only endings no mail service answers at.
 */
const knownSlips: Readonly<Record<string, string>> = {
	'laposte.fr': 'laposte.net',
	'laposte.com': 'laposte.net',
	'wanadoo.com': 'wanadoo.fr',
	't-online.com': 't-online.de',
	'tonline.de': 't-online.de',
	'libero.com': 'libero.it',
	'virgilio.com': 'virgilio.it',
	'uol.com': 'uol.com.br',
	'bol.com': 'bol.com.br',
	'uol.br': 'uol.com.br',
	'yandex.ry': 'yandex.ru',
	'ramble.ru': 'rambler.ru',
};

/**
 * A likely correction of a mistyped mail domain (`anna@gmial.com` → `anna@gmail.com`), or
 * `undefined` when the address looks right or is not an address yet.
 */
export function suggestEmail(email: string): string | undefined {
	const trimmed = email.trim();
	if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(trimmed)) return undefined;
	const [local, domain = ''] = trimmed.split('@');
	const slip = knownSlips[domain.toLowerCase()];
	if (slip) return `${local}@${slip}`;
	const suggestion = run({ email: trimmed, domains, topLevelDomains });
	return suggestion && suggestion.full.toLowerCase() !== trimmed.toLowerCase() ? suggestion.full : undefined;
}
