/**
 * The development mailbox at `/_mailbox/`: what the server would have emailed, for a person running
 * `npm start` without an SMTP server (open the message, click the link) and for tests
 * (`/_mailbox/messages.json`). Mounted only with `DEV_MAILBOX=true` (and no `SMTP_URL`); it shows
 * every link and code sent, so it answers loopback clients only unless `DEV_MAILBOX_OPEN=true`.
 */
import { isIP } from 'node:net';
import type { Queryable } from '../store/store.ts';

import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';

import { escapeHtml } from '../mail/render.ts';

/** A message in the development mailbox. */
export interface MailboxMessage {
	id: number;
	messageId: string;
	from: string;
	to: string;
	subject: string;
	html: string;
	text: string;
	createdAt: string;
}

interface MailboxRow {
	id: number;
	message_id: string;
	sender: string;
	recipient: string;
	subject: string;
	html: string;
	text: string;
	created_at: number;
}

const toMessage = (row: MailboxRow): MailboxMessage => ({
	id: row.id,
	messageId: row.message_id,
	from: row.sender,
	to: row.recipient,
	subject: row.subject,
	html: row.html,
	text: row.text,
	createdAt: new Date(row.created_at).toISOString(),
});

// The emails' own inline styles must apply; nothing else may load or run.
const csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'";

/**
 * Whether a request comes from this machine: a loopback peer, and no proxy in between (a proxy on
 * the same machine is a loopback peer too, so any forwarding header means a client elsewhere).
 */
export function fromThisMachine(c: Context): boolean {
	if (c.req.header('X-Forwarded-For') !== undefined || c.req.header('Forwarded') !== undefined || c.req.header('X-Real-IP') !== undefined) {
		return false;
	}
	let address = '';
	try {
		address = getConnInfo(c).remote.address ?? '';
	} catch {
		return false;
	}
	address = address.replace(/^::ffff:/i, '');
	return (isIP(address) === 4 && address.startsWith('127.')) || address === '::1';
}

/** The mailbox's routes, with their full paths (mount at `/`). `open`: serve clients on other machines too. */
export function mailboxRoutes(db: Queryable, { open = false }: { open?: boolean } = {}): Hono {
	const mailbox = new Hono();
	const select = 'SELECT id, message_id, sender, recipient, subject, html, text, created_at FROM dev_mailbox';

	mailbox.use('/_mailbox', async (c, next) => (open || fromThisMachine(c) ? next() : refuse(c)));
	mailbox.use('/_mailbox/*', async (c, next) => (open || fromThisMachine(c) ? next() : refuse(c)));

	mailbox.use('/_mailbox/*', async (c, next) => {
		await next();
		c.header('Content-Security-Policy', csp);
		c.header('X-Robots-Tag', 'noindex');
		c.header('Cache-Control', 'no-store');
	});

	mailbox.get('/_mailbox', (c) => c.redirect('/_mailbox/', 301));

	mailbox.get('/_mailbox/messages.json', async (c) => c.json((await db.all<MailboxRow>(`${select} ORDER BY id`)).map(toMessage)));

	mailbox.get('/_mailbox/', async (c) => {
		const rows = (await db.all<MailboxRow>(`${select} ORDER BY id DESC LIMIT 200`)).map(toMessage);
		const items = rows
			.map(
				(m) => `<tr><td><time datetime="${escapeHtml(m.createdAt)}">${escapeHtml(m.createdAt.replace('T', ' ').slice(0, 19))} UTC</time></td><td>${escapeHtml(m.to)}</td>` +
					`<td><a href="./${m.id}">${escapeHtml(m.subject)}</a></td><td><a href="./${m.id}.txt">text</a></td></tr>`,
			)
			.join('\n');
		return c.html(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Development mailbox</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:1rem;color:#1b1f24}.scroll{overflow-x:auto}table{border-collapse:collapse}td,th{padding:.3rem .8rem;border-bottom:1px solid #ddd;text-align:start;overflow-wrap:anywhere}</style>
</head><body>
<h1>Development mailbox</h1>
<p>Emails the server would have sent. No SMTP server is configured (set <code>SMTP_URL</code> to send for real). Newest first; reload to refresh.</p>
${rows.length ? `<div class="scroll"><table><thead><tr><th>Sent (UTC)</th><th>To</th><th>Subject</th><th></th></tr></thead><tbody>\n${items}\n</tbody></table></div>` : '<p>No messages yet.</p>'}
</body></html>`);
	});

	mailbox.get('/_mailbox/:file{[0-9]+(\\.txt)?}', async (c) => {
		const file = c.req.param('file');
		const row = await db.get<MailboxRow>(`${select} WHERE id = ?`, Number.parseInt(file, 10));
		if (!row) return c.text('No such message.', 404);
		return file.endsWith('.txt') ? c.text(row.text) : c.html(row.html);
	});

	return mailbox;
}

function refuse(c: Context): Response {
	return c.text('The development mailbox answers only on the machine the server runs on (DEV_MAILBOX_OPEN=true opens it to others).', 403, {
		'Cache-Control': 'no-store',
	});
}
