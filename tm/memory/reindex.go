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
	if err := m.ClearIndex(ctx); err != nil {
		return 0, fmt.Errorf("rebuild index: %w", err)
	}
	ix, err := newIndexer(ctx, m)
	if err != nil {
		return 0, fmt.Errorf("rebuild index: %w", err)
	}
	n := 0
	var undo func()
	defer func() {
		if undo != nil {
			undo()
		}
	}()
	var keys []backend.KeysRow
	for after := int64(0); ; {
		rows, err := m.EntrySources(ctx, after, rebuildPage)
		if err != nil {
			return 0, fmt.Errorf("rebuild index: %w", err)
		}
		if len(rows) == 0 {
			break
		}
		if undo == nil && n+len(rows) >= bulkEntries {
			if undo, err = m.BigWrite(ctx); err != nil {
				return 0, fmt.Errorf("rebuild index: %w", err)
			}
		}
		keys = keys[:0]
		for _, r := range rows {
			kids, err := ix.keyIDs(analyzeKeys(r.Source))
			if err != nil {
				return 0, fmt.Errorf("rebuild index: entry %d: %w", r.ID, err)
			}
			keys = append(keys, backend.KeysRow{ID: r.ID, Keys: encodeKeys(kids)})
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
		for start := 0; start < len(keys); start += keysBatch {
			if err := m.InsertKeys(ctx, keys[start:min(start+keysBatch, len(keys))]); err != nil {
				return 0, fmt.Errorf("rebuild index: keys: %w", err)
			}
		}
		n += len(rows)
		after = rows[len(rows)-1].ID
	}
	if err := ix.flush(); err != nil {
		return 0, fmt.Errorf("rebuild index: %w", err)
	}
	if err := m.SetAnalysisVersion(ctx, fuzzy.AnalysisVersion); err != nil {
		return 0, fmt.Errorf("rebuild index: %w", err)
	}
	return n, nil
}
