// Package postgres is padan's PostgreSQL backend: connecting without ever
// showing the password, the schema's numbered migrations, transactions that
// retry serialization failures and deadlocks, bulk writing with COPY and
// batches, and the phrase queries of concordance searches.
//
// It knows nothing of padan's domain (it does not import tm): it holds the
// SQL dialect, and tm's store calls it through the store's seam.
//
// # Driver
//
// The package uses pgx's native API ([github.com/jackc/pgx/v5/pgxpool]),
// not database/sql through pgx's stdlib adapter, because what a shared
// memory needs most is only in the native API: COPY ([pgx.Conn.CopyFrom])
// for bulk imports, batches sent in one round trip ([pgx.Batch]) for the
// statements COPY cannot do (upserts of the dictionary), typed server
// errors ([pgconn.PgError] with its SQLSTATE) to tell a serialization
// failure from a real error, and fewer allocations per row. A pool rather
// than one connection lets the lookups of one process run side by side.
//
// # Connecting
//
// [Open] takes a URL (postgres://user@host:5432/db?sslmode=...) or a
// key=value string (host=... dbname=...). What it leaves out comes from the
// standard PG* environment variables (PGHOST, PGUSER, PGPASSWORD,
// PGPASSFILE, ...) and from ~/.pgpass, as with psql. The password is never
// part of an error or of [DB.String]: see [Redact].
//
// # Schema and migrations
//
// The schema is created by the numbered files in migrations/, the
// PostgreSQL translation of the SQLite schema of the same number (the same
// tables, columns and meaning; times are text in SQLite's format, so that
// both backends print the same bytes). Each migration runs in its own
// transaction under a transaction-scoped advisory lock, and records its
// number in padan_migrations, so that two padan processes starting on a new
// database at once both succeed. A database newer than the binary is refused
// untouched ([ErrTooNew]). Migrating needs DDL rights: a role without them
// opens a database at the binary's version and uses it with SELECT, INSERT,
// UPDATE and DELETE only (see roles.sql for the roles a newsroom creates).
//
// # Concordance
//
// memory_entry has two generated tsvector columns, over its source and its
// target, in the text search configuration padan_text: PostgreSQL's
// "simple" configuration (words lower-cased, no stemming, no stop words)
// with the unaccent dictionary first, so that phrase queries
// ([PhraseQuery]) ignore case and diacritics, as SQLite's FTS5 index does.
package postgres
