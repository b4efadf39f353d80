package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Errors of [Open] about the schema's version.
var (
	// ErrTooNew: the database was migrated by a newer padan; it is left
	// untouched.
	ErrTooNew = errors.New("postgres: the database is newer than this padan")
	// ErrBehind: the database's schema is older than this padan (or empty)
	// and was not migrated, because migrating was not asked for or the role
	// has no right to (the owner runs `padan db init`).
	ErrBehind = errors.New("postgres: the database's schema is older than this padan")
	// ErrNotPadan: the schema holds tables but is not a padan database.
	ErrNotPadan = errors.New("postgres: the schema holds tables of something other than padan")
	// ErrNoSchema: the search path names no existing schema to create
	// padan's tables in.
	ErrNoSchema = errors.New("postgres: no schema of the search path exists")
)

// errEmpty is [ErrBehind] for a schema that holds no padan database yet.
var errEmpty = fmt.Errorf("%w: it holds no padan database yet", ErrBehind)

// migration is one numbered file of migrations/.
type migration struct {
	version int
	name    string
	sql     string
}

// migrationSteps are the work in Go that a migration does after its SQL,
// in the same transaction, by the migration's number.
var migrationSteps = map[int]func(context.Context, pgx.Tx) error{
	11: func(ctx context.Context, tx pgx.Tx) error { _, _, err := recomputeWords(ctx, tx, true, 0); return err },
}

// migrations returns the embedded migrations in order; their numbers must
// be 1, 2, 3... without gaps.
func migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, n := range names { // fs.Glob returns them sorted
		base := path.Base(n)
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v != len(out)+1 {
			return nil, fmt.Errorf("postgres: migration %s: expected number %04d", base, len(out)+1)
		}
		b, err := migrationFiles.ReadFile(n)
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: base, sql: string(b)})
	}
	return out, nil
}

// SchemaVersion is the schema version this binary writes: the number of its
// last migration.
var SchemaVersion = func() int {
	ms, err := migrations()
	if err != nil {
		panic(err) // the embedded files are part of the binary
	}
	return len(ms)
}()

// schemaState reads the version of the schema padan uses (the first existing
// schema of the search path): 0 when it has no padan_migrations table.
// other reports whether it then holds other tables.
func schemaState(ctx context.Context, q Querier) (schema string, version int, other bool, err error) {
	var s *string
	var hasTable bool
	err = q.QueryRow(ctx, `SELECT current_schema(),
		EXISTS (SELECT 1 FROM pg_catalog.pg_tables
			WHERE schemaname = current_schema() AND tablename = 'padan_migrations'),
		EXISTS (SELECT 1 FROM pg_catalog.pg_class c
			WHERE c.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = current_schema()) AND c.relkind IN ('r', 'p', 'v', 'm'))`).
		Scan(&s, &hasTable, &other)
	if err != nil {
		return "", 0, false, fmt.Errorf("read schema version: %w", err)
	}
	if s == nil {
		return "", 0, false, ErrNoSchema
	}
	if !hasTable {
		return *s, 0, other, nil
	}
	if err := q.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM padan_migrations`).Scan(&version); err != nil {
		return "", 0, false, fmt.Errorf("read schema version: %w", err)
	}
	return *s, version, false, nil
}

// versionQuery reads, in one statement, the current schema, whether the
// padan_migrations table the search path finds is that schema's, and its
// version. It fails (undefined_table) when no schema of the search path
// has the table.
const versionQuery = `SELECT current_schema(),
	(SELECT c.relnamespace FROM pg_catalog.pg_class c WHERE c.oid = to_regclass('padan_migrations'))
		= to_regnamespace(current_schema()),
	(SELECT coalesce(max(version), 0) FROM padan_migrations)`

// openState is [schemaState] in one round trip when the schema holds a
// padan database (every open but the first): one statement sent whole
// (the simple protocol; a prepared statement costs a round trip more)
// instead of two prepared ones. Any other schema is read by schemaState.
func openState(ctx context.Context, q Querier) (schema string, version int, other bool, err error) {
	var s *string
	var ours *bool
	err = q.QueryRow(ctx, versionQuery, pgx.QueryExecModeSimpleProtocol).Scan(&s, &ours, &version)
	var pe *pgconn.PgError
	var ce *pgconn.ConnectError
	switch {
	case err == nil && s != nil && ours != nil && *ours:
		return *s, version, false, nil
	case errors.As(err, &ce):
		return "", 0, false, err // as a connection's failure reads
	case err == nil, errors.As(err, &pe) && pe.Code == "42P01": // undefined_table
		return schemaState(ctx, q)
	}
	return "", 0, false, fmt.Errorf("read schema version: %w", err)
}

// Querier is what pools ([DB.Pool]), connections and transactions have in
// common: what the functions of this package that only read need.
type Querier interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// migrate brings the schema to SchemaVersion, or checks that it is there
// when allow is false. Each migration runs in its own transaction, which
// first takes an advisory lock of the schema and reads the version again:
// of two processes migrating at once, the second waits for the first and
// then finds the work done.
func (db *DB) migrate(ctx context.Context, allow bool) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	schema, version, other, err := openState(ctx, db.pool)
	if err != nil {
		return err
	}
	if err := checkVersion(schema, version, other, allow); err != nil {
		return err
	}
	for _, m := range ms {
		if m.version <= version {
			continue
		}
		applied, err := db.apply(ctx, m)
		if err != nil {
			return err
		}
		if applied {
			db.migrated++
		}
	}
	db.version = SchemaVersion
	return nil
}

// checkVersion says whether a schema at version may be used as it is (nil
// and version == SchemaVersion) or migrated (nil, and allow).
func checkVersion(schema string, version int, other, allow bool) error {
	switch {
	case version > SchemaVersion:
		return fmt.Errorf("schema %s is at version %d, this padan knows up to %d: %w", schema, version, SchemaVersion, ErrTooNew)
	case version == 0 && other:
		return fmt.Errorf("schema %s: %w", schema, ErrNotPadan)
	case version == 0 && !allow:
		return fmt.Errorf("schema %s: %w", schema, errEmpty)
	case version < SchemaVersion && !allow:
		return fmt.Errorf("schema %s is at version %d, this padan needs %d: %w", schema, version, SchemaVersion, ErrBehind)
	}
	return nil
}

// apply runs one migration in a transaction under the schema's advisory
// lock, unless another process applied it meanwhile (applied is then
// false).
func (db *DB) apply(ctx context.Context, m migration) (applied bool, err error) {
	err = pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('padan migrate ' || current_schema()))`); err != nil {
			return err
		}
		schema, version, other, err := schemaState(ctx, tx)
		if err != nil {
			return err
		}
		if err := checkVersion(schema, version, other, true); err != nil {
			return err
		}
		if version >= m.version {
			return nil
		}
		if m.version == 1 {
			if _, err := tx.Exec(ctx, `CREATE TABLE padan_migrations (
				version integer PRIMARY KEY,
				name    text NOT NULL,
				applied timestamptz NOT NULL DEFAULT now()
			)`); err != nil {
				return err
			}
		}
		// Simple protocol: a migration is many statements in one string.
		if _, err := tx.Exec(ctx, m.sql, pgx.QueryExecModeSimpleProtocol); err != nil {
			return err
		}
		if step := migrationSteps[m.version]; step != nil {
			if err := step(ctx, tx); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(ctx, `INSERT INTO padan_migrations (version, name) VALUES ($1, $2)`, m.version, m.name); err != nil {
			return err
		}
		applied = true
		return nil
	})
	if err != nil {
		applied = false
		var pe *pgconn.PgError
		if errors.As(err, &pe) && pe.Code == "42501" { // insufficient_privilege
			return false, fmt.Errorf("migration %s: %w (%w)", m.name, ErrBehind, err)
		}
		return false, fmt.Errorf("migration %s: %w", m.name, err)
	}
	return applied, nil
}
