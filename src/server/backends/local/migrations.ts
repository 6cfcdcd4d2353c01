/**
 * The schema of the built-in backend, as an append-only list: migration `i` takes the database from
 * `user_version` i to i + 1. Never edit a shipped migration; add one.
 *
 * Times are milliseconds since the epoch. Secrets (tokens, receipts, codes) are stored as SHA-256
 * hashes (codes as HMACs) only. Since version 2 the outbox carries no secret either: the mail worker
 * mints a message's link and code when it sends it. Migrations may call `mailbox_key(email)`, the SQL
 * form of {@link mailboxKey} that `openDatabase` registers.
 *
 * @see ./mailbox.ts
 */
export const migrations: readonly string[] = [
	`
	CREATE TABLE accounts (
		id INTEGER PRIMARY KEY,
		email TEXT NOT NULL UNIQUE,
		password_hash TEXT NOT NULL,
		locale TEXT NOT NULL,
		created_at INTEGER NOT NULL,
		confirmed_at INTEGER
	) STRICT;

	-- At most one live confirmation per account: a new one replaces the old link and code.
	CREATE TABLE confirmations (
		account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
		token_hash BLOB NOT NULL UNIQUE,
		code_salt BLOB NOT NULL,
		code_hash BLOB NOT NULL,
		created_at INTEGER NOT NULL,
		expires_at INTEGER NOT NULL
	) STRICT;

	-- At most one live reset token per account: a new request kills the older link.
	CREATE TABLE password_resets (
		account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
		token_hash BLOB NOT NULL UNIQUE,
		locale TEXT NOT NULL,
		created_at INTEGER NOT NULL,
		expires_at INTEGER NOT NULL
	) STRICT;

	-- One row per registration attempt. outcome: created | pending | exists (the address was
	-- confirmed already; such a receipt never reports "confirmed").
	CREATE TABLE receipts (
		receipt_hash BLOB PRIMARY KEY,
		account_id INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
		outcome TEXT NOT NULL CHECK (outcome IN ('created', 'pending', 'exists')),
		created_at INTEGER NOT NULL,
		expires_at INTEGER NOT NULL
	) STRICT;

	-- Per-address state kept for every address asked about, known or not, so that cooldowns and
	-- wrong-code counts behave the same whether an account exists or not.
	CREATE TABLE address_state (
		email TEXT PRIMARY KEY,
		signup_mail_at INTEGER,
		reset_mail_at INTEGER,
		code_failures INTEGER NOT NULL DEFAULT 0,
		updated_at INTEGER NOT NULL
	) STRICT;

	CREATE TABLE outbox (
		id INTEGER PRIMARY KEY,
		kind TEXT NOT NULL,
		recipient TEXT NOT NULL,
		locale TEXT NOT NULL,
		payload TEXT,
		created_at INTEGER NOT NULL,
		attempts INTEGER NOT NULL DEFAULT 0,
		next_attempt_at INTEGER NOT NULL,
		lease_owner TEXT,
		lease_until INTEGER,
		sent_at INTEGER,
		failed_at INTEGER,
		last_error TEXT
	) STRICT;
	CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;

	-- The development mailbox: what would have been sent, when no SMTP server is configured.
	CREATE TABLE dev_mailbox (
		id INTEGER PRIMARY KEY,
		outbox_id INTEGER NOT NULL UNIQUE,
		message_id TEXT NOT NULL,
		sender TEXT NOT NULL,
		recipient TEXT NOT NULL,
		subject TEXT NOT NULL,
		html TEXT NOT NULL,
		text TEXT NOT NULL,
		created_at INTEGER NOT NULL
	) STRICT;
	`,
	// Version 2: one account per mailbox (case and IDN variants are the same mailbox), every
	// per-address state keyed on the mailbox, and each registration attempt's password travelling
	// with its own confirmation, so that the link or code of one attempt activates that attempt's
	// password and reports to that attempt's receipt only.
	`
	-- Accounts: the mailbox key. When an old database holds case variants of one mailbox, the
	-- confirmed one (else the oldest) keeps the mailbox; the others stay, detached (key NULL), so
	-- nothing is lost and nothing is merged behind anyone's back.
	ALTER TABLE accounts ADD COLUMN mailbox TEXT;
	UPDATE accounts SET mailbox = mailbox_key(email) WHERE id IN (
		SELECT id FROM (
			SELECT id, ROW_NUMBER() OVER (PARTITION BY mailbox_key(email) ORDER BY confirmed_at IS NULL, id) AS rank FROM accounts
		) WHERE rank = 1
	);
	CREATE UNIQUE INDEX accounts_mailbox ON accounts (mailbox);

	-- The live attempt of a pending account (one per account: a newer attempt replaces it). It
	-- carries the attempt's candidate password, its receipt and the address as typed. token_hash and
	-- code_hash are NULL until the worker mails them (an attempt made within the cooldown is not mailed
	-- until a resend).
	CREATE TABLE confirmations_v2 (
		account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
		receipt_hash BLOB,
		email TEXT NOT NULL,
		password_hash TEXT NOT NULL,
		token_hash BLOB UNIQUE,
		code_salt BLOB,
		code_hash BLOB,
		created_at INTEGER NOT NULL,
		expires_at INTEGER NOT NULL
	) STRICT;
	-- Confirmations issued before the upgrade keep the rule they were issued under: the account's
	-- password, and every receipt of the account learns of the confirmation (receipt_hash NULL).
	INSERT INTO confirmations_v2 (account_id, receipt_hash, email, password_hash, token_hash, code_salt, code_hash, created_at, expires_at)
		SELECT c.account_id, NULL, a.email, a.password_hash, c.token_hash, c.code_salt, c.code_hash, c.created_at, c.expires_at
		FROM confirmations c JOIN accounts a ON a.id = c.account_id;
	DROP TABLE confirmations;
	ALTER TABLE confirmations_v2 RENAME TO confirmations;

	-- A receipt says "confirmed" once its own attempt was confirmed.
	ALTER TABLE receipts ADD COLUMN confirmed_at INTEGER;
	UPDATE receipts SET confirmed_at = (SELECT a.confirmed_at FROM accounts a WHERE a.id = receipts.account_id)
		WHERE outcome <> 'exists';

	-- Per-mailbox state. Case variants merge, keeping the strictest of each value.
	-- code_failures counts wrong codes since the last resend; code_failures_total since the last
	-- registration past the cooldown (the overall cap).
	CREATE TABLE address_state_v2 (
		mailbox TEXT PRIMARY KEY,
		signup_mail_at INTEGER,
		reset_mail_at INTEGER,
		code_failures INTEGER NOT NULL DEFAULT 0,
		code_failures_total INTEGER NOT NULL DEFAULT 0,
		updated_at INTEGER NOT NULL
	) STRICT;
	INSERT INTO address_state_v2 (mailbox, signup_mail_at, reset_mail_at, code_failures, code_failures_total, updated_at)
		SELECT mailbox_key(email), MAX(signup_mail_at), MAX(reset_mail_at), MAX(code_failures), MAX(code_failures), MAX(updated_at)
		FROM address_state GROUP BY mailbox_key(email);
	DROP TABLE address_state;
	ALTER TABLE address_state_v2 RENAME TO address_state;

	-- One row that the health check writes, to learn whether the database can still be written.
	CREATE TABLE health_probe (
		id INTEGER PRIMARY KEY CHECK (id = 1),
		checked_at INTEGER NOT NULL
	) STRICT;
	`,
	// Version 3: what happened to each email (its delivery events), which attempt each email belongs
	// to (so a receipt can show its own email's timeline), address changes of pending attempts, and
	// the addresses not to mail for a while because they hard-bounced or complained.
	`
	-- The attempt (receipt) an email belongs to: a registration's own email from the start, a resend's
	-- when the worker resolves it. And its mailbox, to trace and suppress an address.
	ALTER TABLE outbox ADD COLUMN receipt_hash BLOB;
	ALTER TABLE outbox ADD COLUMN mailbox TEXT;
	UPDATE outbox SET mailbox = mailbox_key(recipient);
	CREATE INDEX outbox_receipt ON outbox (receipt_hash, id) WHERE receipt_hash IS NOT NULL;
	CREATE INDEX outbox_mailbox ON outbox (mailbox, id);

	-- One row per thing that happened to an email, oldest first. kind and reason use the contract's
	-- names; reply is the receiving server's reply (at most 200 characters).
	CREATE TABLE delivery_events (
		id INTEGER PRIMARY KEY,
		outbox_id INTEGER NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
		kind TEXT NOT NULL CHECK (kind IN ('queued', 'sent', 'deferred', 'failed', 'bounced', 'complained', 'suppressed')),
		at INTEGER NOT NULL,
		domain TEXT,
		reply TEXT,
		reason TEXT CHECK (reason IS NULL OR reason IN ('no_mailbox', 'mailbox_full', 'rejected', 'no_mail_server', 'other')),
		next_attempt_at INTEGER,
		source TEXT
	) STRICT;
	CREATE INDEX delivery_events_outbox ON delivery_events (outbox_id, id);

	-- The address an attempt follows (as typed, and its mailbox), its candidate password (whatever the
	-- outcome, so that the attempt can move to a corrected address), and how often its address was
	-- changed. Receipts written before this version have none of these: no timeline, no change.
	ALTER TABLE receipts ADD COLUMN email TEXT;
	ALTER TABLE receipts ADD COLUMN mailbox TEXT;
	ALTER TABLE receipts ADD COLUMN password_hash TEXT;
	ALTER TABLE receipts ADD COLUMN address_changes INTEGER NOT NULL DEFAULT 0;
	CREATE INDEX receipts_mailbox ON receipts (mailbox, created_at);

	-- Addresses not to mail before "until": they hard-bounced (no such mailbox) or complained.
	CREATE TABLE suppressions (
		mailbox TEXT PRIMARY KEY,
		email TEXT NOT NULL,
		cause TEXT NOT NULL CHECK (cause IN ('failed', 'bounced', 'complained')),
		reason TEXT NOT NULL CHECK (reason IN ('no_mailbox', 'mailbox_full', 'rejected', 'no_mail_server', 'other')),
		outbox_id INTEGER,
		created_at INTEGER NOT NULL,
		until INTEGER NOT NULL
	) STRICT;

	-- Email services' webhook events already taken, by the service's event id: a replay is refused.
	CREATE TABLE webhook_events (
		source TEXT NOT NULL,
		event_id TEXT NOT NULL,
		received_at INTEGER NOT NULL,
		PRIMARY KEY (source, event_id)
	) STRICT;

	-- Keys the server makes for itself on first use: the one that signs bounce addresses (VERP).
	CREATE TABLE server_keys (
		name TEXT PRIMARY KEY,
		key BLOB NOT NULL
	) STRICT;
	`,
	// Version 4: the platform user of an account, when a platform holds the accounts.
	`
	-- The account's user on the platform that holds the accounts (backends/account-platform.ts);
	-- NULL without one. Never a password: the platform keeps it.
	ALTER TABLE accounts ADD COLUMN platform_user_id TEXT;
	`,
	// Version 5: account.confirmed events for a provider's events URL.
	`
	-- account.confirmed events for the provider's events URL (backends/platform/account-events.ts).
	-- The trigger writes one in the very transaction that confirms an account, while a target is
	-- set (the server sets or clears it at start), so no confirmation is missed and none is sent
	-- twice: its webhook-id is fixed here and reused by every retry.
	CREATE TABLE account_event_target (
		id INTEGER PRIMARY KEY CHECK (id = 1),
		url TEXT NOT NULL
	) STRICT;
	CREATE TABLE account_events (
		id INTEGER PRIMARY KEY,
		account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
		webhook_id TEXT NOT NULL UNIQUE,
		occurred_at INTEGER NOT NULL,
		attempts INTEGER NOT NULL DEFAULT 0,
		next_attempt_at INTEGER NOT NULL,
		delivered_at INTEGER,
		failed_at INTEGER
	) STRICT;
	CREATE INDEX account_events_due ON account_events (next_attempt_at) WHERE delivered_at IS NULL AND failed_at IS NULL;
	CREATE TRIGGER account_confirmed_event AFTER UPDATE OF confirmed_at ON accounts
	WHEN OLD.confirmed_at IS NULL AND NEW.confirmed_at IS NOT NULL AND EXISTS (SELECT 1 FROM account_event_target)
	BEGIN
		INSERT INTO account_events (account_id, webhook_id, occurred_at, next_attempt_at)
		VALUES (NEW.id, 'msg_' || lower(hex(randomblob(16))), NEW.confirmed_at, NEW.confirmed_at);
	END;
	`,
	// Version 6: an email a newer attempt replaced before it went out keeps its row, with a
	// "replaced" event, so that its receipt says so instead of showing nothing (SQLite cannot change
	// a CHECK in place: the table is rebuilt with the same rows).
	`
	CREATE TABLE delivery_events_v6 (
		id INTEGER PRIMARY KEY,
		outbox_id INTEGER NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
		kind TEXT NOT NULL CHECK (kind IN ('queued', 'sent', 'deferred', 'failed', 'bounced', 'complained', 'suppressed', 'replaced')),
		at INTEGER NOT NULL,
		domain TEXT,
		reply TEXT,
		reason TEXT CHECK (reason IS NULL OR reason IN ('no_mailbox', 'mailbox_full', 'rejected', 'no_mail_server', 'other')),
		next_attempt_at INTEGER,
		source TEXT
	) STRICT;
	INSERT INTO delivery_events_v6 (id, outbox_id, kind, at, domain, reply, reason, next_attempt_at, source)
		SELECT id, outbox_id, kind, at, domain, reply, reason, next_attempt_at, source FROM delivery_events;
	DROP TABLE delivery_events;
	ALTER TABLE delivery_events_v6 RENAME TO delivery_events;
	CREATE INDEX delivery_events_outbox ON delivery_events (outbox_id, id);
	`,
];
