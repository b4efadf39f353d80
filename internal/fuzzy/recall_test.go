package fuzzy

import (
	"slices"
	"testing"

	"github.com/padan-tm/padan/internal/fuzzy/memgen"
)

// memIndex is the inverted index of the package documentation held in
// memory: key → units holding it, and the key count of each unit. The store
// keeps the same structure in SQLite; this one proves the filters on their
// own.
type memIndex struct {
	units    []Analysis
	postings map[string][]int
}

func newMemIndex(units []Analysis) *memIndex {
	ix := &memIndex{units: units, postings: map[string][]int{}}
	for i, u := range units {
		for _, k := range u.Keys {
			if p := ix.postings[k]; len(p) == 0 || p[len(p)-1] != i {
				ix.postings[k] = append(p, i)
			}
		}
	}
	return ix
}

// lookup returns the best k hits with score ≥ m and how many candidates it
// verified.
func (ix *memIndex) lookup(q Analysis, m, k int) ([]Hit, int) {
	lo, hi := LengthRange(len(q.Keys), m)
	var cands []int
	if len(q.Keys) == 0 {
		for i, u := range ix.units {
			if len(u.Keys) == 0 {
				cands = append(cands, i)
			}
		}
	} else {
		seen := map[int]bool{}
		for _, key := range Probe(q.Keys, m, func(k string) int { return len(ix.postings[k]) }) {
			for _, i := range ix.postings[key] {
				if l := len(ix.units[i].Keys); !seen[i] && l >= lo && l <= hi {
					seen[i] = true
					cands = append(cands, i)
				}
			}
		}
	}
	var hits []Hit
	for _, i := range cands {
		if r, ok := ScoreAtLeast(q, ix.units[i], m); ok {
			hits = append(hits, Hit{Index: i, Result: r})
		}
	}
	slices.SortFunc(hits, Compare)
	if k > 0 && len(hits) > k {
		hits = hits[:k]
	}
	return hits, len(cands)
}

// TestRecall compares the index with the exhaustive scan on a generated
// memory of 20,000 units with near-duplicates: for every query and every
// minimum, the best 5 hits and the full list of hits must be identical.
func TestRecall(t *testing.T) {
	n, nq := 20000, 150
	if testing.Short() {
		n, nq = 5000, 60
	}
	mem := memgen.New(20260913, 4000)
	mem.Generate(n)
	units := make([]Analysis, len(mem.Units))
	for i, s := range mem.Units {
		units[i] = analyze(s)
	}
	ix := newMemIndex(units)
	found, cands := map[int]int{}, 0
	for _, qs := range mem.Queries(nq) {
		q := analyze(qs)
		all := Scan(q, units, 50, 0)
		for _, m := range []int{50, 60, 75, 90, 99, 100} {
			want := slices.DeleteFunc(slices.Clone(all), func(h Hit) bool { return h.Score < m })
			got, nc := ix.lookup(q, m, 0)
			cands += nc
			if !slices.EqualFunc(got, want, hitEqual) {
				t.Fatalf("query %q, min %d: index found %d hits, scan %d\nindex %v\nscan  %v", qs, m, len(got), len(want), got, want)
			}
			top, _ := ix.lookup(q, m, 5)
			if !slices.EqualFunc(top, want[:min(5, len(want))], hitEqual) {
				t.Fatalf("query %q, min %d: top 5 differ", qs, m)
			}
			found[m] += len(want)
		}
	}
	// The memory must make the comparison meaningful: many fuzzy hits
	// below 100, and far fewer candidates than a full scan would score.
	if found[50] <= found[100] || found[75] < nq/3 {
		t.Fatalf("generated memory too easy: hits per min %v", found)
	}
	if scanned := nq * 6 * n; cands*5 > scanned {
		t.Errorf("index verified %d candidates, more than a fifth of a full scan (%d)", cands, scanned)
	}
	t.Logf("hits per min %v; candidates verified %d (full scans: %d)", found, cands, nq*6*n)
}

func hitEqual(a, b Hit) bool {
	return a.Index == b.Index && a.Score == b.Score && a.Base == b.Base && a.Distance == b.Distance
}

func TestScanOrder(t *testing.T) {
	units := []Analysis{analyze("satu dua tiga empat"), analyze("satu dua tiga"), analyze("Satu dua tiga empat"), analyze("satu dua tiga empat")}
	got := Scan(analyze("satu dua tiga empat"), units, 70, 0)
	var idx []int
	for _, h := range got {
		idx = append(idx, h.Index)
	}
	// Exact matches newest first, then the case-penalized one, then 75.
	if want := []int{3, 0, 2, 1}; !slices.Equal(idx, want) {
		t.Errorf("Scan order = %v, want %v", idx, want)
	}
	if got := Scan(analyze("satu dua tiga empat"), units, 70, 2); len(got) != 2 {
		t.Errorf("Scan with k=2 returned %d hits", len(got))
	}
}
