// Package sqlite is padan's SQLite backend: it opens (creating and
// migrating) a database file with padan's settings, and runs the SQL of
// every operation of the store and of its memory index, implementing the
// interfaces of tm/internal/backend. Its schema is built by the numbered
// migrations embedded from migrations/*.sql; each runs in its own
// transaction and sets PRAGMA user_version, so a database knows its schema
// version and a binary refuses a database newer than itself.
package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver, registered as "sqlite"

	"github.com/padan-tm/padan/tm/internal/backend"
)

// ApplicationID is the SQLite application_id of a padan database ("PADA").
const ApplicationID = 0x50414441

// BusyTimeout is how long a connection waits for another writer's lock
// before giving up with SQLITE_BUSY.
const BusyTimeout = 30 * time.Second

// waitNotice is how long a write waits for another process's write lock
// before [backend.Options.OnWait] is called.
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

// DB is an open padan database file; it implements [backend.DB].
type DB struct {
	db   *sql.DB
	opts backend.Options
	// searchMu guards idle, the connections that ran a search and wait
	// for the next with their settings and prepared statements (see
	// Search), and closed.
	searchMu sync.Mutex
	idle     []*searchConn
	closed   bool
}

// searchConn is a connection kept for searches: its memory reader holds
// the statements it prepared.
type searchConn struct {
	conn *sql.Conn
	m    *Memory
}

// maxIdleSearches is the most connections kept for searches: each keeps
// up to 64 MB of page cache (a process rarely searches on more at once).
const maxIdleSearches = 2

// close closes the connection and its statements.
func (c *searchConn) close() {
	c.m.Close()
	c.conn.Close()
}

var _ backend.DB = (*DB)(nil)

// sqliteMagic is the first 16 bytes of every SQLite database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// Open opens the padan database at path, creating it (and its schema) when
// the file does not exist, unless o.ReadOnly, and migrating an older schema
// to the current one. A missing folder gives [backend.ErrNoFolder]; a file
// that is not a padan database, [backend.ErrNotDatabase]; a database from
// a newer padan, [backend.ErrTooNew]; a database that cannot be written,
// [backend.ErrReadOnly]; with o.ReadOnly and no database,
// [backend.ErrNoDatabase].
func Open(ctx context.Context, path string, o backend.Options) (*DB, error) {
	if o.Wait <= 0 {
		o.Wait = BusyTimeout
	}
	return open(ctx, path, o)
}

func open(ctx context.Context, path string, o backend.Options) (*DB, error) {
	if err := checkFile(path); err != nil {
		return nil, err
	}
	fi, err := os.Stat(path)
	switch {
	case o.ReadOnly && (errors.Is(err, fs.ErrNotExist) || err == nil && fi.Size() == 0):
		return nil, backend.ErrNoDatabase
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
func openReadOnly(ctx context.Context, path string, o backend.Options) (*DB, error) {
	s, err := openMigrated(ctx, path, o, true)
	if err == nil || !errors.Is(readOnly(err), backend.ErrReadOnly) {
		return s, err
	}
	// A WAL that still holds writes cannot be read without its index.
	if fi, serr := os.Stat(path + "-wal"); serr == nil && fi.Size() > 0 {
		return nil, err
	}
	return openImmutable(ctx, path, o)
}

// OpenImmutable opens the database at path read-only without locks or WAL
// index (SQLite's immutable=1): for a database that nothing can write. Open
// with ReadOnly falls back on it where the folder is read-only; tests call
// it directly.
func OpenImmutable(ctx context.Context, path string, o backend.Options) (*DB, error) {
	return openImmutable(ctx, path, o)
}

// openImmutable is OpenImmutable.
func openImmutable(ctx context.Context, path string, o backend.Options) (*DB, error) {
	q := url.Values{}
	q.Set("mode", "ro")
	q.Set("immutable", "1")
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	s := &DB{db: db, opts: o}
	if err := s.checkCurrent(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// checkCurrent refuses a database whose schema is older than this
// program's, when it cannot be migrated (it is read-only).
func (s *DB) checkCurrent(ctx context.Context) error {
	migrations, err := Migrations()
	if err != nil {
		return err
	}
	v, err := checkSchema(ctx, s.db, len(migrations))
	if err != nil {
		return readOnly(err)
	}
	if v < len(migrations) {
		return fmt.Errorf("%w: schema version %d must be brought up to date (version %d) by a padan that can write it", backend.ErrReadOnly, v, len(migrations))
	}
	return nil
}

// create makes a new database at path atomically: the schema is built in a
// temporary file beside it, which is then linked into place. Another
// process opening path at the same moment sees either no file or a whole
// padan database, never one half-made. If another process linked its own
// first, that one is kept. Where the file system cannot link, the database
// is made in place as SQLite does.
func create(ctx context.Context, path string, o backend.Options) error {
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
func openMigrated(ctx context.Context, path string, o backend.Options, queryOnly bool) (*DB, error) {
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
func openDSN(path string, o backend.Options, queryOnly bool) (*DB, error) {
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
	return &DB{db: db, opts: o}, nil
}

// checkFile refuses a path whose folder is missing and a file that is not
// SQLite, before the driver creates or changes anything.
func checkFile(path string) error {
	dir := filepath.Dir(path)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return backend.ErrNoFolder
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
		return backend.ErrNotDatabase
	}
	head := make([]byte, len(sqliteMagic))
	n, err := io.ReadFull(f, head)
	if n == 0 && (err == io.EOF) {
		return nil // an empty file becomes a new database
	}
	if !bytes.Equal(head[:n], sqliteMagic) {
		return backend.ErrNotDatabase
	}
	return nil
}

// checkApplication opens an existing database read-only and refuses it if
// it belongs to another application or a newer padan, before the
// read-write connection (which turns on WAL mode) can change the file.
func checkApplication(ctx context.Context, path string, o backend.Options) error {
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
	_, err = checkSchema(ctx, db, len(migrations))
	if errors.Is(readOnly(err), backend.ErrReadOnly) {
		// A read-only folder: SQLite cannot make the WAL index of a
		// read-only connection. The checks are made again on opening.
		return nil
	}
	return busy(err, o.Wait)
}

// SQL returns the database/sql handle, for tests that look at the file's
// tables.
func (d *DB) SQL() *sql.DB { return d.db }

// Close closes the database.
func (d *DB) Close() error {
	d.searchMu.Lock()
	idle := d.idle
	d.idle, d.closed = nil, true
	d.searchMu.Unlock()
	for _, c := range idle {
		c.close()
	}
	return d.db.Close()
}

// migrate checks the application id and schema version and applies the
// migrations the database lacks, each in its own transaction.
func (s *DB) migrate(ctx context.Context) error {
	migrations, err := Migrations()
	if err != nil {
		return err
	}
	version, err := checkSchema(ctx, s.db, len(migrations))
	if err != nil {
		return err
	}
	for i := version; i < len(migrations); i++ {
		err := s.withTx(ctx, s.db, func(tx *sql.Tx) error {
			// Another process may have migrated since we looked.
			v, err := checkSchema(ctx, tx, len(migrations))
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
func checkSchema(ctx context.Context, q querier, known int) (int, error) {
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
			return 0, backend.ErrNotDatabase
		}
	}
	if version > known {
		return 0, fmt.Errorf("%w (schema version %d, this program knows up to %d)", backend.ErrTooNew, version, known)
	}
	return version, nil
}

// beginWrite begins a write transaction with begin (BEGIN IMMEDIATE),
// waiting up to the store's backend.Options.Wait for another process's write to
// end: a try at a time, so that OnWait can say that it waits. It gives up
// with [backend.ErrBusy], and a database that cannot be written is [backend.ErrReadOnly].
func (s *DB) beginWrite(ctx context.Context, b beginner) (*sql.Tx, error) {
	wait := s.opts.Wait
	if wait <= 0 {
		wait = BusyTimeout
	}
	start := time.Now()
	told := false
	for {
		tx, err := b.BeginTx(ctx, nil)
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

// busy turns SQLite's SQLITE_BUSY into [backend.ErrBusy], saying how long it
// waited.
func busy(err error, wait time.Duration) error {
	if err != nil && isBusy(err) {
		return &backend.BusyError{Wait: wait, Err: err}
	}
	return err
}

// readOnly turns SQLite's SQLITE_READONLY (a read-only file, folder or
// connection) into [backend.ErrReadOnly].
func readOnly(err error) error {
	if err != nil && sqliteCode(err) == 8 && !errors.Is(err, backend.ErrReadOnly) {
		return fmt.Errorf("%w: %v", backend.ErrReadOnly, err)
	}
	return err
}

// notDatabase turns SQLite's "file is not a database" into ErrNotDatabase.
func notDatabase(err error) error {
	if err != nil && strings.Contains(err.Error(), "not a database") {
		return fmt.Errorf("%w: %v", backend.ErrNotDatabase, err)
	}
	return err
}

// beginner is what *sql.DB and *sql.Conn offer to begin a transaction.
type beginner interface {
	BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error)
}

// withTx runs fn in a write transaction (BEGIN IMMEDIATE) of b: it commits
// if fn returns nil and rolls back otherwise.
func (d *DB) withTx(ctx context.Context, b beginner, fn func(*sql.Tx) error) (err error) {
	tx, err := d.beginWrite(ctx, b)
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

// Write runs fn in a write transaction (BEGIN IMMEDIATE, so that
// concurrent writers queue on the busy timeout instead of failing on a
// read-to-write upgrade).
func (d *DB) Write(ctx context.Context, fn func(backend.Tx) error) error {
	return d.withTx(ctx, d.db, func(tx *sql.Tx) error {
		t := newTx(tx)
		defer t.close()
		return fn(t)
	})
}

// Read runs fn in a read transaction (a consistent snapshot in WAL mode).
func (d *DB) Read(ctx context.Context, fn func(backend.Tx) error) error {
	tx, err := d.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return busy(notDatabase(err), d.opts.Wait)
	}
	defer tx.Rollback()
	t := newTx(tx)
	defer t.close()
	return fn(t)
}

// Bulk runs fn in a write transaction on a connection that keeps statement
// journals (of multi-row statements) in memory rather than in temporary
// files, and that does not check foreign keys: the rows of a bulk addition
// refer only to the language pair and the entries it writes itself, and
// the checks cost a lookup per row and a statement journal per statement.
// Both settings must precede BEGIN.
func (d *DB) Bulk(ctx context.Context, fn func(backend.Tx) error) error {
	conn, err := d.db.Conn(ctx)
	if err != nil {
		return notDatabase(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA temp_store = MEMORY`); err != nil {
		return notDatabase(err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA temp_store = DEFAULT`)
	if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
		return notDatabase(err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA foreign_keys = ON`)
	return d.withTx(ctx, conn, func(tx *sql.Tx) error {
		t := newTx(tx)
		defer t.close()
		return fn(t)
	})
}

// Search runs fn on a connection with the page cache and memory map that
// keep a big memory's index in memory, in one read transaction: a lookup's
// statements (postings, key lists, entries) see one state of the
// database, even while another process writes, so that an entry replaced
// meanwhile is still read whole. The connection is kept for the next
// search with its settings and the statements it prepared (parsing them
// again for each lookup was a tenth of its time); a schema changed
// meanwhile makes SQLite prepare them again.
func (d *DB) Search(ctx context.Context, fn func(backend.Searcher) error) error {
	c, err := d.searchConn(ctx)
	if err != nil {
		return err
	}
	// BEGIN and ROLLBACK on the connection itself: a *sql.Tx would cost
	// a goroutine per lookup.
	if _, err := c.conn.ExecContext(ctx, `BEGIN`); err != nil {
		c.close()
		return busy(notDatabase(err), d.opts.Wait)
	}
	err = fn(&searcher{q: c.conn, m: c.m})
	if _, rbErr := c.conn.ExecContext(context.WithoutCancel(ctx), `ROLLBACK`); rbErr != nil {
		// Never keep or give the pool a connection in a transaction.
		c.conn.Raw(func(any) error { return driver.ErrBadConn })
		c.close()
		return err
	}
	d.searchMu.Lock()
	if !d.closed && len(d.idle) < maxIdleSearches {
		d.idle = append(d.idle, c)
		c = nil
	}
	d.searchMu.Unlock()
	if c != nil {
		c.close()
	}
	return err
}

// searchConn returns a connection kept for searches, or a new one with
// the page cache and memory map that keep a big memory's index in memory
// (settings of the connection).
func (d *DB) searchConn(ctx context.Context) (*searchConn, error) {
	d.searchMu.Lock()
	if n := len(d.idle); n > 0 {
		c := d.idle[n-1]
		d.idle = d.idle[:n-1]
		d.searchMu.Unlock()
		return c, nil
	}
	d.searchMu.Unlock()
	conn, err := d.db.Conn(ctx)
	if err != nil {
		return nil, notDatabase(err)
	}
	if _, err := conn.ExecContext(ctx, `PRAGMA cache_size = -65536; PRAGMA mmap_size = 1073741824`); err != nil {
		conn.Close()
		return nil, notDatabase(err)
	}
	return &searchConn{conn: conn, m: NewMemory(conn)}, nil
}

// searcher is a [backend.Searcher] on one connection.
type searcher struct {
	q dbtx
	m *Memory
}

func (s *searcher) Memory() backend.MemoryReader { return s.m }

func (s *searcher) TranslatorText(ctx context.Context, unitID int64, lang string) (backend.RevisionRow, bool, error) {
	return translatorText(ctx, s.q, unitID, lang)
}

// IntegrityCheck runs PRAGMA integrity_check and FTS5's integrity check
// of the concordance index against the memory's entries (its content
// table), and returns their report: "ok" for a sound database.
func (d *DB) IntegrityCheck(ctx context.Context) (string, error) {
	rows, err := d.db.QueryContext(ctx, "PRAGMA integrity_check")
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
	if err := rows.Err(); err != nil {
		return "", err
	}
	if len(lines) != 1 || lines[0] != "ok" {
		return strings.Join(lines, "\n"), nil
	}
	// The FTS5 check is an INSERT that writes nothing; it runs in a read
	// transaction, so that a read-only database can be checked too.
	tx, err := d.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return "", busy(notDatabase(err), d.opts.Wait)
	}
	defer tx.Rollback()
	_, err = tx.ExecContext(ctx, `INSERT INTO memory_text (memory_text, rank) VALUES ('integrity-check', 1)`)
	if code := sqliteCode(err); code == 267 || code == 11 { // SQLITE_CORRUPT_VTAB, SQLITE_CORRUPT
		return "concordance index (memory_text): " + err.Error(), nil
	} else if err != nil {
		return "", err
	}
	return "ok", nil
}
