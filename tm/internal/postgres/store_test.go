package postgres_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/padan-tm/padan/internal/testenv"
	"github.com/padan-tm/padan/tm"
	"github.com/padan-tm/padan/tm/internal/backend"
	"github.com/padan-tm/padan/tm/internal/postgres"
	"github.com/padan-tm/padan/tm/storetest"
)

// TestStore runs the store's conformance suite on PostgreSQL, each test in
// a schema of its own.
func TestStore(t *testing.T) {
	storetest.Run(t, func(t testing.TB) *tm.Store {
		t.Helper()
		s, err := tm.Open(context.Background(), testenv.Postgres(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

// TestWritersWait: a write waits for the writer holding the writers' lock,
// says so once (OnWait) after a second, and gives up with ErrBusy after
// Options.Wait; once the lock is free it goes through. A read-only store
// refuses writes and, on an empty schema, does not create one.
func TestWritersWait(t *testing.T) {
	ctx := context.Background()
	dsn := testenv.Postgres(t)
	holder, err := postgres.OpenStore(ctx, dsn, backend.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	waited := 0
	waiter, err := postgres.OpenStore(ctx, dsn, backend.Options{Wait: 1500 * time.Millisecond, OnWait: func() { waited++ }})
	if err != nil {
		t.Fatal(err)
	}
	defer waiter.Close()
	locked, release := make(chan struct{}), make(chan struct{})
	done := make(chan error)
	go func() {
		done <- holder.Write(ctx, func(backend.Tx) error {
			close(locked)
			<-release
			return nil
		})
	}()
	<-locked
	err = waiter.Write(ctx, func(tx backend.Tx) error {
		_, err := tx.InsertDocument(ctx, "a", "id", "t")
		return err
	})
	var be *backend.BusyError
	if !errors.As(err, &be) || !errors.Is(err, backend.ErrBusy) || waited != 1 {
		t.Errorf("write while another holds the lock: %v (waited %d)", err, waited)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if err := waiter.Write(ctx, func(tx backend.Tx) error {
		_, err := tx.InsertDocument(ctx, "a", "id", "t")
		return err
	}); err != nil {
		t.Errorf("write once the lock is free: %v", err)
	}

	ro, err := postgres.OpenStore(ctx, dsn, backend.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if err := ro.Write(ctx, func(backend.Tx) error { return nil }); !errors.Is(err, backend.ErrReadOnly) {
		t.Errorf("write on a read-only store: %v", err)
	}
	if _, err := postgres.OpenStore(ctx, testenv.Postgres(t), backend.Options{ReadOnly: true}); !errors.Is(err, backend.ErrNoDatabase) {
		t.Errorf("read-only open of an empty schema: %v", err)
	}
}

// TestIntegrityCheckReferences: the references that migration 10 stopped
// the server checking (a key list's entry, an entry's language pair) are
// checked by IntegrityCheck, which names what dangles.
func TestIntegrityCheckReferences(t *testing.T) {
	ctx := context.Background()
	s, dsn := openStore(t)
	if _, _, err := s.AddEntries(ctx, []tm.MemoryEntry{{SourceLang: "id", TargetLang: "en", Source: "Satu dua.", Target: "One two."}}); err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	steps := []struct {
		sql, want string
	}{
		{``, "ok"},
		{`INSERT INTO memory_keys (id, keys) VALUES (1000000, '\x01')`, "1 key lists of no memory entry"},
		{`INSERT INTO memory_entry (pair, hash, source, target, origin, nkeys, source_words, target_words)
			VALUES (1000, '\x02', 'a', 'b', 'import', 1, 'a:1', 'b:1')`,
			"1 key lists of no memory entry; 1 memory entries of no language pair"},
		{`DELETE FROM memory_keys WHERE id = 1000000`, "1 memory entries of no language pair"},
	}
	for _, st := range steps {
		if st.sql != "" {
			if _, err := conn.Exec(ctx, st.sql); err != nil {
				t.Fatalf("%s: %v", st.sql, err)
			}
		}
		if got, err := s.IntegrityCheck(ctx); err != nil || got != st.want {
			t.Errorf("after %q: IntegrityCheck = %q, %v; want %q", st.sql, got, err, st.want)
		}
	}
}

// openStore opens a store on a new, empty schema of the test server, closed
// when the test ends, and returns it with the schema's URL.
func openStore(t *testing.T) (*tm.Store, string) {
	t.Helper()
	dsn := testenv.Postgres(t)
	s, err := tm.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, dsn
}
