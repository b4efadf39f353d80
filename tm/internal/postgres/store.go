package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/padan-tm/padan/tm/internal/backend"
)

func init() {
	backend.Register("postgres", OpenStore)
	backend.Register("postgresql", OpenStore)
}

// Store is a padan database on PostgreSQL as the store's seam sees it: it
// implements [backend.DB] over a [DB].
//
// Writers take turns: every write transaction first takes an advisory
// lock of the schema (held until it commits or rolls back), so that two
// padan processes never write at once, as on SQLite. Reads, lookups and
// concordance searches never wait for it. Because of that lock, ids are
// taken in the order transactions commit: the revision with the highest
// id of a unit is the one committed last, which is what "latest" means to
// the store, and the memory's posting lists (read, merged and rewritten by
// each writer) stay exact. A transaction that still fails with a
// serialization failure or a deadlock (a lock taken by something other
// than padan) is run again ([DB.InTx]).
type Store struct {
	db   *DB
	opts backend.Options
}

var _ backend.DB = (*Store)(nil)

// OpenStore opens the PostgreSQL database that dsn names as a store,
// migrating its schema when it is older than this binary (see [Open]),
// unless o.ReadOnly or o.NoMigrate: a store opened with o.NoMigrate runs
// no DDL and fails with backend.ErrBehind on a schema that is empty or
// older, read-only or not (its owner runs padan db init); a read-only
// store runs no DDL, fails with
// backend.ErrNoDatabase on a schema without padan's tables (creating
// nothing) and with backend.ErrReadOnly on an older schema, and refuses
// every write with backend.ErrReadOnly. A write waits at most o.Wait
// (default [DefaultWait]) for the writers' lock, calling o.OnWait once
// after a second, and then fails with backend.ErrBusy. Errors match
// backend.ErrTooNew for a newer database and backend.ErrNotDatabase for a
// schema holding other tables, and contain no password.
func OpenStore(ctx context.Context, dsn string, o backend.Options) (backend.DB, error) {
	if o.Wait <= 0 {
		o.Wait = DefaultWait
	}
	db, err := connect(ctx, dsn, !o.ReadOnly && !o.NoMigrate)
	switch {
	case errors.Is(err, ErrTooNew):
		return nil, &kindError{kind: backend.ErrTooNew, err: err}
	case errors.Is(err, ErrNotPadan):
		return nil, &kindError{kind: backend.ErrNotDatabase, err: err}
	case o.NoMigrate && errors.Is(err, ErrBehind): // errEmpty too
		return nil, &kindError{kind: backend.ErrBehind, err: err}
	case o.ReadOnly && errors.Is(err, errEmpty):
		return nil, &kindError{kind: backend.ErrNoDatabase, err: err}
	case o.ReadOnly && errors.Is(err, ErrBehind):
		return nil, &kindError{kind: backend.ErrReadOnly, err: err}
	case errors.Is(err, ErrBehind): // errEmpty too
		return nil, &kindError{kind: backend.ErrBehind, err: err}
	case err != nil:
		return nil, err
	}
	return &Store{db: db, opts: o}, nil
}

// DefaultWait is how long a write waits for another process's write by
// default: SQLite's busy timeout.
const DefaultWait = 30 * time.Second

// kindError is an error of this package that also matches one of the
// seam's errors (kind), with its own text.
type kindError struct {
	kind error
	err  error
}

func (e *kindError) Error() string   { return e.err.Error() }
func (e *kindError) Unwrap() []error { return []error{e.err, e.kind} }

// String returns the database's connection string without its password.
func (s *Store) String() string { return s.db.String() }

// Close closes the pool's connections.
func (s *Store) Close() error {
	s.db.Close()
	return nil
}

// wrap scrubs every known password from err's text.
func (s *Store) wrap(err error) error { return scrub(err, s.db.secrets) }

// writeLock takes the advisory lock every write transaction holds: one of
// the schema, so that databases in other schemas do not wait.
const (
	writeLock    = `SELECT pg_advisory_xact_lock(hashtext('padan write ' || current_schema()))`
	tryWriteLock = `SELECT pg_try_advisory_xact_lock(hashtext('padan write ' || current_schema()))`
)

// Write runs fn in a write transaction (read committed, after the
// writers' lock, so that every statement sees what the writers before it
// committed), committed when fn returns nil.
func (s *Store) Write(ctx context.Context, fn func(backend.Tx) error) error {
	return s.write(ctx, fn)
}

// Bulk is Write: COPY makes big writes fast on PostgreSQL without other
// settings.
func (s *Store) Bulk(ctx context.Context, fn func(backend.Tx) error) error {
	return s.write(ctx, fn)
}

func (s *Store) write(ctx context.Context, fn func(backend.Tx) error) error {
	if s.opts.ReadOnly {
		return backend.ErrReadOnly
	}
	err := s.db.InTx(ctx, pgx.TxOptions{IsoLevel: pgx.ReadCommitted}, func(ptx pgx.Tx) error {
		if err := s.lockWriters(ctx, ptx); err != nil {
			return err
		}
		if _, err := ptx.Exec(ctx, writeSettings); err != nil {
			return err
		}
		t := newTx(ptx, true)
		if err := fn(t); err != nil {
			return err
		}
		return t.flushAll(ctx)
	})
	return s.wrap(err)
}

// lockWriters takes the writers' lock in transaction ptx, waiting for the
// writer holding it at most s.opts.Wait: a second, then (after OnWait) the
// rest. It gives up with a [backend.BusyError].
func (s *Store) lockWriters(ctx context.Context, ptx pgx.Tx) error {
	var got bool
	if err := ptx.QueryRow(ctx, tryWriteLock).Scan(&got); err != nil || got {
		return err
	}
	first := min(s.opts.Wait, time.Second)
	got, err := waitLock(ctx, ptx, first)
	if got || err != nil {
		return err
	}
	if s.opts.OnWait != nil {
		s.opts.OnWait()
	}
	if got, err = waitLock(ctx, ptx, s.opts.Wait-first); got || err != nil {
		return err
	}
	return &backend.BusyError{Wait: s.opts.Wait}
}

// waitLock waits at most d for the writers' lock; false when it did not
// come. The wait is a statement with a lock timeout, in a savepoint that a
// timeout rolls back (a failed statement ends a transaction otherwise);
// the session's own lock timeout comes back after it.
func waitLock(ctx context.Context, ptx pgx.Tx, d time.Duration) (bool, error) {
	if d <= 0 {
		return false, nil
	}
	var old string
	if err := ptx.QueryRow(ctx, `SELECT current_setting('lock_timeout')`).Scan(&old); err != nil {
		return false, err
	}
	if _, err := ptx.Exec(ctx, `SAVEPOINT padan_wait`); err != nil {
		return false, err
	}
	if _, err := ptx.Exec(ctx, `SELECT set_config('lock_timeout', $1, true)`, fmt.Sprint(max(d.Milliseconds(), 1))); err != nil {
		return false, err
	}
	_, err := ptx.Exec(ctx, writeLock)
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "55P03" { // lock_not_available
		_, err := ptx.Exec(ctx, `ROLLBACK TO SAVEPOINT padan_wait`)
		return false, err
	}
	if err != nil {
		return false, err
	}
	if _, err := ptx.Exec(ctx, `RELEASE SAVEPOINT padan_wait`); err != nil {
		return false, err
	}
	_, err = ptx.Exec(ctx, `SELECT set_config('lock_timeout', $1, true)`, old)
	return true, err
}

// writeSettings are the settings of a write transaction. A write changes
// the tables it reads (an import doubles a memory in one transaction), so
// each statement is planned with its arguments and the table as it is
// then: a generic plan, which pgx's prepared statements get after five
// runs, is made once, for the table as it was, and kept. Planned on an
// empty memory, the import's check for stored hashes scanned the whole
// table with every batch, for 1,000 units/s instead of tens of thousands.
const writeSettings = `SET LOCAL plan_cache_mode = force_custom_plan`

// beginRead begins a read transaction: read-only, one snapshot of the
// database (repeatable read), and sorts of a few hundred thousand rows
// (post-edit pairs) in memory. One message, so one round trip: every
// command opens a store with a read (the memory's analysis version), and
// a one-shot command's time is mostly round trips.
const beginRead = `BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL work_mem = '64MB'`

// Read runs fn in a read-only transaction that sees one snapshot of the
// database (repeatable read).
func (s *Store) Read(ctx context.Context, fn func(backend.Tx) error) error {
	err := s.db.InTx(ctx, pgx.TxOptions{BeginQuery: beginRead}, func(ptx pgx.Tx) error {
		return fn(newTx(ptx, false))
	})
	return s.wrap(err)
}

// Search runs fn on one connection of the pool, in a read-only
// transaction that sees one snapshot (repeatable read, see snapshotConn):
// its BEGIN goes out with fn's first statement, and its COMMIT is the one
// round trip it adds. A search that runs no statement opens none.
func (s *Store) Search(ctx context.Context, fn func(backend.Searcher) error) error {
	conn, err := s.db.pool.Acquire(ctx)
	if err != nil {
		return s.wrap(err)
	}
	defer conn.Release()
	sc := &snapshotConn{q: conn}
	c := &conn1{q: sc}
	err = fn(&searcher{c: c, m: &memory{c: c}})
	if endErr := sc.end(ctx, err != nil); err == nil {
		err = endErr
	}
	return s.wrap(err)
}

// IntegrityCheck reports "ok" when the server answers, the schema is at
// this binary's version and the memory's rows refer to rows that exist;
// PostgreSQL checks its own storage (the memory index's consistency is
// tm's CheckMemory, the entries' words of concordance tm's CheckFields,
// through [tx.StaleWords]). The references are those migration 10
// stopped the server checking row by row: every key list's entry, every
// entry's language pair.
func (s *Store) IntegrityCheck(ctx context.Context) (string, error) {
	_, version, _, err := schemaState(ctx, s.db.pool)
	if err != nil {
		return "", s.wrap(err)
	}
	if version != SchemaVersion {
		return fmt.Sprintf("schema version %d, expected %d", version, SchemaVersion), nil
	}
	var keys, pairs int64
	err = s.db.pool.QueryRow(ctx, danglingRefs).Scan(&keys, &pairs)
	if err != nil {
		return "", s.wrap(fmt.Errorf("check references: %w", err))
	}
	var problems []string
	if keys > 0 {
		problems = append(problems, fmt.Sprintf("%d key lists of no memory entry", keys))
	}
	if pairs > 0 {
		problems = append(problems, fmt.Sprintf("%d memory entries of no language pair", pairs))
	}
	if len(problems) > 0 {
		return strings.Join(problems, "; "), nil
	}
	return "ok", nil
}

// danglingRefs counts the key lists whose entry does not exist and the
// entries whose language pair does not.
const danglingRefs = `SELECT
	(SELECT count(*) FROM memory_keys k WHERE NOT EXISTS (SELECT 1 FROM memory_entry e WHERE e.id = k.id)),
	(SELECT count(*) FROM memory_entry e WHERE NOT EXISTS (SELECT 1 FROM memory_pair p WHERE p.id = e.pair))`

// searcher is a [backend.Searcher] on one pooled connection.
type searcher struct {
	c *conn1
	m *memory
}

func (s *searcher) Memory() backend.MemoryReader { return s.m }

func (s *searcher) TranslatorText(ctx context.Context, unitID int64, lang string) (backend.RevisionRow, bool, error) {
	s.c.mu.Lock()
	defer s.c.mu.Unlock()
	return translatorText(ctx, s.c.q, unitID, lang)
}

// querier is what a transaction and a pooled connection both offer.
type querier interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults
	CopyFrom(ctx context.Context, table pgx.Identifier, columns []string, src pgx.CopyFromSource) (int64, error)
	Begin(ctx context.Context) (pgx.Tx, error)
}

// conn1 is one connection (a transaction's or a pooled one) used by one
// statement at a time: the store streams a document's units on one
// goroutine while its caller writes on another, and a PostgreSQL
// connection runs one statement at a time.
type conn1 struct {
	mu sync.Mutex
	q  querier
}
