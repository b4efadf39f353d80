package memory

import (
	"context"
	"testing"

	"github.com/padan-tm/padan/tm/internal/backend"
)

// indexReader is an index in memory, for Check: its dictionary, key lists
// and posting blocks. It counts the passes over the postings.
type indexReader struct {
	backend.MemoryReader // nil: Check calls only the Scan methods
	tokens               []backend.TokenRow
	keys                 []keysRow
	postings             []backend.PostingRow
	postingPasses        int
}

type keysRow struct {
	id, pair int64
	keys     []int64
	source   string
}

func (r *indexReader) ScanTokens(ctx context.Context, fn func(backend.TokenRow) error) error {
	for _, t := range r.tokens {
		if err := fn(t); err != nil {
			return err
		}
	}
	return nil
}

func (r *indexReader) ScanKeys(ctx context.Context, fn func(id, pair int64, nkeys int, keys []byte, source string) error) error {
	for _, k := range r.keys {
		if err := fn(k.id, k.pair, len(k.keys), encodeKeys(k.keys), k.source); err != nil {
			return err
		}
	}
	return nil
}

func (r *indexReader) ScanPostings(ctx context.Context, fn func(backend.PostingRow) error) error {
	r.postingPasses++
	for _, p := range r.postings {
		if err := fn(p); err != nil {
			return err
		}
	}
	return nil
}

// block is a posting block of ids under (pair 1, token, key count n).
func block(token int64, n int, ids ...int64) backend.PostingRow {
	return backend.PostingRow{Pair: 1, Token: token, Len: n, First: ids[0], IDs: encodePostings(ids)}
}

// TestCheck checks an index of three entries as it is, then damaged in
// each way Check counts: a healthy index is checked in one pass over the
// postings, a damaged one in two, with the exact counts.
func TestCheck(t *testing.T) {
	sources := []string{"harga beras naik", "harga beras", ""}
	// The dictionary: the keys of the sources, and the empty key.
	keyID := map[string]int64{emptyKey: 100}
	var tokens []backend.TokenRow
	var keys []keysRow
	for i, s := range sources {
		var k []int64
		for _, key := range analyzeKeys(s) {
			id, ok := keyID[key]
			if !ok {
				id = int64(len(keyID))
				keyID[key] = id
			}
			k = append(k, id)
		}
		keys = append(keys, keysRow{id: int64(i + 1), pair: 1, keys: k, source: s})
	}
	// The postings the entries call for, one block per (token, count).
	lists := map[[2]int64][]int64{}
	for _, e := range keys {
		for _, tok := range entryTokens(e.keys, 100) {
			lk := [2]int64{tok, int64(len(e.keys))}
			lists[lk] = append(lists[lk], e.id)
		}
	}
	var healthy []backend.PostingRow
	df := map[int64]int{}
	for lk, ids := range lists {
		healthy = append(healthy, block(lk[0], int(lk[1]), ids...))
		df[lk[0]] += len(ids)
	}
	for key, id := range keyID {
		tokens = append(tokens, backend.TokenRow{ID: id, Key: key, DF: df[id]})
	}
	anyKey := keys[0].keys[0]
	n0 := len(keys[0].keys)
	tests := []struct {
		name           string
		extra          []backend.PostingRow // added to the healthy blocks
		drop           bool                 // the first entry's first key's block left out
		stale, missing int
		passes         int
	}{
		{name: "healthy", passes: 1},
		{name: "a posting of no entry", extra: []backend.PostingRow{block(anyKey, n0, 99)}, stale: 1, passes: 2},
		{name: "a posting twice", extra: []backend.PostingRow{block(anyKey, n0, 1)}, stale: 1, passes: 2},
		{name: "a posting under another key count", extra: []backend.PostingRow{block(anyKey, n0+1, 1)}, stale: 1, passes: 2},
		{name: "a block missing", drop: true, passes: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &indexReader{tokens: tokens, keys: keys}
			for _, p := range healthy {
				if tt.drop && p.Token == anyKey && p.Len == n0 {
					tt.missing += len(lists[[2]int64{anyKey, int64(n0)}])
					continue
				}
				r.postings = append(r.postings, p)
			}
			r.postings = append(r.postings, tt.extra...)
			rep, err := Check(context.Background(), r)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Entries != 3 || rep.Stale != tt.stale || rep.Missing != tt.missing || rep.BadKeys != 0 {
				t.Errorf("report %+v, want 3 entries, %d stale, %d missing", rep, tt.stale, tt.missing)
			}
			if rep.OK() != (tt.stale == 0 && tt.missing == 0) {
				t.Errorf("OK() = %v for %+v", rep.OK(), rep)
			}
			if r.postingPasses != tt.passes {
				t.Errorf("%d passes over the postings, want %d", r.postingPasses, tt.passes)
			}
		})
	}
}
