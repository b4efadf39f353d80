package memory

import (
	"context"
	"slices"

	"github.com/padan-tm/padan/tm/internal/backend"
)

// Report is what [Check] finds in the index.
type Report struct {
	// Entries counts the live entries (those with a key list);
	// Expected the postings they call for (one per distinct key, or one
	// under the empty key); Postings the postings stored.
	Entries, Expected, Postings int
	// Stale counts postings of no live entry (or under a key or length
	// it does not have); Missing the postings a live entry lacks.
	Stale, Missing int
	// BadDF counts tokens whose document frequency is not the number of
	// postings under them.
	BadDF int
	// BadKeys counts entries whose key list is not the keys of their
	// source (as analyzed today).
	BadKeys int
}

// OK reports whether the index holds exactly the postings and frequencies
// of its live entries.
func (r Report) OK() bool {
	return r.Stale == 0 && r.Missing == 0 && r.BadDF == 0 && r.BadKeys == 0 && r.Postings == r.Expected
}

// Check reads the whole index and compares each live entry's key list with
// its source, and the postings and document frequencies with the entries'
// keys. It holds every entry's keys in
// memory: a tool for tests and integrity checks, not for every command.
func Check(ctx context.Context, r backend.MemoryReader) (Report, error) {
	var rep Report
	var emptyID int64
	df := map[int64]int{}
	keyOf := map[int64]string{}
	err := r.ScanTokens(ctx, func(t backend.TokenRow) error {
		if t.Key == emptyKey {
			emptyID = t.ID
		}
		df[t.ID] = t.DF
		keyOf[t.ID] = t.Key
		return nil
	})
	if err != nil {
		return rep, err
	}
	type live struct {
		pair   int64
		nkeys  int
		tokens []int64
		seen   []bool
	}
	entries := map[int64]*live{}
	err = r.ScanKeys(ctx, func(id, pair int64, nkeys int, keys []byte, source string) error {
		k, err := decodeKeys(nil, keys)
		if err != nil {
			return err
		}
		want := analyzeKeys(source)
		bad := len(want) != len(k) || len(k) != nkeys
		for i := 0; !bad && i < len(k); i++ {
			bad = keyOf[k[i]] != want[i]
		}
		if bad {
			rep.BadKeys++
		}
		tokens := slices.Compact(slices.Sorted(slices.Values(k)))
		if len(k) == 0 {
			tokens = []int64{emptyID}
		}
		entries[id] = &live{pair: pair, nkeys: nkeys, tokens: tokens, seen: make([]bool, len(tokens))}
		rep.Entries++
		rep.Expected += len(tokens)
		return nil
	})
	if err != nil {
		return rep, err
	}
	posted := map[int64]int{}
	var ids []int64
	err = r.ScanPostings(ctx, func(p backend.PostingRow) error {
		var err error
		if ids, err = appendPostings(ids[:0], p.First, p.IDs); err != nil {
			return err
		}
		for _, id := range ids {
			rep.Postings++
			posted[p.Token]++
			e := entries[id]
			if e == nil || e.pair != p.Pair || e.nkeys != p.Len {
				rep.Stale++
				continue
			}
			i, ok := slices.BinarySearch(e.tokens, p.Token)
			if !ok || e.seen[i] {
				rep.Stale++
				continue
			}
			e.seen[i] = true
		}
		return nil
	})
	if err != nil {
		return rep, err
	}
	for _, e := range entries {
		for _, s := range e.seen {
			if !s {
				rep.Missing++
			}
		}
	}
	for t, n := range df {
		if posted[t] != n {
			rep.BadDF++
		}
	}
	for t := range posted {
		if _, ok := df[t]; !ok {
			rep.BadDF++
		}
	}
	return rep, nil
}
