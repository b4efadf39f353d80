package postgres_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/padan-tm/padan/tm"
	"github.com/padan-tm/padan/tm/internal/backend"
	"github.com/padan-tm/padan/tm/internal/postgres"
	"github.com/padan-tm/padan/tm/memory"
)

// deleting is a memory reader that, before the lookup reads its matches'
// entries (after their postings, key lists and sources), has another
// connection delete every entry (and commit): a writer replacing entries
// while a lookup runs.
type deleting struct {
	backend.MemoryReader
	conn    *pgx.Conn
	deleted bool
}

func (d *deleting) Entries(ctx context.Context, ids []int64, fn func(backend.EntryRow) error) error {
	if !d.deleted {
		d.deleted = true
		// Key lists and entries together, as padan deletes them (no
		// foreign key since migration 10).
		if _, err := d.conn.Exec(ctx, `DELETE FROM memory_keys; DELETE FROM memory_entry`); err != nil {
			return err
		}
	}
	return d.MemoryReader.Entries(ctx, ids, fn)
}

// TestSearchSeesOneSnapshot: a lookup reads the memory in several
// statements; entries deleted by a writer that commits between them are
// still read whole, as the postings that led to them (one snapshot), so
// the lookup neither fails nor loses its match. The next lookup sees the
// deletion.
func TestSearchSeesOneSnapshot(t *testing.T) {
	ctx := context.Background()
	s, dsn := openStore(t)
	_, _, err := s.AddEntries(ctx, []tm.MemoryEntry{
		{SourceLang: "id", TargetLang: "en", Source: "Harga beras naik lagi.", Target: "Rice prices rise again.",
			Origin: tm.Origin{Kind: tm.OriginImport, File: "a.tmx"}},
		{SourceLang: "id", TargetLang: "en", Source: "Harga beras naik lagi minggu ini.", Target: "Rice prices rise again this week.",
			Origin: tm.Origin{Kind: tm.OriginImport, File: "a.tmx"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	db, err := postgres.OpenStore(ctx, dsn, backend.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	writer, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close(ctx)
	q := memory.Query{Text: "Harga beras naik lagi.", SourceLang: "id", TargetLang: "en", Min: 50}
	var ms []memory.Match
	err = db.Search(ctx, func(r backend.Searcher) error {
		d := &deleting{MemoryReader: r.Memory(), conn: writer}
		var err error
		ms, err = memory.Lookup(ctx, d, q)
		if err == nil && !d.deleted {
			t.Error("the lookup read no entries: the test deleted nothing")
		}
		return err
	})
	if err != nil {
		t.Fatalf("lookup while entries are deleted: %v", err)
	}
	if len(ms) != 2 || ms[0].Target != "Rice prices rise again." || ms[1].Target != "Rice prices rise again this week." {
		t.Errorf("lookup while entries are deleted = %+v, want both entries", ms)
	}
	after, err := s.Lookup(ctx, q)
	if err != nil || len(after) != 0 {
		t.Errorf("lookup after the deletion = %+v, %v; want none", after, err)
	}
}
