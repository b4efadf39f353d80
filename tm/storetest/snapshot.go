package storetest

import (
	"context"
	"testing"

	"github.com/padan-tm/padan/tm"
	"github.com/padan-tm/padan/tm/internal/backend"
	"github.com/padan-tm/padan/tm/internal/hook"
	"github.com/padan-tm/padan/tm/memory"
)

// deleting is a memory reader that, before the lookup first reads its
// matches' entries (after their postings, key lists and sources), has
// another store on the same database delete every entry and commit: a
// writer (another process) replacing entries while a lookup runs.
type deleting struct {
	backend.MemoryReader
	writer  backend.DB
	deleted bool
}

func (d *deleting) Entries(ctx context.Context, ids []int64, fn func(backend.EntryRow) error) error {
	if !d.deleted {
		d.deleted = true
		if err := deleteEntries(ctx, d.writer); err != nil {
			return err
		}
	}
	return d.MemoryReader.Entries(ctx, ids, fn)
}

// deleteEntries deletes every memory entry with its key list (as padan
// deletes them; their postings stay) in one write transaction of db.
func deleteEntries(ctx context.Context, db backend.DB) error {
	return db.Write(ctx, func(tx backend.Tx) error {
		m := tx.Memory()
		for {
			rows, err := m.EntrySources(ctx, 0, 100)
			if err != nil || len(rows) == 0 {
				return err
			}
			for _, r := range rows {
				if err := m.DeleteEntry(ctx, r.ID); err != nil {
					return err
				}
			}
		}
	})
}

// testSearchSeesOneSnapshot checks that a lookup, which reads the memory
// in several statements, reads it as it was when it began: entries that
// another store (its own connections) deletes and commits between those
// statements are still read whole, as the postings that led to them, so
// the lookup neither fails nor loses its matches. The next lookup sees the
// deletion.
func testSearchSeesOneSnapshot(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	_, _, err := s.AddEntries(ctx, []tm.MemoryEntry{
		{SourceLang: "id", TargetLang: "en", Source: "Harga beras naik lagi.", Target: "Rice prices rise again.",
			Origin: tm.Origin{Kind: tm.OriginImport, File: "a.tmx"}},
		{SourceLang: "id", TargetLang: "en", Source: "Harga beras naik lagi minggu ini.", Target: "Rice prices rise again this week.",
			Origin: tm.Origin{Kind: tm.OriginImport, File: "a.tmx"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	w, err := tm.Open(ctx, s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	q := memory.Query{Text: "Harga beras naik lagi.", SourceLang: "id", TargetLang: "en", Min: 50}
	var ms []memory.Match
	err = hook.DB(s).Search(ctx, func(r backend.Searcher) error {
		d := &deleting{MemoryReader: r.Memory(), writer: hook.DB(w)}
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
