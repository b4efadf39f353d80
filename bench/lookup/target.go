package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/padan-tm/padan/bench/internal/pgurl"
)

// target is the fresh database a run measures: a SQLite file, or a schema
// of its own in a PostgreSQL database.
type target struct {
	// Backend is "sqlite" or "postgres".
	Backend string
	// DSN is what `padan --db` and tm.Open are given.
	DSN string
	// Shown is DSN without its password, for the report.
	Shown string
	// schema and base are a PostgreSQL target's schema and the database's
	// URL without it.
	schema, base string
}

// newTarget prepares a fresh database for a run. An empty dsn is a SQLite
// file in dir, replaced if it exists (as the bench always did); another
// path must not exist yet. A PostgreSQL URL names a database in which a new
// schema is created (and selected with search_path); Drop removes it.
func newTarget(ctx context.Context, dsn, dir string, units int) (*target, error) {
	if dsn == "" {
		path := filepath.Join(dir, fmt.Sprintf("padan-%d.db", units))
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(path + suffix)
		}
		return &target{Backend: "sqlite", DSN: path, Shown: path}, nil
	}
	if !pgurl.Is(dsn) {
		if _, err := os.Stat(dsn); !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s exists: the bench needs a fresh database (omit -db for a temporary one)", dsn)
		}
		return &target{Backend: "sqlite", DSN: dsn, Shown: dsn}, nil
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return nil, fmt.Errorf("-db: not a URL") // the error would show the password
	}
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return nil, fmt.Errorf("connect %s: %w", u.Redacted(), err)
	}
	defer conn.Close(ctx)
	var b [4]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, err
	}
	schema := fmt.Sprintf("padan_bench_%d_%s", units, hex.EncodeToString(b[:]))
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		return nil, fmt.Errorf("create schema %s: %w", schema, err)
	}
	// As internal/testenv does: one unaccent for every schema, in public.
	if _, err := conn.Exec(ctx, "CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public"); err != nil {
		fmt.Fprintln(os.Stderr, "lookup bench: create extension unaccent:", err)
	}
	withSchema := withSearchPath(u, schema)
	return &target{Backend: "postgres", DSN: withSchema.String(), Shown: withSchema.Redacted(), schema: schema, base: dsn}, nil
}

// reuseTarget returns the existing database dsn names, for a run that
// measures it as it is (-reuse): a SQLite file that exists, or a
// PostgreSQL URL whose search_path names a schema that a run kept with
// -keep (or any padan schema). Nothing is created; Drop must not be called.
func reuseTarget(ctx context.Context, dsn string) (*target, error) {
	if dsn == "" {
		return nil, fmt.Errorf("-reuse needs -db: the database to measure again")
	}
	if !pgurl.Is(dsn) {
		if _, err := os.Stat(dsn); err != nil {
			return nil, fmt.Errorf("-reuse: %w", err)
		}
		return &target{Backend: "sqlite", DSN: dsn, Shown: dsn}, nil
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return nil, fmt.Errorf("-db: not a URL") // the error would show the password
	}
	schema := u.Query().Get("search_path")
	if schema == "" || strings.Contains(schema, ",") {
		return nil, fmt.Errorf("-reuse: the URL %s must name one schema with search_path=", u.Redacted())
	}
	base := *u
	q := base.Query()
	q.Del("search_path")
	base.RawQuery = q.Encode()
	conn, err := pgx.Connect(ctx, base.String())
	if err != nil {
		return nil, fmt.Errorf("connect %s: %w", u.Redacted(), err)
	}
	defer conn.Close(ctx)
	var found bool
	err = conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename = 'memory_entry')`, schema).Scan(&found)
	if err != nil {
		return nil, fmt.Errorf("-reuse: %w", err)
	}
	if !found {
		return nil, fmt.Errorf("-reuse: schema %s holds no padan memory", schema)
	}
	return &target{Backend: "postgres", DSN: dsn, Shown: u.Redacted(), schema: schema, base: base.String()}, nil
}

// withSearchPath returns u with search_path set to schema.
func withSearchPath(u *url.URL, schema string) *url.URL {
	c := *u
	q := c.Query()
	q.Set("search_path", schema)
	c.RawQuery = q.Encode()
	return &c
}

// Size returns the database's size in bytes: the SQLite file and its WAL,
// or the total size (tables, indexes, TOAST) of the schema's tables.
func (t *target) Size(ctx context.Context) (int64, error) {
	if t.Backend == "sqlite" {
		var n int64
		for _, suffix := range []string{"", "-wal"} {
			if fi, err := os.Stat(t.DSN + suffix); err == nil {
				n += fi.Size()
			}
		}
		return n, nil
	}
	conn, err := pgx.Connect(ctx, t.base)
	if err != nil {
		return 0, fmt.Errorf("connect %s: %w", t.Shown, err)
	}
	defer conn.Close(ctx)
	var n int64
	err = conn.QueryRow(ctx, `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint
		FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
		WHERE ns.nspname = $1 AND c.relkind IN ('r', 'm')`, t.schema).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("size of schema %s: %w", t.schema, err)
	}
	return n, nil
}

// Drop removes a PostgreSQL target's schema and all it holds; a SQLite
// file stays, for inspection.
func (t *target) Drop(ctx context.Context) error {
	if t.Backend != "postgres" {
		return nil
	}
	conn, err := pgx.Connect(ctx, t.base)
	if err != nil {
		return fmt.Errorf("connect %s: %w", t.Shown, err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "DROP SCHEMA "+t.schema+" CASCADE"); err != nil {
		return fmt.Errorf("drop schema %s: %w", t.schema, err)
	}
	return nil
}
