package postgres

import (
	"context"
	"fmt"
	"testing"

	"github.com/padan-tm/padan/internal/testenv"
	"github.com/padan-tm/padan/tm/internal/backend"
	tmmemory "github.com/padan-tm/padan/tm/memory"
)

// TestWritesPlanEachStatement: in a write transaction, the statements an
// import repeats are planned for the table as it is at each run, never
// with a generic plan made once. Planned on an empty memory, the check for
// stored hashes scanned the whole table with every batch (an import of
// 100,000 units took 106 s instead of 18).
func TestWritesPlanEachStatement(t *testing.T) {
	ctx := context.Background()
	s, err := OpenStore(ctx, testenv.Postgres(t), backend.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	err = s.Bulk(ctx, func(btx backend.Tx) error {
		m := btx.Memory()
		pair, err := m.Pair(ctx, "id", "en", true)
		if err != nil {
			return err
		}
		for batch := range 8 {
			rows := make([]backend.EntryRow, 500)
			for i := range rows {
				n := batch*len(rows) + i
				rows[i] = backend.EntryRow{Pair: pair, Hash: []byte(fmt.Sprintf("hash %016d", n)),
					Source: fmt.Sprintf("kalimat %d", n), Target: fmt.Sprintf("sentence %d", n), Origin: "import", NKeys: 2}
			}
			if _, err := m.InsertEntries(ctx, rows); err != nil {
				return err
			}
			// The first batches wait to be copied, as an import's do: the
			// check runs on an empty table.
			if batch >= 5 {
				if err := btx.(*tx).mem.flush(ctx, allTables); err != nil {
					return err
				}
			}
		}
		var generic, custom int64
		err = btx.(*tx).c.q.QueryRow(ctx, `SELECT generic_plans, custom_plans FROM pg_prepared_statements
			WHERE statement = $1`, hashCheck).Scan(&generic, &custom)
		if err != nil {
			return err
		}
		if generic != 0 || custom < 8 {
			t.Errorf("the stored-hash check ran with %d generic and %d custom plans; want only custom ones", generic, custom)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestSearchUsesGenericPlans: a lookup's statements run on their generic
// plans (planned once per connection, not once per lookup: each is a few
// index scans whatever its arguments), and the setting ends with the
// search's transaction.
func TestSearchUsesGenericPlans(t *testing.T) {
	ctx := context.Background()
	s, err := OpenStore(ctx, testenv.Postgres(t), backend.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	texts := []string{"Harga beras naik lagi.", "Harga beras naik lagi minggu ini.", "Harga gula turun."}
	err = s.Bulk(ctx, func(btx backend.Tx) error {
		i := 0
		_, _, err := tmmemory.Add(ctx, btx.Memory(), func() (tmmemory.Entry, bool, error) {
			if i == len(texts) {
				return tmmemory.Entry{}, false, nil
			}
			i++
			return tmmemory.Entry{SourceLang: "id", TargetLang: "en", Source: texts[i-1], Target: fmt.Sprint("target ", i)}, true, nil
		})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	err = s.Search(ctx, func(r backend.Searcher) error {
		for range 3 {
			ms, err := tmmemory.Lookup(ctx, r.Memory(), tmmemory.Query{Text: texts[0], SourceLang: "id", TargetLang: "en", Min: 50})
			if err != nil {
				return err
			}
			if len(ms) != 2 {
				t.Errorf("lookup: %d matches, want 2", len(ms))
			}
		}
		var generic, custom int64
		err := r.(*searcher).c.q.QueryRow(ctx, `SELECT generic_plans, custom_plans FROM pg_prepared_statements
			WHERE statement = $1`, postingLists).Scan(&generic, &custom)
		if err != nil {
			return err
		}
		if generic < 3 || custom != 0 {
			t.Errorf("the posting lists were read with %d generic and %d custom plans; want only generic ones", generic, custom)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// SET LOCAL: no connection keeps the setting.
	for _, c := range s.(*Store).db.pool.AcquireAllIdle(ctx) {
		var mode string
		if err := c.QueryRow(ctx, `SHOW plan_cache_mode`).Scan(&mode); err != nil || mode != "auto" {
			t.Errorf("plan_cache_mode after the search = %q, %v; want auto", mode, err)
		}
		c.Release()
	}
}
