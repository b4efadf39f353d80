package postgres

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
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
	db, err := connect(ctx, dsn, migrate)
	if err != nil {
		name := Redact(dsn)
		if strings.TrimSpace(dsn) == "" {
			name = "(PG* environment variables)"
		}
		return nil, scrub(fmt.Errorf("open %s: %w", name, err), passwords(dsn))
	}
	return db, nil
}

// sessionDefaults are the settings of padan's sessions, unless the
// connection string sets them (?jit=on, ?application_name=…):
//   - jit off: padan's queries are short, and a plan whose cost estimate
//     passes jit_above_cost (the post-edit figures of a 1M-segment
//     document, with a subquery per row) spent 3 s of `padan stats`'s 3.4
//     compiling itself;
//   - application_name padan, which pg_stat_activity shows the desk's
//     administrator.
var sessionDefaults = map[string]string{"jit": "off", "application_name": "padan"}

// testTracer, when a test sets it, traces the statements of the
// connections opened after.
var testTracer pgx.QueryTracer

// connect is [Open] with errors that do not name the database (their
// texts hold no password).
func connect(ctx context.Context, dsn string, migrate bool) (*DB, error) {
	name := Redact(dsn)
	if strings.TrimSpace(dsn) == "" {
		name = "(PG* environment variables)"
	}
	secrets := passwords(dsn)
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, scrub(err, secrets)
	}
	// The password in use, from the string, PGPASSWORD or the passfile
	// (which ParseConfig reads).
	if p := cfg.ConnConfig.Password; p != "" {
		secrets = append(secrets, p)
	}
	if !strings.HasPrefix(dsn, "postgres://") && !strings.HasPrefix(dsn, "postgresql://") {
		// Name a key=value string or the environment's database as a URL.
		name = (&url.URL{Scheme: "postgres", User: url.User(cfg.ConnConfig.User),
			Host: net.JoinHostPort(cfg.ConnConfig.Host, strconv.Itoa(int(cfg.ConnConfig.Port))),
			Path: "/" + cfg.ConnConfig.Database}).String()
	}
	for k, v := range sessionDefaults {
		if _, set := cfg.ConnConfig.RuntimeParams[k]; !set {
			cfg.ConnConfig.RuntimeParams[k] = v
		}
	}
	if testTracer != nil {
		cfg.ConnConfig.Tracer = testTracer
	}
	// Entries' words are sent as padan computed them (AppendWords).
	cfg.AfterConnect = func(_ context.Context, c *pgx.Conn) error {
		registerWords(c.TypeMap())
		return nil
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, scrub(err, secrets)
	}
	db := &DB{pool: pool, name: name, secrets: secrets}
	// No Ping: the version check's statement opens the first connection
	// (one round trip less for a one-shot command).
	if err := db.migrate(ctx, migrate); err != nil {
		pool.Close()
		return nil, scrub(err, secrets)
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
		// Not net/url's Redacted: pgx takes the user's part of some URLs
		// up to the last "@" where net/url stops at "?" or "#".
		return redactURLPassword(queryPassword.ReplaceAllString(dsn, "password=xxxxx"))
	}
	return kvPassword.ReplaceAllString(dsn, "password=xxxxx")
}

var (
	// kvPassword matches the password of a key=value string: quoted, with
	// its escapes, or up to a space, with its escapes.
	kvPassword = regexp.MustCompile(`password\s*=\s*('(?:[^'\\]|\\.)*'?|(?:[^\s'\\]|\\.?)*)`)
	// queryPassword matches the password parameter of a URL's query.
	queryPassword = regexp.MustCompile(`password=[^&#]*`)
)

// redactURLPassword hides what may be the password of a URL as pgx reads
// it: see urlPasswordSpan.
func redactURLPassword(dsn string) string {
	if i, j, ok := urlPasswordSpan(dsn); ok {
		return dsn[:i] + "xxxxx" + dsn[j:]
	}
	return dsn
}

// urlPasswordSpan returns where the password of a URL may be, as pgx
// reads it (net/url stops earlier, at "?" or "#", or cannot parse some
// URLs pgx takes), dsn[i:j]: everything from the first colon after "//"
// to the last "@" of the string, whatever it holds. It may hold more
// than the password (a colon in the user's name, an "@" further on),
// never less.
func urlPasswordSpan(dsn string) (i, j int, ok bool) {
	start := strings.Index(dsn, "://")
	if start < 0 {
		return 0, 0, false
	}
	start += len("://")
	at := strings.LastIndex(dsn, "@")
	if at < start {
		return 0, 0, false
	}
	colon := strings.Index(dsn[start:at], ":")
	if colon < 0 {
		return 0, 0, false
	}
	return start + colon + 1, at, true
}

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
		out = append(out, p, strings.Trim(p, "'"), unescape(strings.Trim(p, "'")))
	}
	for _, m := range queryPassword.FindAllString(dsn, -1) {
		p := strings.TrimPrefix(m, "password=")
		out = append(out, p)
		if d, err := url.QueryUnescape(p); err == nil {
			out = append(out, d)
		}
	}
	if i, j, ok := urlPasswordSpan(dsn); ok {
		out = append(out, dsn[i:j])
		if d, err := url.PathUnescape(dsn[i:j]); err == nil {
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

// unescape removes the backslashes of a key=value string's value.
func unescape(v string) string {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] == '\\' && i+1 < len(v) {
			i++
		}
		b.WriteByte(v[i])
	}
	return b.String()
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
