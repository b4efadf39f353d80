package tm

import (
	"context"
	"database/sql"
	"errors"
	"github.com/padan-tm/padan/tm/internal/backend"
	"github.com/padan-tm/padan/tm/internal/sqlite"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/padan-tm/padan/internal/testenv"
)

// newDatabase makes a database holding one document at dir/padan.db and
// closes it.
func newDatabase(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "padan.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	mustImport(t, s, sampleDoc("korut", "Kalimat satu.", "Kalimat dua."))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// folderNames lists the names in dir.
func folderNames(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

func TestOpenReadOnlyCreatesNothing(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		name  string
		setup func(path string) error
	}{
		{"missing", func(string) error { return nil }},
		{"empty file", func(path string) error { return os.WriteFile(path, nil, 0o644) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "padan.db")
			if err := tt.setup(path); err != nil {
				t.Fatal(err)
			}
			before := folderNames(t, dir)
			s, err := OpenWith(ctx, path, Options{ReadOnly: true})
			if err == nil {
				s.Close()
			}
			if !errors.Is(err, ErrNoDatabase) {
				t.Fatalf("OpenWith(ReadOnly) = %v, want ErrNoDatabase", err)
			}
			if after := folderNames(t, dir); len(after) != len(before) {
				t.Errorf("folder holds %v after a read-only open, want %v", after, before)
			}
		})
	}
}

func TestOpenReadOnlyRefusesWrites(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := newDatabase(t, dir)
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	open := map[string]func() (*Store, error){
		"query only": func() (*Store, error) { return OpenWith(ctx, path, Options{ReadOnly: true}) },
		"immutable": func() (*Store, error) {
			db, err := sqlite.OpenImmutable(ctx, path, backend.Options{Wait: BusyTimeout})
			if err != nil {
				return nil, err
			}
			return &Store{db: db, path: path, Now: time.Now}, nil
		},
	}
	for name, openFn := range open {
		t.Run(name, func(t *testing.T) {
			s, err := openFn()
			if err != nil {
				t.Fatal(err)
			}
			docs, err := s.Documents(ctx)
			if err != nil || len(docs) != 1 {
				t.Fatalf("Documents = %v, %v; want the one document", docs, err)
			}
			_, err = s.Import(ctx, sampleDoc("other", "Kalimat tiga."))
			if !errors.Is(err, ErrReadOnly) {
				t.Errorf("Import on a read-only store = %v, want ErrReadOnly", err)
			}
			if _, _, err := s.AddEntries(ctx, []MemoryEntry{{SourceLang: "id", TargetLang: "en", Source: "a", Target: "b"}}); !errors.Is(err, ErrReadOnly) {
				t.Errorf("AddEntries on a read-only store = %v, want ErrReadOnly", err)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			after, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if string(after) != string(before) {
				t.Error("the database file changed")
			}
			if names := folderNames(t, dir); len(names) != 1 {
				t.Errorf("folder holds %v after a read-only open, want only padan.db", names)
			}
		})
	}
}

// TestOpenReadOnlyFolder reads a database in a folder its user cannot write
// (the superuser can write any folder, so this runs as another user only;
// TestOpenReadOnlyRefusesWrites checks the open modes themselves).
func TestOpenReadOnlyFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		testenv.Unsupported(t, "running as root, which may write a read-only folder")
	}
	ctx := context.Background()
	dir := t.TempDir()
	path := newDatabase(t, dir)
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	s, err := OpenWith(ctx, path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only open in a read-only folder: %v", err)
	}
	defer s.Close()
	if docs, err := s.Documents(ctx); err != nil || len(docs) != 1 {
		t.Fatalf("Documents = %v, %v", docs, err)
	}
	if _, err := Open(ctx, path); !errors.Is(err, ErrReadOnly) {
		t.Errorf("read-write open in a read-only folder = %v, want ErrReadOnly", err)
	}
}

// holdWriteLock begins a write transaction on path from another
// connection and returns the function that ends it.
func holdWriteLock(t *testing.T, path string) (release func()) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	done := false
	release = func() {
		if !done {
			done = true
			conn.ExecContext(context.Background(), "ROLLBACK")
			conn.Close()
			db.Close()
		}
	}
	t.Cleanup(release)
	return release
}

func TestWriteGivesUpWhenBusy(t *testing.T) {
	ctx := context.Background()
	path := newDatabase(t, t.TempDir())
	s, err := OpenWith(ctx, path, Options{Wait: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	holdWriteLock(t, path)
	_, err = s.Import(ctx, sampleDoc("other", "Kalimat tiga."))
	var be *BusyError
	if !errors.Is(err, ErrBusy) || !errors.As(err, &be) || be.Wait != 50*time.Millisecond {
		t.Fatalf("Import while another connection writes = %v, want a BusyError after 50ms", err)
	}
	// Reads go on: WAL readers do not wait for writers.
	if _, err := s.Documents(ctx); err != nil {
		t.Errorf("Documents while another connection writes: %v", err)
	}
}

func TestWriteWaitsForLock(t *testing.T) {
	ctx := context.Background()
	path := newDatabase(t, t.TempDir())
	waiting := make(chan struct{})
	s, err := OpenWith(ctx, path, Options{Wait: time.Hour, OnWait: func() { close(waiting) }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	release := holdWriteLock(t, path)
	done := make(chan error, 1)
	go func() {
		_, err := s.Import(ctx, sampleDoc("other", "Kalimat tiga."))
		done <- err
	}()
	<-waiting // OnWait is called once the write has waited
	release()
	if err := <-done; err != nil {
		t.Fatalf("Import after the lock was released: %v", err)
	}
	if docs, err := s.Documents(ctx); err != nil || len(docs) != 2 {
		t.Errorf("Documents = %v, %v; want two", docs, err)
	}
}
