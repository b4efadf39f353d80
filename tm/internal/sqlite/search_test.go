package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/padan-tm/padan/tm/internal/backend"
	"github.com/padan-tm/padan/tm/memory"
)

// addTexts adds entries of the given sources to the memory of d.
func addTexts(t *testing.T, d *DB, sources ...string) {
	t.Helper()
	ctx := context.Background()
	err := d.Bulk(ctx, func(tx backend.Tx) error {
		i := 0
		_, _, err := memory.Add(ctx, tx.Memory(), func() (memory.Entry, bool, error) {
			if i == len(sources) {
				return memory.Entry{}, false, nil
			}
			i++
			return memory.Entry{SourceLang: "id", TargetLang: "en", Source: sources[i-1], Target: fmt.Sprint("target ", sources[i-1])}, true, nil
		})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestSearchKeepsConnections: searches run on connections kept with their
// prepared statements, which still see what other connections write and
// survive a change of the schema; at most maxIdleSearches are kept, and
// Close closes them.
func TestSearchKeepsConnections(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "padan.db")
	d, err := Open(ctx, path, backend.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	addTexts(t, d, "Harga beras naik lagi.", "Harga beras naik lagi minggu ini.")
	lookup := func() int {
		t.Helper()
		var n int
		err := d.Search(ctx, func(r backend.Searcher) error {
			ms, err := memory.Lookup(ctx, r.Memory(), memory.Query{Text: "Harga beras naik lagi.", SourceLang: "id", TargetLang: "en", Min: 50})
			n = len(ms)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := lookup(); n != 2 {
		t.Fatalf("lookup: %d matches, want 2", n)
	}
	if len(d.idle) != 1 {
		t.Fatalf("%d connections kept after a search, want 1", len(d.idle))
	}
	kept := d.idle[0]
	// Another process adds an entry and changes the schema: the kept
	// connection's statements see both.
	other, err := Open(ctx, path, backend.Options{})
	if err != nil {
		t.Fatal(err)
	}
	addTexts(t, other, "Harga beras naik lagi hari ini.")
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.ExecContext(ctx, `CREATE INDEX test_origin ON memory_entry (origin)`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	other.Close()
	if n := lookup(); n != 3 {
		t.Fatalf("lookup after another process wrote: %d matches, want 3", n)
	}
	if len(d.idle) != 1 || d.idle[0] != kept {
		t.Fatalf("the search did not run on the kept connection")
	}
	// Searches at once: each takes a connection of its own; at most
	// maxIdleSearches are kept.
	var wg sync.WaitGroup
	for range 2 * maxIdleSearches {
		wg.Go(func() {
			for range 5 {
				err := d.Search(ctx, func(r backend.Searcher) error {
					_, err := memory.Lookup(ctx, r.Memory(), memory.Query{Text: "Harga beras", SourceLang: "id", TargetLang: "en", Min: 50})
					return err
				})
				if err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	if n := len(d.idle); n < 1 || n > maxIdleSearches {
		t.Errorf("%d connections kept, want 1 to %d", n, maxIdleSearches)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	if len(d.idle) != 0 {
		t.Errorf("Close left %d connections kept", len(d.idle))
	}
	if err := d.Search(ctx, func(backend.Searcher) error { return nil }); err == nil {
		t.Error("a search after Close succeeded")
	}
}
