package memory

import (
	"cmp"
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/padan-tm/padan/internal/fuzzy"
	"github.com/padan-tm/padan/tm/internal/backend"
)

// TestMergeRuns checks the merge of the prefix's runs against counting
// every id of every run, weight times, on random runs.
func TestMergeRuns(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var bufA, bufB []counted
	for range 200 {
		var rs []run
		want := map[int64]int{}
		for k := range r.IntN(7) {
			ru := run{token: int64(k + 1), weight: 1 + r.IntN(3)}
			id := int64(0)
			for range r.IntN(50) {
				id += 1 + r.Int64N(5)
				ru.ids = append(ru.ids, id)
				want[id] += ru.weight
			}
			rs = append(rs, ru)
		}
		// The buffers of the last merge are reused, as a lookup's
		// scratch reuses them, with their old contents.
		got, spare := mergeRuns(rs, bufA, bufB)
		bufA, bufB = spare, got
		if !slices.IsSortedFunc(got, func(a, b counted) int { return int(a.id - b.id) }) || len(got) != len(want) {
			t.Fatalf("runs %v: merged %v", rs, got)
		}
		for _, c := range got {
			if want[c.id] != c.shared {
				t.Fatalf("runs %v: id %d shares %d, want %d", rs, c.id, c.shared, want[c.id])
			}
		}
	}
}

// TestCountBlock checks the count of a block against its decoded ids, on
// random blocks (deltas of one and of several bytes) and candidates.
func TestCountBlock(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 500 {
		ids := []int64{1 + r.Int64N(1000)}
		for range r.IntN(40) {
			d := 1 + r.Int64N(100)
			if r.IntN(4) == 0 {
				d += r.Int64N(1 << 20)
			}
			ids = append(ids, ids[len(ids)-1]+d)
		}
		var cs []counted
		for range r.IntN(100) {
			id := r.Int64N(ids[len(ids)-1] + 3)
			if !slices.ContainsFunc(cs, func(c counted) bool { return c.id == id }) {
				cs = append(cs, counted{id: id, shared: 1})
			}
		}
		slices.SortFunc(cs, func(a, b counted) int { return cmp.Compare(a.id, b.id) })
		if r.IntN(2) == 0 { // candidates on the block's ids too
			for _, id := range ids {
				if r.IntN(2) == 0 && !slices.ContainsFunc(cs, func(c counted) bool { return c.id == id }) {
					cs = append(cs, counted{id: id, shared: 1})
				}
			}
			slices.SortFunc(cs, func(a, b counted) int { return cmp.Compare(a.id, b.id) })
		}
		want := slices.Clone(cs)
		for i := range want {
			if slices.Contains(ids, want[i].id) {
				want[i].shared += 2
			}
		}
		if err := countBlock(cs, ids[0], encodePostings(ids), 2); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(cs, want) {
			t.Fatalf("block %v: counted %v, want %v", ids, cs, want)
		}
	}
}

// TestCorruptPostings checks that both decoders refuse a block with a zero
// delta or a truncated varint.
func TestCorruptPostings(t *testing.T) {
	for _, b := range [][]byte{{0}, {5, 0}, {0x80}, {3, 0xff}} {
		if _, err := appendPostings(nil, 10, b); !errors.Is(err, errCorruptPostings) {
			t.Errorf("appendPostings(%v): %v", b, err)
		}
		cs := []counted{{id: 1 << 40}}
		if err := countBlock(cs, 10, b, 1); !errors.Is(err, errCorruptPostings) {
			t.Errorf("countBlock(%v): %v", b, err)
		}
	}
}

// postingsReader is a MemoryReader of posting blocks only (the other
// methods panic): what the candidate filter reads. It gives each token's
// blocks in a random order, as PostingLists may.
type postingsReader struct {
	backend.MemoryReader
	blocks map[int64][]backend.PostingRow // by token
	rand   *rand.Rand
}

func (r postingsReader) PostingLists(ctx context.Context, pair int64, tokens []int64, lo, hi int, fn func(backend.PostingRow) error) error {
	for _, t := range tokens {
		bs := slices.Clone(r.blocks[t])
		r.rand.Shuffle(len(bs), func(i, j int) { bs[i], bs[j] = bs[j], bs[i] })
		for _, b := range bs {
			if b.Len < lo || b.Len > hi {
				continue
			}
			if err := fn(b); err != nil {
				if errors.Is(err, backend.ErrStop) {
					return nil
				}
				return err
			}
		}
	}
	return nil
}

// TestCandidatesOverlappingBlocks checks that the filter keeps every entry
// sharing enough keys with the query when a list's blocks overlap (as two
// imports running at once on PostgreSQL leave them: each takes ids in
// batches, and each writes one block per list) and come in any order,
// under every limit of the count.
func TestCandidatesOverlappingBlocks(t *testing.T) {
	qa := analyze("sanksi baru terhadap pyongyang dibahas dewan keamanan")
	lq := len(qa.Keys)
	r := rand.New(rand.NewPCG(5, 6))
	known := map[string]backend.TokenRow{}
	for i, k := range qa.Keys {
		known[k] = backend.TokenRow{ID: int64(i + 1), Key: k}
	}
	const n = 3000
	shares := make([]int, n+1) // entry id → query keys it holds
	lists := map[int64][]int64{}
	for id := int64(1); id <= n; id++ {
		for i := range qa.Keys {
			if r.IntN(3) > 0 {
				lists[int64(i+1)] = append(lists[int64(i+1)], id)
				shares[id]++
			}
		}
	}
	rd := postingsReader{blocks: map[int64][]backend.PostingRow{}, rand: r}
	for tok, ids := range lists {
		known[qa.Keys[tok-1]] = backend.TokenRow{ID: tok, Key: qa.Keys[tok-1], DF: len(ids)}
		// Two writers' blocks: one of the ids in batches 0, 2, 4, …
		// of 100, the other of those in batches 1, 3, 5, …
		var a, b []int64
		for _, id := range ids {
			if (id/100)%2 == 0 {
				a = append(a, id)
			} else {
				b = append(b, id)
			}
		}
		for _, part := range [][]int64{a, b} {
			if len(part) > 0 {
				rd.blocks[tok] = append(rd.blocks[tok], backend.PostingRow{Pair: 1, Token: tok, Len: lq, First: part[0], IDs: encodePostings(part)})
			}
		}
	}
	defer SetCountLimits(SetCountLimits(countFloor, countPerLive, countPerGroup))
	for _, l := range [][3]int{{1024, 256, 2}, {1 << 30, 1, 1 << 30}, {1, 1, 0}} {
		SetCountLimits(l[0], l[1], l[2])
		for _, m := range []int{50, 75, 90} {
			f, err := candidates(context.Background(), rd, 1, qa, known, m)
			if err != nil {
				t.Fatal(err)
			}
			need := fuzzy.MinShared(lq, m)
			for id := 1; id <= n; id++ {
				if shares[id] >= need && !slices.Contains(f.ids, int64(id)) {
					t.Fatalf("limits %v, min %d: entry %d shares %d of %d keys (needs %d) but is not a candidate", l, m, id, shares[id], lq, need)
				}
			}
		}
	}
}

// BenchmarkMergeRuns merges the runs of a long query's prefix: 9 keys of
// 4,000 ids each, spread over 800,000 entries.
func BenchmarkMergeRuns(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	var rs []run
	for k := range 9 {
		ru := run{token: int64(k), weight: 1}
		id := int64(0)
		for range 4000 {
			id += 1 + r.Int64N(200)
			ru.ids = append(ru.ids, id)
		}
		rs = append(rs, ru)
	}
	b.ReportAllocs()
	var x, y []counted
	for b.Loop() {
		x, y = mergeRuns(rs, x, y)
	}
}
