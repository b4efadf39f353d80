package memory

import (
	"context"
	"fmt"

	"github.com/padan-tm/padan/internal/fuzzy"
	"github.com/padan-tm/padan/tm/internal/backend"
)

// rebuildPage is how many entries a rebuild reads at a time.
const rebuildPage = 10000

// Stale reports whether the memory's index was built by an older analysis
// than this program's (see fuzzy.AnalysisVersion): its keys must then be
// computed again ([Rebuild]) before a lookup can trust them.
func Stale(ctx context.Context, r backend.MemoryReader) (bool, error) {
	v, err := r.AnalysisVersion(ctx)
	if err != nil {
		return false, fmt.Errorf("memory analysis version: %w", err)
	}
	return v < fuzzy.AnalysisVersion, nil
}

// Rebuild computes the keys of every entry again with today's analysis and
// rebuilds the index from them (key lists, key counts, postings and the
// dictionary with its document frequencies) within the transaction of m,
// then records the analysis version. The entries, their ids and their
// full-text index stay as they are. It returns the number of entries.
func Rebuild(ctx context.Context, m backend.MemoryTx) (int, error) {
	return RebuildAs(ctx, m, analyzeKeys, fuzzy.AnalysisVersion)
}

// RebuildAs is [Rebuild] with the keys of each (NFC) source computed by
// keys, recording version: with an older analysis's keys it makes the
// index as that analysis left it (for tests of the upgrade).
func RebuildAs(ctx context.Context, m backend.MemoryTx, keys func(source string) []string, version int) (int, error) {
	if err := m.ClearIndex(ctx); err != nil {
		return 0, fmt.Errorf("rebuild index: %w", err)
	}
	ix, err := newIndexer(ctx, m)
	if err != nil {
		return 0, fmt.Errorf("rebuild index: %w", err)
	}
	defer ix.close()
	n := 0
	var undo func()
	defer func() {
		if undo != nil {
			undo()
		}
	}()
	var keyRows []backend.KeysRow
	for after := int64(0); ; {
		page, err := m.EntrySources(ctx, after, rebuildPage)
		if err != nil {
			return 0, fmt.Errorf("rebuild index: %w", err)
		}
		if len(page) == 0 {
			break
		}
		if undo == nil && n+len(page) >= bulkEntries {
			if undo, err = m.BigWrite(ctx); err != nil {
				return 0, fmt.Errorf("rebuild index: %w", err)
			}
		}
		keyRows = keyRows[:0]
		for _, r := range page {
			kids, err := ix.keyIDs(keys(r.Source))
			if err != nil {
				return 0, fmt.Errorf("rebuild index: entry %d: %w", r.ID, err)
			}
			keyRows = append(keyRows, backend.KeysRow{ID: r.ID, Keys: encodeKeys(kids)})
			if len(kids) != r.NKeys {
				if err := m.SetNKeys(ctx, r.ID, len(kids)); err != nil {
					return 0, fmt.Errorf("rebuild index: entry %d: %w", r.ID, err)
				}
			}
			if err := ix.add(r.Pair, r.ID, kids); err != nil {
				return 0, fmt.Errorf("rebuild index: %w", err)
			}
		}
		// The key lists, a batch at a time.
		for start := 0; start < len(keyRows); start += keysBatch {
			if err := m.InsertKeys(ctx, keyRows[start:min(start+keysBatch, len(keyRows))]); err != nil {
				return 0, fmt.Errorf("rebuild index: keys: %w", err)
			}
		}
		n += len(page)
		after = page[len(page)-1].ID
	}
	if err := ix.flush(true); err != nil {
		return 0, fmt.Errorf("rebuild index: %w", err)
	}
	if err := m.SetAnalysisVersion(ctx, version); err != nil {
		return 0, fmt.Errorf("rebuild index: %w", err)
	}
	return n, nil
}

// Upgrade rebuilds the memory index of db, in one write transaction, when
// an older analysis computed its keys (see [Stale]), calling onReindex (when
// not nil) first if the memory has entries; an empty memory only records
// the version. It reports whether it rebuilt an index.
func Upgrade(ctx context.Context, db backend.DB, onReindex func()) (bool, error) {
	var stale bool
	err := db.Read(ctx, func(tx backend.Tx) (err error) {
		stale, err = Stale(ctx, tx.Memory())
		return err
	})
	if err != nil || !stale {
		return false, err
	}
	rebuilt := false
	err = db.Write(ctx, func(tx backend.Tx) error {
		m := tx.Memory()
		// Another process may have rebuilt it meanwhile.
		if stale, err := Stale(ctx, m); err != nil || !stale {
			return err
		}
		some, err := m.EntrySources(ctx, 0, 1)
		if err != nil {
			return fmt.Errorf("rebuild index: %w", err)
		}
		if len(some) == 0 {
			return m.SetAnalysisVersion(ctx, fuzzy.AnalysisVersion)
		}
		if onReindex != nil {
			onReindex()
		}
		rebuilt = true
		_, err = Rebuild(ctx, m)
		return err
	})
	return rebuilt && err == nil, err
}
