package postgres

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"
)

// DB is an open padan database on a PostgreSQL server: a pool of
// connections whose schema is at this binary's version.
type DB struct {
	pool     *pgxpool.Pool
	name     string   // the redacted connection string, for messages
	secrets  []string // the passwords to scrub from any error's text
	version  int      // the schema's version when opened
	migrated int      // the migrations Open applied
}

// Open connects to the PostgreSQL database that dsn names (a postgres:// URL
// or a key=value string; the PG* environment variables and ~/.pgpass fill
// in what it leaves out) and checks its schema's version.
//
// A database at this binary's version is opened without any DDL. A newer one
// is refused untouched ([ErrTooNew]). An empty or older one is migrated when
// migrate is true and the role may create the schema's objects; otherwise
// Open fails with [ErrBehind] and changes nothing. A schema that holds tables
// but no padan version is refused ([ErrNotPadan]).
//
// No error, and no [DB.String], contains the password.
func Open(ctx context.Context, dsn string, migrate bool) (*DB, error) {
	name := Redact(dsn)
	secrets := passwords(dsn)
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, scrub(fmt.Errorf("open %s: %w", name, err), secrets)
	}
	if p := cfg.ConnConfig.Password; p != "" {
		secrets = append(secrets, p) // from PGPASSWORD or the DSN
	}
	// ~/.pgpass is read when connecting: its passwords never reach errors,
	// which carry the server's answer, not the password sent.
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, scrub(fmt.Errorf("open %s: %w", name, err), secrets)
	}
	db := &DB{pool: pool, name: name, secrets: secrets}
	if err := db.pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, db.wrap("open", err)
	}
	if err := db.migrate(ctx, migrate); err != nil {
		pool.Close()
		return nil, db.wrap("open", err)
	}
	return db, nil
}

// Close closes the pool's connections.
func (db *DB) Close() { db.pool.Close() }

// String returns the database's connection string without its password.
func (db *DB) String() string { return db.name }

// Pool returns the connection pool, for the store's queries.
func (db *DB) Pool() *pgxpool.Pool { return db.pool }

// Version returns the schema's version: this binary's [SchemaVersion] once
// opened.
func (db *DB) Version() int { return db.version }

// Migrated returns the number of migrations Open applied (0 when the schema
// was already at this binary's version).
func (db *DB) Migrated() int { return db.migrated }

// wrap prefixes err with the operation and the redacted database name, and
// scrubs every known password from its text.
func (db *DB) wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return scrub(fmt.Errorf("%s %s: %w", op, db.name, err), db.secrets)
}

// Redact returns dsn with its password replaced by "xxxxx", for messages: a
// URL's user information and password= parameter, and a key=value string's
// password, quoted or not. A string that is neither is returned with
// anything between ':' and '@' hidden, at worst too much.
func Redact(dsn string) string {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		if u, err := url.Parse(dsn); err == nil {
			q := u.Query()
			if q.Has("password") {
				q.Set("password", "xxxxx")
				u.RawQuery = q.Encode()
			}
			return u.Redacted()
		}
		return brokenURLPassword.ReplaceAllString(kvPassword.ReplaceAllString(dsn, "password=xxxxx"), ":xxxxx@")
	}
	return kvPassword.ReplaceAllString(dsn, "password=xxxxx")
}

var (
	// kvPassword matches a password in a key=value string or a URL query:
	// quoted with its escapes, or up to a space or '&'.
	kvPassword = regexp.MustCompile(`password\s*=\s*('(?:[^'\\]|\\.)*'|[^\s&]*)`)
	// brokenURLPassword matches the password of a URL that does not parse.
	brokenURLPassword = regexp.MustCompile(`:[^:@/]*@`)
)

// passwords returns the passwords written in dsn, as written and decoded,
// to scrub from errors.
func passwords(dsn string) []string {
	var out []string
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		if p, ok := u.User.Password(); ok {
			out = append(out, p)
		}
		if p := u.Query().Get("password"); p != "" {
			out = append(out, p)
		}
	}
	for _, m := range kvPassword.FindAllStringSubmatch(dsn, -1) {
		p := m[1]
		out = append(out, p)
		if len(p) >= 2 && p[0] == '\'' {
			out = append(out, strings.ReplaceAll(strings.ReplaceAll(p[1:len(p)-1], `\'`, `'`), `\\`, `\`))
		}
		if d, err := url.QueryUnescape(p); err == nil {
			out = append(out, d)
		}
	}
	for _, m := range brokenURLPassword.FindAllString(dsn, -1) {
		out = append(out, m[1:len(m)-1])
		if d, err := url.PathUnescape(m[1 : len(m)-1]); err == nil {
			out = append(out, d)
		}
	}
	// Longest first, so that a password containing another is hidden whole.
	var kept []string
	for _, p := range out {
		if p != "" {
			kept = append(kept, p)
		}
	}
	slices.SortFunc(kept, func(a, b string) int { return len(b) - len(a) })
	return kept
}

// scrub returns err with every secret in its text replaced by "xxxxx";
// errors.Is and errors.As still see the original chain.
func scrub(err error, secrets []string) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	clean := msg
	for _, s := range secrets {
		if s != "" {
			clean = strings.ReplaceAll(clean, s, "xxxxx")
		}
	}
	if clean == msg {
		return err
	}
	return &scrubbedError{msg: clean, err: err}
}

// scrubbedError is an error whose text had a password taken out.
type scrubbedError struct {
	msg string
	err error
}

func (e *scrubbedError) Error() string { return e.msg }
func (e *scrubbedError) Unwrap() error { return e.err }
