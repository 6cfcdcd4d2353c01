import type { Locale } from '../../signup/contract.ts';

/**
 * The mail services whose folders and buttons the spam help names, by the domains of their
 * addresses, and the page languages whose readers commonly use them (`all`: every market).
 * Order matters: a market's own services come before the worldwide ones in the help.
 */
const mailServices = {
	// Germany
	gmx: { markets: ['de'], domains: ['gmx.de', 'gmx.net', 'gmx.at', 'gmx.ch', 'web.de'] },
	tonline: { markets: ['de'], domains: ['t-online.de', 'magenta.de'] },
	freenet: { markets: ['de'], domains: ['freenet.de'] },
	// France
	orange: { markets: ['fr'], domains: ['orange.fr', 'wanadoo.fr'] },
	sfr: { markets: ['fr'], domains: ['sfr.fr', 'neuf.fr', 'club-internet.fr', 'cegetel.net'] },
	free: { markets: ['fr'], domains: ['free.fr', 'aliceadsl.fr'] },
	laposte: { markets: ['fr'], domains: ['laposte.net'] },
	// Italy
	libero: { markets: ['it'], domains: ['libero.it', 'virgilio.it', 'inwind.it', 'iol.it', 'blu.it'] },
	tiscali: { markets: ['it'], domains: ['tiscali.it'] },
	pec: { markets: ['it'], domains: ['pec.it', 'legalmail.it', 'postecert.it', 'arubapec.it', 'pecmail.it', 'gigapec.it'] },
	// Brazil
	uol: { markets: ['pt-BR'], domains: ['uol.com.br', 'bol.com.br'] },
	terra: { markets: ['pt-BR'], domains: ['terra.com.br'] },
	// Russia and neighbours
	yandex: { markets: ['ru'], domains: ['yandex.ru', 'ya.ru', 'yandex.com', 'yandex.by', 'yandex.kz'] },
	mailru: { markets: ['ru'], domains: ['mail.ru', 'bk.ru', 'inbox.ru', 'list.ru', 'internet.ru'] },
	rambler: { markets: ['ru'], domains: ['rambler.ru', 'lenta.ru', 'autorambler.ru', 'myrambler.ru', 'ro.ru'] },
	// Everywhere
	gmail: { markets: 'all', domains: ['gmail.com', 'googlemail.com'] },
	outlook: {
		markets: 'all',
		domains: ['outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'hotmail.fr', 'hotmail.es', 'hotmail.it', 'hotmail.de', 'hotmail.com.br', 'hotmail.com.ar', 'hotmail.com.sa', 'outlook.sa', 'outlook.fr', 'outlook.de', 'outlook.it', 'outlook.es', 'outlook.com.br'],
	},
	yahoo: { markets: 'all', domains: ['yahoo.com', 'ymail.com', 'yahoo.fr', 'yahoo.es', 'yahoo.it', 'yahoo.de', 'yahoo.com.br', 'yahoo.com.mx', 'yahoo.com.sa', 'yahoo.ae'] },
	icloud: { markets: 'all', domains: ['icloud.com', 'me.com', 'mac.com'] },
} as const satisfies Record<string, { markets: readonly Locale[] | 'all'; domains: readonly string[] }>;

/** A mail service the help center knows, or `other`. */
export type MailService = keyof typeof mailServices | 'other';

/** Every mail service the spam help can name, `other` last: the strings it may need. */
export const mailServiceNames = [...Object.keys(mailServices), 'other'] as MailService[];

/**
 * The mail service behind an address, judged by its domain. A certified-mail (PEC) address is
 * told apart by its `pec` label too (`name@pec.example.it`), as each company runs its own.
 */
export function mailServiceOf(email: string): MailService {
	const domain = email.trim().toLowerCase().split('@')[1] ?? '';
	const found = Object.entries(mailServices).find(([, service]) => (service.domains as readonly string[]).includes(domain));
	if (found) return found[0] as MailService;
	if (domain.endsWith('.it') && domain.split('.').includes('pec')) return 'pec';
	return 'other';
}

/**
 * The services the spam help lists for an address on a page in `lang`: the reader's own first,
 * then the page's market's, then the worldwide ones, and “other services” last.
 */
export function spamHelpServices(email: string, lang: Locale): MailService[] {
	const own = mailServiceOf(email);
	const listed = Object.entries(mailServices)
		.filter(([, service]) => service.markets === 'all' || (service.markets as readonly Locale[]).includes(lang))
		.map(([name]) => name as MailService);
	return [...new Set<MailService>([...(own === 'other' ? [] : [own]), ...listed, 'other'])];
}
