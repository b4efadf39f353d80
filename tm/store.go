package tm

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver, registered as "sqlite"
)

// ApplicationID is the SQLite application_id of a padan database ("PADA").
const ApplicationID = 0x50414441

// BusyTimeout is how long a write waits, by default, for another
// process's write to end before failing with [ErrBusy].
const BusyTimeout = 30 * time.Second

// waitNotice is how long a write waits for another process's write lock
// before [Options.OnWait] is called.
const waitNotice = time.Second

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Migrations returns the schema migrations in order: the SQL of
// migrations/0001_*.sql, 0002_*.sql, …; migration i sets user_version i+1.
func Migrations() ([]string, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	out := make([]string, 0, len(names))
	for i, name := range names {
		base := filepath.Base(name)
		n, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil || n != i+1 {
			return nil, fmt.Errorf("migration %s: expected number %04d", base, i+1)
		}
		b, err := migrationFiles.ReadFile(name)
		if err != nil {
			return nil, err
		}
		out = append(out, string(b))
	}
	return out, nil
}

// Store is an open padan database. It is safe for concurrent use.
type Store struct {
	db   *sql.DB
	path string
	opts Options
	// Now returns the time recorded in new rows; tests replace it.
	Now func() time.Time
}

// sqliteMagic is the first 16 bytes of every SQLite database file.
var sqliteMagic = []byte("SQLite format 3\x00")

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
}

// Open opens the padan database at path, creating it (and its schema) when
// the file does not exist, and migrating an older schema to the current one.
// A missing folder gives an error matching [ErrNoFolder]; a file that is not
// a padan database, [ErrNotDatabase]; a database from a newer padan,
// [ErrTooNew]; a database that cannot be written, [ErrReadOnly].
func Open(ctx context.Context, path string) (*Store, error) {
	return OpenWith(ctx, path, Options{})
}

// OpenWith is [Open] with options: read-only, and how long writes wait for
// other processes' writes.
func OpenWith(ctx context.Context, path string, o Options) (*Store, error) {
	if o.Wait <= 0 {
		o.Wait = BusyTimeout
	}
	s, err := open(ctx, path, o)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return s, nil
}

func open(ctx context.Context, path string, o Options) (*Store, error) {
	if err := checkFile(path); err != nil {
		return nil, err
	}
	fi, err := os.Stat(path)
	switch {
	case o.ReadOnly && (errors.Is(err, fs.ErrNotExist) || err == nil && fi.Size() == 0):
		return nil, ErrNoDatabase
	case errors.Is(err, fs.ErrNotExist):
		if err := create(ctx, path, o); err != nil {
			return nil, readOnly(err)
		}
	}
	if err := checkApplication(ctx, path, o); err != nil {
		return nil, err
	}
	if o.ReadOnly {
		return openReadOnly(ctx, path, o)
	}
	s, err := openMigrated(ctx, path, o, false)
	return s, readOnly(err)
}

// openReadOnly opens an existing database for reading only. Where the
// database can be written, that is a read-write connection that refuses
// writes (PRAGMA query_only), which leaves the folder as it was and can
// bring an older schema up to date first. Where it cannot (a read-only
// folder has no room for the WAL index), SQLite opens it read-only and, as
// no process can be writing it then, immutable.
func openReadOnly(ctx context.Context, path string, o Options) (*Store, error) {
	s, err := openMigrated(ctx, path, o, true)
	if err == nil || !errors.Is(readOnly(err), ErrReadOnly) {
		return s, err
	}
	// A WAL that still holds writes cannot be read without its index.
	if fi, serr := os.Stat(path + "-wal"); serr == nil && fi.Size() > 0 {
		return nil, err
	}
	return openImmutable(ctx, path, o)
}

// openImmutable opens the database read-only without locks or WAL index
// (SQLite's immutable=1): for a database that nothing can write.
func openImmutable(ctx context.Context, path string, o Options) (*Store, error) {
	q := url.Values{}
	q.Set("mode", "ro")
	q.Set("immutable", "1")
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: path, opts: o, Now: time.Now}
	if err := s.checkCurrent(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// checkCurrent refuses a database whose schema is older than this
// program's, when it cannot be migrated (it is read-only).
func (s *Store) checkCurrent(ctx context.Context) error {
	migrations, err := Migrations()
	if err != nil {
		return err
	}
	v, err := s.checkSchema(ctx, s.db, len(migrations))
	if err != nil {
		return readOnly(err)
	}
	if v < len(migrations) {
		return fmt.Errorf("%w: schema version %d must be brought up to date (version %d) by a padan that can write it", ErrReadOnly, v, len(migrations))
	}
	return nil
}

// create makes a new database at path atomically: the schema is built in a
// temporary file beside it, which is then linked into place. Another
// process opening path at the same moment sees either no file or a whole
// padan database, never one half-made. If another process linked its own
// first, that one is kept. Where the file system cannot link, the database
// is made in place as SQLite does.
func create(ctx context.Context, path string, o Options) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".new-*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	tmp.Close()
	defer func() {
		for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
			os.Remove(name + suffix)
		}
	}()
	s, err := openMigrated(ctx, name, o, false)
	if err != nil {
		return err
	}
	// Closing the last connection checkpoints the WAL into the file.
	if err := s.Close(); err != nil {
		return err
	}
	if err := os.Chmod(name, 0o644); err != nil {
		return err
	}
	// An error here is a file another process linked first (its database is
	// kept), or a file system without hard links (Open then makes the
	// database in place).
	_ = os.Link(name, path)
	return nil
}

// openMigrated opens the database file at path read-write with padan's
// settings and brings its schema up to date; with queryOnly, its
// connections then refuse writes.
func openMigrated(ctx context.Context, path string, o Options, queryOnly bool) (*Store, error) {
	s, err := openDSN(path, o, false)
	if err != nil {
		return nil, err
	}
	if err := s.migrate(ctx); err != nil {
		s.db.Close()
		return nil, err
	}
	if !queryOnly {
		return s, nil
	}
	ro, err := openDSN(path, o, true)
	if err == nil {
		err = ro.checkCurrent(ctx)
	}
	s.db.Close()
	if err != nil {
		ro.Close()
		return nil, err
	}
	return ro, nil
}

// openDSN opens the database file at path with padan's settings. Each
// statement waits at most waitNotice (or o.Wait if shorter) for another
// connection's lock; beginWrite waits longer, a try at a time.
func openDSN(path string, o Options, queryOnly bool) (*Store, error) {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", min(o.Wait, waitNotice).Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	if queryOnly {
		q.Add("_pragma", "query_only(1)")
	}
	q.Set("_txlock", "immediate")
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	return &Store{db: db, path: path, opts: o, Now: time.Now}, nil
}

// checkFile refuses a path whose folder is missing and a file that is not
// SQLite, before the driver creates or changes anything.
func checkFile(path string) error {
	dir := filepath.Dir(path)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return ErrNoFolder
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return ErrNotDatabase
	}
	head := make([]byte, len(sqliteMagic))
	n, err := io.ReadFull(f, head)
	if n == 0 && (err == io.EOF) {
		return nil // an empty file becomes a new database
	}
	if !bytes.Equal(head[:n], sqliteMagic) {
		return ErrNotDatabase
	}
	return nil
}

// checkApplication opens an existing database read-only and refuses it if
// it belongs to another application or a newer padan, before the
// read-write connection (which turns on WAL mode) can change the file.
func checkApplication(ctx context.Context, path string, o Options) error {
	if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
		return nil
	}
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", o.Wait.Milliseconds()))
	q.Set("mode", "ro")
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?"+q.Encode())
	if err != nil {
		return err
	}
	defer db.Close()
	migrations, err := Migrations()
	if err != nil {
		return err
	}
	_, err = (&Store{}).checkSchema(ctx, db, len(migrations))
	if errors.Is(readOnly(err), ErrReadOnly) {
		// A read-only folder: SQLite cannot make the WAL index of a
		// read-only connection. The checks are made again on opening.
		return nil
	}
	return busy(err, o.Wait)
}

// Path returns the database file's path, as given to [Open].
func (s *Store) Path() string { return s.path }

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// migrate checks the application id and schema version and applies the
// migrations the database lacks, each in its own transaction.
func (s *Store) migrate(ctx context.Context) error {
	migrations, err := Migrations()
	if err != nil {
		return err
	}
	version, err := s.checkSchema(ctx, s.db, len(migrations))
	if err != nil {
		return err
	}
	for i := version; i < len(migrations); i++ {
		err := s.withTx(ctx, func(tx *sql.Tx) error {
			// Another process may have migrated since we looked.
			v, err := s.checkSchema(ctx, tx, len(migrations))
			if err != nil || v > i {
				return err
			}
			if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)); err != nil {
				return err
			}
			_, err = tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", i+1))
			return err
		})
		if err != nil {
			return fmt.Errorf("migrate database: apply migrations[%d]: %w", i, err)
		}
	}
	return nil
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// checkSchema returns the schema version of the database, or an error if it
// belongs to another application or to a newer padan.
func (s *Store) checkSchema(ctx context.Context, q querier, known int) (int, error) {
	var app, version, tables int
	if err := q.QueryRowContext(ctx, "PRAGMA application_id").Scan(&app); err != nil {
		return 0, notDatabase(err)
	}
	if err := q.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return 0, notDatabase(err)
	}
	if app != ApplicationID {
		if err := q.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
			return 0, notDatabase(err)
		}
		if app != 0 || version != 0 || tables != 0 {
			return 0, ErrNotDatabase
		}
	}
	if version > known {
		return 0, fmt.Errorf("%w (schema version %d, this program knows up to %d)", ErrTooNew, version, known)
	}
	return version, nil
}

// notDatabase turns SQLite's "file is not a database" into ErrNotDatabase.
func notDatabase(err error) error {
	if strings.Contains(err.Error(), "not a database") {
		return fmt.Errorf("%w: %v", ErrNotDatabase, err)
	}
	return err
}

// txKey marks a context that carries an open transaction of [Store.Update].
type txKey struct{}

// openTx is the transaction of an [Store.Update] call and its store.
type openTx struct {
	store *Store
	tx    *sql.Tx
	depth int
	// syncs are the memory syncs that the writes so far call for, run
	// together at the end of Update, or between two calls once pending,
	// the number of units they touch, reaches syncDeferMax (see
	// Store.syncMemory).
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

// Update runs fn in one write transaction: every writing method of the
// store that fn calls with the context it is given (Revise, Approve, Reject,
// Import, AddEntries, …) joins that transaction, so that all of fn is
// written or none of it. A method that fails inside fn undoes its own
// writes (a savepoint), and an error returned by fn undoes everything.
//
// Reads inside fn see its writes (lookups and concordance, though, read
// the memory as committed). The memory entries of the units that fn
// revises are written at the end of Update, all together (a unit revised
// and then approved in one Update enters the memory once, as final), or,
// once 50,000 units wait, between two of fn's calls.
func (s *Store) Update(ctx context.Context, fn func(ctx context.Context) error) error {
	return s.withTx(ctx, func(tx *sql.Tx) error {
		t := &openTx{store: s, tx: tx}
		if err := fn(context.WithValue(ctx, txKey{}, t)); err != nil {
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
func (s *Store) syncMemory(ctx context.Context, tx *sql.Tx, versionID int64, lang string, touched []int) error {
	if t, ok := ctx.Value(txKey{}).(*openTx); ok && t.store == s {
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

// withTx runs fn in a write transaction (BEGIN IMMEDIATE): it commits if fn
// returns nil and rolls back otherwise. Inside [Store.Update] it runs fn in
// a savepoint of Update's transaction instead.
func (s *Store) withTx(ctx context.Context, fn func(*sql.Tx) error) (err error) {
	if t, ok := ctx.Value(txKey{}).(*openTx); ok && t.store == s {
		t.depth++
		name := fmt.Sprintf("padan_%d", t.depth)
		defer func() { t.depth-- }()
		if _, err := t.tx.ExecContext(ctx, "SAVEPOINT "+name); err != nil {
			return err
		}
		syncs := len(t.syncs)
		if err := fn(t.tx); err != nil {
			t.tx.ExecContext(ctx, "ROLLBACK TO "+name)
			t.tx.ExecContext(ctx, "RELEASE "+name)
			t.syncs = t.syncs[:syncs] // the undone writes call for none
			t.pending = 0
			for _, p := range t.syncs {
				t.pending += len(p.touched)
			}
			return err
		}
		if _, err := t.tx.ExecContext(ctx, "RELEASE "+name); err != nil {
			return err
		}
		// Many units wait for the memory: sync them now, between two calls
		// of the Update's function (not inside one, whose savepoint could
		// still be undone). A failure here fails the whole Update.
		if t.depth == 1 && t.pending >= syncDeferMax {
			if err := t.runSyncs(ctx); err != nil {
				t.err = err
				return err
			}
		}
		return nil
	}
	tx, err := s.beginWrite(ctx, s.db.BeginTx)
	if err != nil {
		return err
	}
	defer func() {
		if p := recover(); p != nil {
			tx.Rollback()
			panic(p)
		}
		if err != nil {
			tx.Rollback()
			err = readOnly(err)
			return
		}
		err = readOnly(tx.Commit())
	}()
	return fn(tx)
}

// beginWrite begins a write transaction with begin (BEGIN IMMEDIATE),
// waiting up to the store's Options.Wait for another process's write to
// end: a try at a time, so that OnWait can say that it waits. It gives up
// with [ErrBusy], and a database that cannot be written is [ErrReadOnly].
func (s *Store) beginWrite(ctx context.Context, begin func(context.Context, *sql.TxOptions) (*sql.Tx, error)) (*sql.Tx, error) {
	wait := s.opts.Wait
	if wait <= 0 {
		wait = BusyTimeout
	}
	start := time.Now()
	told := false
	for {
		tx, err := begin(ctx, nil)
		if err == nil {
			return tx, nil
		}
		if !isBusy(err) {
			return nil, readOnly(notDatabase(err))
		}
		if time.Since(start) >= wait || ctx.Err() != nil {
			return nil, busy(err, wait)
		}
		if !told && s.opts.OnWait != nil {
			s.opts.OnWait()
			told = true
		}
	}
}

// sqliteCode is the primary result code of an SQLite error, or -1.
func sqliteCode(err error) int {
	var ce interface{ Code() int }
	if errors.As(err, &ce) {
		return ce.Code() & 0xff
	}
	return -1
}

// isBusy reports whether err is SQLite's SQLITE_BUSY or SQLITE_LOCKED.
func isBusy(err error) bool {
	c := sqliteCode(err)
	return c == 5 || c == 6
}

// busy turns SQLite's SQLITE_BUSY into [ErrBusy], saying how long it
// waited.
func busy(err error, wait time.Duration) error {
	if err != nil && isBusy(err) {
		return &BusyError{Wait: wait, Err: err}
	}
	return err
}

// readOnly turns SQLite's SQLITE_READONLY (a read-only file, folder or
// connection) into [ErrReadOnly].
func readOnly(err error) error {
	if err != nil && sqliteCode(err) == 8 && !errors.Is(err, ErrReadOnly) {
		return fmt.Errorf("%w: %v", ErrReadOnly, err)
	}
	return err
}

// readTx runs fn in a read transaction (a consistent snapshot in WAL mode),
// or, inside [Store.Update], in its transaction, so that a read sees what
// the Update has written so far (an imported document, say).
func (s *Store) readTx(ctx context.Context, fn func(*sql.Tx) error) error {
	if t, ok := ctx.Value(txKey{}).(*openTx); ok && t.store == s {
		return fn(t.tx) // inside Update: read what it has written so far
	}
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return busy(notDatabase(err), s.opts.Wait)
	}
	defer tx.Rollback()
	return fn(tx)
}

// IntegrityCheck runs PRAGMA integrity_check and returns its report: "ok"
// for a sound database.
func (s *Store) IntegrityCheck(ctx context.Context) (string, error) {
	rows, err := s.db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var l string
		if err := rows.Scan(&l); err != nil {
			return "", err
		}
		lines = append(lines, l)
	}
	return strings.Join(lines, "\n"), rows.Err()
}

// timeFormat is how times are stored: UTC, fixed width, so that text order
// is time order.
const timeFormat = "2006-01-02T15:04:05.000000Z"

func (s *Store) now() string { return s.Now().UTC().Format(timeFormat) }

func parseTime(v string) time.Time {
	t, _ := time.Parse(timeFormat, v)
	return t
}
