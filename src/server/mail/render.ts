/**
 * Turns a {@link MailMessage} into a branded email: HTML (table layout and inline styles, which is
 * what mail clients still render reliably) plus a plain-text twin, in the recipient's language and
 * direction, with the provider's name, sender and colours. An email is written in a language the
 * provider's site publishes (its default language otherwise), so its links land on pages in that
 * language.
 */
import { tagDir } from '../../../config/locales.ts';
import { publishedLocale } from '../../providers/layout.ts';
import type { ResolvedProvider } from '../../providers/resolve.ts';
import { signupRules } from '../settings.ts';
import { confirmLink, recoveryLink, resetLink } from './links.ts';
import type { MailMessage } from './messages.ts';
import { formatDuration, isolate, translate, type MailStringKey } from './strings.ts';

/** A ready-to-send email. */
export interface RenderedMail {
	/** Stable per outbox row, so a message sent twice (see the worker) is recognisably the same. */
	messageId: string;
	from: { name: string; address: string };
	to: string;
	subject: string;
	html: string;
	text: string;
	/** The envelope sender (`MAIL FROM`) when it differs from `from`: a per-message bounce address (VERP). */
	envelopeFrom?: string;
	/** Headers for the relay rather than the reader (an email service's metadata header), when there are any. */
	headers?: Record<string, string>;
}

/** One piece of an email body. */
type Block =
	| { type: 'paragraph'; text: string }
	| { type: 'button'; label: string; href: string }
	| { type: 'code'; code: string }
	| { type: 'link'; text: string; label: string; href: string }
	| { type: 'fallback'; text: string; href: string };

/** A `From` for a provider that has named no sender (a development setup). */
const fallbackSender = 'no-reply@localhost';

/** Renders one message for a provider. */
export function renderMail(message: MailMessage, provider: ResolvedProvider): RenderedMail {
	const locale = publishedLocale(provider.layout, message.locale).lang;
	const providerName = provider.name ?? translate(locale, 'provider.fallback');
	const t = (key: MailStringKey, values: Record<string, string> = {}) => translate(locale, key, { provider: providerName, ...values });
	const { heading, subject, blocks } = content({ ...message, locale }, provider, t);
	const footer = supportLines(provider, t);
	const sentTo = t('mail.sentTo', { email: message.to });
	const sender = provider.senderAddress ?? fallbackSender;
	const domain = sender.split('@')[1] ?? 'localhost';
	return {
		messageId: `<signup-${message.id}-${message.createdAt}@${domain}>`,
		from: { name: provider.senderName ?? provider.name ?? '', address: sender },
		to: message.to,
		// A neutral build has no name to put first: “Your service provider: …” would read like an
		// unfilled placeholder, so its subject is the heading alone.
		subject: provider.name ? subject : heading,
		html: html({ locale, providerName, heading, blocks, footer, sentTo, colors: provider.mailColors, greeting: t('mail.greeting') }),
		text: text(
			{ providerName, heading, blocks, footer, sentTo, greeting: t('mail.greeting') },
			{ labelled: (label) => t('mail.labelled', { label }), isolate: (value) => isolate(locale, value) },
		),
	};
}

function content(
	message: MailMessage,
	provider: ResolvedProvider,
	t: (key: MailStringKey, values?: Record<string, string>) => string,
): { heading: string; subject: string; blocks: Block[] } {
	const { locale } = message;
	switch (message.kind) {
		case 'confirm': {
			const href = confirmLink(provider, locale, message.token);
			return {
				heading: t('confirm.heading'),
				subject: t('confirm.subject'),
				blocks: [
					{ type: 'paragraph', text: t('confirm.intro') },
					{ type: 'button', label: t('confirm.button'), href },
					{ type: 'paragraph', text: t('confirm.code') },
					{ type: 'code', code: message.code },
					{ type: 'paragraph', text: t('confirm.expiry', { duration: formatDuration(locale, signupRules(provider).confirmationTtlSeconds) }) },
					{ type: 'fallback', text: t('mail.linkFallback'), href },
					{ type: 'paragraph', text: t('confirm.ignore') },
				],
			};
		}
		case 'exists':
			return {
				heading: t('exists.heading'),
				subject: t('exists.subject'),
				blocks: [
					{ type: 'paragraph', text: t('exists.intro') },
					{ type: 'button', label: t('exists.login'), href: provider.loginUrl },
					{ type: 'link', text: t('exists.recover'), label: t('exists.recoverLink'), href: recoveryLink(provider, locale) },
					{ type: 'paragraph', text: t('exists.ignore') },
				],
			};
		case 'reset': {
			const href = resetLink(provider, locale, message.token);
			return {
				heading: t('reset.heading'),
				subject: t('reset.subject'),
				blocks: [
					{ type: 'paragraph', text: t('reset.intro') },
					{ type: 'button', label: t('reset.button'), href },
					{ type: 'paragraph', text: t('reset.expiry', { duration: formatDuration(locale, provider.resetTtlSeconds) }) },
					{ type: 'fallback', text: t('mail.linkFallback'), href },
					{ type: 'paragraph', text: t('reset.ignore') },
				],
			};
		}
		case 'password_changed':
			return {
				heading: t('changed.heading'),
				subject: t('changed.subject'),
				blocks: [
					{ type: 'paragraph', text: t('changed.intro') },
					{ type: 'paragraph', text: t('changed.warning') },
					{ type: 'link', text: '', label: t('changed.recoverLink'), href: recoveryLink(provider, locale) },
				],
			};
	}
}

/** The support channels, as label/value/href triples. */
function supportLines(provider: ResolvedProvider, t: (key: MailStringKey) => string) {
	const lines: Array<{ label: string; value: string; href: string }> = [];
	const { email, phone, url } = provider.support;
	if (email) lines.push({ label: t('mail.support.email'), value: email, href: `mailto:${email}` });
	if (phone) lines.push({ label: t('mail.support.phone'), value: phone, href: `tel:${phone.replace(/[^\d+]/g, '')}` });
	if (url) lines.push({ label: t('mail.support.url'), value: url, href: url });
	return { title: t('mail.support'), lines };
}

interface Layout {
	providerName: string;
	heading: string;
	greeting: string;
	blocks: Block[];
	footer: ReturnType<typeof supportLines>;
	sentTo: string;
}

const font = "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,'Noto Sans','Noto Sans Arabic',Arial,sans-serif";

function html({ locale, colors, ...layout }: Layout & { locale: MailMessage['locale']; colors: ResolvedProvider['mailColors'] }): string {
	const dir = tagDir(locale);
	const p = (inner: string, style = '') => `<p style="margin:0 0 16px;${style}">${inner}</p>`;
	const body = layout.blocks
		.map((block) => {
			switch (block.type) {
				case 'paragraph':
					return p(escapeHtml(block.text));
				case 'button':
					return p(
						`<a href="${escapeHtml(block.href)}" style="display:inline-block;background:${colors.accent};color:${colors.accentText};padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600">${escapeHtml(block.label)}</a>`,
						'margin:24px 0',
					);
				case 'code':
					// Digits read left to right in every script; `dir` keeps them so in Arabic.
					return p(escapeHtml(block.code), "font:700 28px/1.2 'SFMono-Regular',Consolas,monospace;letter-spacing:6px").replace('<p ', '<p dir="ltr" ');
				case 'link':
					return p(`${escapeHtml(block.text)} <a href="${escapeHtml(block.href)}" style="color:${colors.accent}">${escapeHtml(block.label)}</a>`);
				case 'fallback':
					return p(`${escapeHtml(block.text)}<br><a href="${escapeHtml(block.href)}" dir="ltr" style="color:${colors.accent};word-break:break-all">${escapeHtml(block.href)}</a>`, 'font-size:13px;color:#57606a');
			}
		})
		.join('\n');
	const support = layout.footer.lines
		.map((line) => `${escapeHtml(line.label)} <a href="${escapeHtml(line.href)}" dir="ltr" style="color:#57606a">${escapeHtml(line.value)}</a>`)
		.join('<br>');
	return `<!doctype html>
<html lang="${locale}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${escapeHtml(layout.heading)}</title>
</head>
<body style="margin:0;padding:0;background:#f4f5f7">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f5f7">
<tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:8px;overflow:hidden">
<tr><td style="background:${colors.accent};color:${colors.accentText};padding:16px 24px;${font};font-size:18px;font-weight:600;text-align:start">${escapeHtml(layout.providerName)}</td></tr>
<tr><td dir="${dir}" style="padding:24px;${font};font-size:16px;line-height:1.5;color:#1b1f24;text-align:start">
<h1 style="font-size:22px;line-height:1.3;margin:0 0 16px">${escapeHtml(layout.heading)}</h1>
${p(escapeHtml(layout.greeting))}
${body}
</td></tr>
<tr><td dir="${dir}" style="padding:16px 24px;border-top:1px solid #e5e7eb;${font};font-size:13px;line-height:1.5;color:#57606a;text-align:start">
${p(`${escapeHtml(layout.footer.title)}<br>${support}`, 'font-size:13px')}
<p style="margin:0">${escapeHtml(layout.sentTo)}</p>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}

/** What plain text needs from the locale: its punctuation before an address, and bidi isolation. */
interface PlainText {
	/** “Label:” in English, “Label :” in French (a no-break space before the colon). */
	labelled: (label: string) => string;
	isolate: (value: string) => string;
}

function text(layout: Layout, { labelled, isolate }: PlainText): string {
	const parts = [layout.providerName, layout.heading, layout.greeting];
	for (const block of layout.blocks) {
		switch (block.type) {
			case 'paragraph':
				parts.push(block.text);
				break;
			case 'button':
				parts.push(`${labelled(block.label)}\n${block.href}`);
				break;
			case 'code':
				parts.push(block.code);
				break;
			case 'link':
				parts.push(`${block.text ? `${block.text}\n` : ''}${labelled(block.label)} ${block.href}`);
				break;
			case 'fallback':
				// The button's address is already in the text version; nothing to fall back from.
				break;
		}
	}
	parts.push([layout.footer.title, ...layout.footer.lines.map((line) => `${line.label} ${isolate(line.value)}`)].join('\n'));
	parts.push(layout.sentTo);
	return `${parts.join('\n\n')}\n`;
}

/** Escapes text for HTML content and double-quoted attributes. */
export function escapeHtml(value: string): string {
	return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
