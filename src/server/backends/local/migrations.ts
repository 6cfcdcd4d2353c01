/**
 * The schema of the built-in backend, as an append-only list: migration `i` takes the database from
 * `user_version` i to i + 1. Never edit a shipped migration; add one.
 *
 * Times are milliseconds since the epoch. Secrets (tokens, receipts, codes) are stored as SHA-256
 * hashes only; the one exception is an unsent email in the outbox, which must carry its link until
 * it is delivered and is blanked right after.
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
];
