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
// keys.
//
// It streams: each posting (language pair, token, key count, entry) that
// the live entries call for, and each posting stored, is added into a sum
// of 64-bit hashes, and the two sums and counts are compared; only the
// dictionary (a map of its tokens) is held in memory, so that checking a
// memory of millions of entries does not take memory in proportion to
// them. Equal sums mean equal postings but for a chance of 2⁻⁶⁴. When they
// differ, a second, exact pass counts the stale and missing postings; it
// holds every entry's tokens in memory (about 800 bytes an entry), which
// only a damaged index costs.
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
	var want, have uint64 // sums of postingHash
	var k []int64
	err = r.ScanKeys(ctx, func(id, pair int64, nkeys int, keys []byte, source string) error {
		var err error
		if k, err = decodeKeys(k[:0], keys); err != nil {
			return err
		}
		if !sameKeys(k, nkeys, analyzeKeys(source), keyOf) {
			rep.BadKeys++
		}
		tokens := entryTokens(k, emptyID)
		for _, t := range tokens {
			want += postingHash(pair, t, nkeys, id)
		}
		rep.Entries++
		rep.Expected += len(tokens)
		return nil
	})
	if err != nil {
		return rep, err
	}
	posted := map[int64]int{}
	err = scanPostings(ctx, r, func(p backend.PostingRow, id int64) {
		have += postingHash(p.Pair, p.Token, p.Len, id)
		rep.Postings++
		posted[p.Token]++
	})
	if err != nil {
		return rep, err
	}
	if want != have || rep.Postings != rep.Expected {
		if rep.Stale, rep.Missing, err = countDamage(ctx, r, emptyID); err != nil {
			return rep, err
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

// sameKeys reports whether an entry's stored key list k (and its count of
// keys nkeys) is want, the keys of its source, the tokens named by keyOf.
func sameKeys(k []int64, nkeys int, want []string, keyOf map[int64]string) bool {
	if len(want) != len(k) || len(k) != nkeys {
		return false
	}
	for i := range k {
		if keyOf[k[i]] != want[i] {
			return false
		}
	}
	return true
}

// entryTokens returns the tokens under which an entry with the key list k
// is posted: its distinct keys, in order, or the empty key's token.
func entryTokens(k []int64, emptyID int64) []int64 {
	if len(k) == 0 {
		return []int64{emptyID}
	}
	return slices.Compact(slices.Sorted(slices.Values(k)))
}

// postingHash is a 64-bit hash of one posting, for sums that do not depend
// on the order in which postings are read (see [Check]).
func postingHash(pair, token int64, nkeys int, id int64) uint64 {
	const golden = 0x9e3779b97f4a7c15
	h := mix64(uint64(pair)*golden ^ uint64(token))
	h = mix64(h*golden ^ uint64(nkeys))
	return mix64(h*golden ^ uint64(id))
}

// mix64 is splitmix64's finalizer: every bit of x reaches every bit of
// the result.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

// countDamage reads the index again, holding every live entry's tokens,
// and counts the stale postings (of no live entry, or under a pair, key
// count or token the entry does not have, or twice) and the missing ones
// (that a live entry calls for and the index lacks).
func countDamage(ctx context.Context, r backend.MemoryReader, emptyID int64) (stale, missing int, err error) {
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
		tokens := entryTokens(k, emptyID)
		entries[id] = &live{pair: pair, nkeys: nkeys, tokens: tokens, seen: make([]bool, len(tokens))}
		return nil
	})
	if err != nil {
		return 0, 0, err
	}
	err = scanPostings(ctx, r, func(p backend.PostingRow, id int64) {
		e := entries[id]
		if e == nil || e.pair != p.Pair || e.nkeys != p.Len {
			stale++
			return
		}
		i, ok := slices.BinarySearch(e.tokens, p.Token)
		if !ok || e.seen[i] {
			stale++
			return
		}
		e.seen[i] = true
	})
	if err != nil {
		return 0, 0, err
	}
	for _, e := range entries {
		for _, s := range e.seen {
			if !s {
				missing++
			}
		}
	}
	return stale, missing, nil
}

// scanPostings calls fn with each posting of the index: the block it is
// in and its entry's id.
func scanPostings(ctx context.Context, r backend.MemoryReader, fn func(p backend.PostingRow, id int64)) error {
	var ids []int64
	return r.ScanPostings(ctx, func(p backend.PostingRow) error {
		var err error
		if ids, err = appendPostings(ids[:0], p.First, p.IDs); err != nil {
			return err
		}
		for _, id := range ids {
			fn(p, id)
		}
		return nil
	})
}
