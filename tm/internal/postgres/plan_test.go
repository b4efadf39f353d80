package postgres

import (
	"context"
	"fmt"
	"testing"

	"github.com/padan-tm/padan/internal/testenv"
	"github.com/padan-tm/padan/tm/internal/backend"
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
