package tm

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/padan-tm/padan/tm/internal/backend"
	"github.com/padan-tm/padan/tm/internal/hook"
	"github.com/padan-tm/padan/tm/internal/sqlite"
	"github.com/padan-tm/padan/tm/internal/stored"
	"github.com/padan-tm/padan/tm/memory"
)

// Store is an open padan database. It is safe for concurrent use.
type Store struct {
	db   backend.DB
	path string
	opts Options
	// Now returns the time recorded in new rows; tests replace it.
	Now func() time.Time
}

// ErrNoBackend means the database named is on a backend this binary was
// built without (PostgreSQL, until its backend is registered).
var ErrNoBackend = errors.New("tm: PostgreSQL support not built yet")

// BusyTimeout is how long a write waits, by default, for another
// process's write to end before failing with [ErrBusy].
const BusyTimeout = sqlite.BusyTimeout

// Options tune how [OpenWith] opens a database. The zero value is what
// [Open] does.
type Options struct {
	// ReadOnly opens an existing database for reading only: where there is
	// no database (no file, or an empty one) Open fails with
	// [ErrNoDatabase] and creates nothing; every write fails with
	// [ErrReadOnly]; a database in a read-only folder, or a read-only
	// file, can be read.
	ReadOnly bool
	// Wait is how long a write waits for another process's write to end
	// before failing with [ErrBusy]; 0 means [BusyTimeout].
	Wait time.Duration
	// OnWait, when set, is called when a write has waited a second for
	// another process's write to end and goes on waiting (once per write).
	OnWait func()
	// NoMigrate opens a PostgreSQL database without any DDL, as a role
	// with only SELECT, INSERT, UPDATE and DELETE rights can: a schema
	// that is empty or older than this program fails with [ErrBehind]
	// (its owner runs [Init]). SQLite files are created and migrated
	// regardless.
	NoMigrate bool
	// OnReindex, when set, is called before the memory index of a
	// database whose keys an older padan computed (see
	// fuzzy.AnalysisVersion) is rebuilt, which takes time in proportion
	// to the memory's entries. An empty memory is brought up to date
	// without a call.
	OnReindex func()
}

// Open opens the padan database that dsn names: a postgres:// or
// postgresql:// URL names a PostgreSQL database, anything else the path of
// an SQLite file, which is created (with its schema) when it does not
// exist. An older schema is migrated to the current one (on PostgreSQL
// unless [Options.NoMigrate]: then it fails with [ErrBehind]). A missing folder
// gives an error matching [ErrNoFolder]; a file that is not a padan
// database, [ErrNotDatabase]; a database from a newer padan, [ErrTooNew];
// a database that cannot be written, [ErrReadOnly]; a PostgreSQL URL when
// this binary has no PostgreSQL backend, [ErrNoBackend]. Errors name the
// database without its password.
func Open(ctx context.Context, dsn string) (*Store, error) {
	return OpenWith(ctx, dsn, Options{})
}

// OpenWith is [Open] with options: read-only, and how long writes wait for
// other processes' writes. Besides migrating an older schema, it rebuilds,
// in one transaction, the memory index of a database that an older
// analysis indexed, so that lookups find every match.
func OpenWith(ctx context.Context, dsn string, o Options) (*Store, error) {
	s, err := open(ctx, dsn, o)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", Redact(dsn), err)
	}
	return s, nil
}

// open is [OpenWith] without naming the database in its errors.
func open(ctx context.Context, dsn string, o Options) (*Store, error) {
	if o.Wait <= 0 {
		o.Wait = BusyTimeout
	}
	bo := backend.Options{ReadOnly: o.ReadOnly, Wait: o.Wait, OnWait: o.OnWait, NoMigrate: o.NoMigrate}
	var db backend.DB
	var err error
	if isPostgres(dsn) {
		openPG := backend.Lookup("postgres")
		if openPG == nil {
			return nil, ErrNoBackend
		}
		db, err = openPG(ctx, dsn, bo)
	} else {
		db, err = sqlite.Open(ctx, dsn, bo)
	}
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: dsn, opts: o, Now: time.Now}
	if err := s.upgradeMemory(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// upgradeMemory rebuilds the memory index when an older analysis computed
// its keys (see memory.Upgrade), closing the store on failure. A store
// opened read-only is rebuilt through a writable one, as an older schema
// is migrated, where the database can be written; where it cannot, the
// lookups could miss matches, so it fails with [ErrReadOnly].
func (s *Store) upgradeMemory(ctx context.Context) error {
	if !s.opts.ReadOnly {
		_, err := memory.Upgrade(ctx, s.db, s.opts.OnReindex)
		if err != nil {
			s.db.Close()
		}
		return err
	}
	var stale bool
	err := s.db.Read(ctx, func(tx backend.Tx) (err error) {
		stale, err = memory.Stale(ctx, tx.Memory())
		return err
	})
	if err != nil || !stale {
		if err != nil {
			s.db.Close()
		}
		return err
	}
	s.db.Close()
	wo := s.opts
	wo.ReadOnly = false
	w, err := open(ctx, s.path, wo)
	if err != nil {
		if errors.Is(err, ErrReadOnly) {
			return fmt.Errorf("%w: its memory index must be rebuilt by a padan that can write it", ErrReadOnly)
		}
		return err
	}
	w.Close()
	r, err := open(ctx, s.path, s.opts)
	if err != nil {
		return err
	}
	s.db = r.db
	return nil
}

// IsURL reports whether dsn names a database server (a postgres:// or
// postgresql:// URL) rather than a file.
func IsURL(dsn string) bool { return isPostgres(dsn) }

// isPostgres reports whether dsn is a PostgreSQL URL.
func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Redact returns dsn as it may be shown: a URL with its password (in its
// user information or its password parameter) replaced by "xxxxx", a path
// as it is.
func Redact(dsn string) string {
	if !isPostgres(dsn) {
		return dsn
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://(malformed URL)"
	}
	if q := u.Query(); q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.Redacted()
}

// Path returns the database's name as given to [Open] (a file's path, or a
// URL with its password).
func (s *Store) Path() string { return s.path }

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// IntegrityCheck checks the database's storage and returns its report:
// "ok" for a sound database (SQLite: PRAGMA integrity_check).
func (s *Store) IntegrityCheck(ctx context.Context) (string, error) {
	return s.db.IntegrityCheck(ctx)
}

// session is the store as one call sees it: outside a transaction
// (t nil), or inside the transaction of an [Store.Update] (t), which the
// call then joins. It is passed explicitly, never carried in a context.
type session struct {
	*Store
	t *openTx
}

// session returns the store as seen from the Update transaction t, or
// from outside any transaction when t is nil.
func (s *Store) session(t *openTx) *session { return &session{Store: s, t: t} }

// Tx is the write transaction of one [Store.Update] call: its methods are
// the store's, run in that transaction. It is valid only until the
// function given to Update returns.
type Tx struct {
	s *Store
	t *openTx
}

// openTx is the transaction of an [Store.Update] call.
type openTx struct {
	tx    backend.Tx
	depth int
	// syncs are the memory syncs that the writes so far call for, run
	// together at the end of Update, or between two calls once pending,
	// the number of units they touch, reaches syncDeferMax (see
	// session.syncMemory).
	syncs   []pendingSync
	pending int
	err     error // a sync between two calls failed: the Update fails
}

// pendingSync is a call for syncMemory put off to the end of an Update.
type pendingSync struct {
	versionID int64
	lang      string
	touched   []int
}

// Update runs fn in one write transaction: every method of tx that fn
// calls (Revise, Approve, Reject, Import, AddEntries, …) joins that
// transaction, so that all of fn is written or none of it. A method that
// fails inside fn undoes its own writes (a savepoint), and an error
// returned by fn undoes everything.
//
// Reads through tx see fn's writes (lookups and concordance, though, read
// the memory as committed). The memory entries of the units that fn
// revises are written at the end of Update, all together (a unit revised
// and then approved in one Update enters the memory once, as final), or,
// once 50,000 units wait, between two of fn's calls.
func (s *Store) Update(ctx context.Context, fn func(ctx context.Context, tx *Tx) error) error {
	return s.db.Write(ctx, func(tx backend.Tx) error {
		t := &openTx{tx: tx}
		if err := fn(ctx, &Tx{s: s, t: t}); err != nil {
			return err
		}
		if t.err != nil {
			return t.err
		}
		return t.runSyncs(ctx)
	})
}

// runSyncs runs the memory syncs put off to the end of the Update, one per
// document version and language, over all the units touched.
func (t *openTx) runSyncs(ctx context.Context) error {
	type key struct {
		versionID int64
		lang      string
	}
	var order []key
	touched := map[key][]int{}
	all := map[key]bool{} // a sync of every unit (touched nil)
	for _, p := range t.syncs {
		k := key{p.versionID, p.lang}
		if _, ok := touched[k]; !ok {
			order = append(order, k)
		}
		touched[k] = append(touched[k], p.touched...)
		all[k] = all[k] || p.touched == nil
	}
	t.syncs, t.pending = nil, 0
	for _, k := range order {
		idx := touched[k] // syncMemory sorts it and drops repeats
		if all[k] {
			idx = nil
		} else if len(idx) == 0 {
			continue
		}
		if err := syncMemory(ctx, t.tx, k.versionID, k.lang, idx); err != nil {
			return err
		}
	}
	return nil
}

// syncMemory brings the memory up to date with the touched units of a
// document version in lang (see the function syncMemory) now, or, inside
// [Store.Update], at its end.
func (s *session) syncMemory(ctx context.Context, tx backend.Tx, versionID int64, lang string, touched []int) error {
	if t := s.t; t != nil {
		t.syncs = append(t.syncs, pendingSync{versionID, lang, slices.Clone(touched)})
		t.pending += len(touched)
		return nil
	}
	return syncMemory(ctx, tx, versionID, lang, touched)
}

// syncDeferMax is how many touched units an Update lets wait for the
// memory sync: past it they are synced as soon as the method that touched
// them returns, so that the memory the sync takes stays bounded however
// much the Update writes.
var syncDeferMax = 50000

// withTx runs fn in a write transaction of its own, or, inside
// [Store.Update], in a savepoint of Update's transaction.
func (s *session) withTx(ctx context.Context, fn func(backend.Tx) error) error {
	t := s.t
	if t == nil {
		return s.db.Write(ctx, fn)
	}
	t.depth++
	defer func() { t.depth-- }()
	syncs := len(t.syncs)
	if err := t.tx.Savepoint(ctx, func() error { return fn(t.tx) }); err != nil {
		t.syncs = t.syncs[:syncs] // the undone writes call for none
		t.pending = 0
		for _, p := range t.syncs {
			t.pending += len(p.touched)
		}
		return err
	}
	// Many units wait for the memory: sync them now, between two calls of
	// the Update's function (not inside one, whose savepoint could still
	// be undone). A failure here fails the whole Update.
	if t.depth == 1 && t.pending >= syncDeferMax {
		if err := t.runSyncs(ctx); err != nil {
			t.err = err
			return err
		}
	}
	return nil
}

// withBulkTx is withTx for a big addition to the memory (see
// backend.DB.Bulk); inside [Store.Update] it is withTx.
func (s *session) withBulkTx(ctx context.Context, fn func(backend.Tx) error) error {
	if s.t != nil {
		return s.withTx(ctx, fn)
	}
	return s.db.Bulk(ctx, fn)
}

// readTx runs fn in a read transaction (one consistent state), or, inside
// [Store.Update], in its transaction, so that a read sees what the Update
// has written so far (an imported document, say).
func (s *session) readTx(ctx context.Context, fn func(backend.Tx) error) error {
	if t := s.t; t != nil {
		return fn(t.tx)
	}
	return s.db.Read(ctx, fn)
}

func (s *Store) now() string { return stored.Time(s.Now()) }

func init() {
	hook.DB = func(store any) backend.DB { return store.(*Store).db }
}
