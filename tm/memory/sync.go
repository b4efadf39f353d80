package memory

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/padan-tm/padan/tm/internal/backend"
	"github.com/padan-tm/padan/tm/internal/stored"
)

// UnitEntry is the entry that a document unit should have in the memory:
// Entry, or none when Entry is nil.
type UnitEntry struct {
	UnitID int64
	Entry  *Entry
}

// bigSync is the number of entries from which Sync adds them through the
// bulk pipeline of [Add] rather than on the caller's goroutine.
const bigSync = 1000

// Sync brings the memory entries of document units in one language pair
// up to date, within the transaction of m: a unit given an Entry has that
// entry (an entry already up to date is left alone), a unit given none has
// none. A replaced or removed entry goes with its postings and its share
// of the document frequencies, so that the index holds exactly the live
// entries however often a unit is revised. A few units take a simple path
// on the caller's goroutine; many (a whole document) the bulk pipeline.
func Sync(ctx context.Context, m backend.MemoryTx, sourceLang, targetLang string, units []UnitEntry) error {
	if len(units) == 0 {
		return nil
	}
	pair, err := m.Pair(ctx, sourceLang, targetLang, false)
	if err != nil {
		return fmt.Errorf("sync memory: %w", err)
	}
	have := map[int64]backend.EntryRef{}
	if pair != 0 {
		ids := make([]int64, len(units))
		for i, u := range units {
			ids[i] = u.UnitID
		}
		if have, err = m.UnitEntries(ctx, pair, ids); err != nil {
			return fmt.Errorf("sync memory: %w", err)
		}
	}
	var add []Entry
	var gone []int64
	for _, u := range units {
		old, ok := have[u.UnitID]
		if u.Entry != nil {
			e := *u.Entry
			e.UnitID = u.UnitID
			if ok && bytes.Equal(old.Hash, e.hash(stored.NFC(e.Source), stored.NFC(e.Target), stored.Time(e.Origin.Time))) {
				continue // up to date
			}
			add = append(add, e)
		}
		if ok {
			gone = append(gone, old.ID)
		}
	}
	if err := remove(ctx, m, pair, gone); err != nil {
		return fmt.Errorf("sync memory: %w", err)
	}
	if len(add) > bigSync {
		_, _, err = Add(ctx, m, sliceNext(add))
	} else {
		_, _, err = addSimple(ctx, m, add)
	}
	if err != nil {
		return fmt.Errorf("sync memory: %w", err)
	}
	return nil
}

// sliceNext returns a next function over entries, for [Add].
func sliceNext(entries []Entry) func() (Entry, bool, error) {
	i := 0
	return func() (Entry, bool, error) {
		if i == len(entries) {
			return Entry{}, false, nil
		}
		i++
		return entries[i-1], true, nil
	}
}

// remove deletes the entries ids of a language pair with their postings
// (each taken out of its block) and their share of the document
// frequencies.
func remove(ctx context.Context, m backend.MemoryTx, pair int64, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	keys := map[int64][]int64{}
	err := m.Keys(ctx, ids, func(r backend.KeysRow) error {
		k, err := decodeKeys(nil, r.Keys)
		if err != nil {
			return fmt.Errorf("entry %d: %w", r.ID, err)
		}
		keys[r.ID] = k
		return nil
	})
	if err != nil {
		return err
	}
	df := map[int64]int{}
	var emptyID int64
	for _, id := range ids {
		k, ok := keys[id]
		if !ok {
			return fmt.Errorf("entry %d has no keys", id)
		}
		tokens := slices.Compact(slices.Sorted(slices.Values(k)))
		if len(k) == 0 {
			if emptyID == 0 {
				var found bool
				if emptyID, found, err = m.TokenID(ctx, emptyKey); err != nil {
					return err
				}
				if !found {
					return fmt.Errorf("entry %d: no empty key in the dictionary", id)
				}
			}
			tokens = []int64{emptyID}
		}
		for _, t := range tokens {
			removed, err := unpost(ctx, m, pair, t, len(k), id)
			if err != nil {
				return err
			}
			if removed {
				df[t]--
			}
		}
		if err := m.DeleteEntry(ctx, id); err != nil {
			return err
		}
	}
	var rows []backend.TokenRow
	for _, t := range slices.Sorted(maps.Keys(df)) {
		rows = append(rows, backend.TokenRow{ID: t, DF: df[t]})
	}
	for part := range slices.Chunk(rows, dfBatch) {
		if err := m.AddDF(ctx, part); err != nil {
			return err
		}
	}
	return nil
}

// unpost takes entry id out of the posting block of (pair, token, l) that
// holds it, rewriting the block (or deleting it when id was its only
// entry); false when no block holds it.
func unpost(ctx context.Context, m backend.MemoryTx, pair, token int64, l int, id int64) (bool, error) {
	b, ok, err := m.PostingAt(ctx, pair, token, l, id)
	if err != nil || !ok {
		return false, err
	}
	ids, err := appendPostings(nil, b.First, b.IDs)
	if err != nil {
		return false, err
	}
	i, found := slices.BinarySearch(ids, id)
	if !found {
		return false, nil
	}
	ids = slices.Delete(ids, i, i+1)
	if err := m.DeletePosting(ctx, pair, token, l, b.First); err != nil {
		return false, err
	}
	if len(ids) > 0 {
		err = m.InsertPostings(ctx, []backend.PostingRow{{Pair: pair, Token: token, Len: l, First: ids[0], IDs: encodePostings(ids)}})
	}
	return true, err
}
