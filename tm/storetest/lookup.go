package storetest

import (
	"github.com/padan-tm/padan/tm"

	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/padan-tm/padan/internal/fuzzy"
	"github.com/padan-tm/padan/internal/fuzzy/memgen"
)

func importEntries(t testing.TB, s *tm.Store, sources []string) {
	t.Helper()
	es := make([]tm.MemoryEntry, len(sources))
	for i, src := range sources {
		es[i] = tm.MemoryEntry{SourceLang: "id", TargetLang: "en", Source: src, Target: fmt.Sprintf("target %d", i+1),
			Origin: tm.Origin{Kind: tm.OriginImport, File: "gen.tmx"}}
	}
	added, skipped, err := s.AddEntries(context.Background(), es)
	if err != nil || added != len(es) || skipped != 0 {
		t.Fatalf("AddEntries = %d added, %d skipped, %v; want %d, 0, nil", added, skipped, err, len(es))
	}
}

// testLookupRecall runs [CheckRecall] on a new store.
func testLookupRecall(t *testing.T, open Opener) { CheckRecall(t, open(t), nil) }

// CheckRecall compares the store's index with the exhaustive scan on a
// generated memory of 20,000 units with near-duplicates (4,000 with -short),
// imported into s, which must be empty: for every query and every minimum,
// the lookup returns exactly the entries the scan finds, in the same
// order, with the same scores; and the best five too. before, when not
// nil, is called before the lookups of the i-th minimum (i from 0): the
// memory package's own test changes its work budget there.
func CheckRecall(t *testing.T, s *tm.Store, before func(i int)) {
	t.Helper()
	n, nq := 20000, 80
	if testing.Short() {
		n, nq = 4000, 40
	}
	mem := memgen.New(20260914, 4000)
	mem.Generate(n)
	importEntries(t, s, mem.Units)
	units := make([]fuzzy.Analysis, n)
	for i, u := range mem.Units {
		units[i] = tm.Analyze(u)
	}
	ctx := context.Background()
	found := map[int]int{}
	for _, qs := range mem.Queries(nq) {
		all := fuzzy.Scan(tm.Analyze(qs), units, 50, 0)
		for i, m := range []int{50, 60, 75, 90, 100} {
			want := slices.DeleteFunc(slices.Clone(all), func(h fuzzy.Hit) bool { return h.Score < m })
			if before != nil {
				before(i)
			}
			for _, max := range []int{0, 5} {
				got, err := s.Lookup(ctx, tm.LookupQuery{Text: qs, SourceLang: "id", TargetLang: "en", Min: m, Max: max})
				if err != nil {
					t.Fatal(err)
				}
				w := want
				if max > 0 {
					w = want[:min(max, len(want))]
				}
				if !slices.EqualFunc(got, w, func(g tm.Match, h fuzzy.Hit) bool {
					return g.ID == int64(h.Index+1) && g.Score == h.Score && g.Base == h.Base
				}) {
					t.Fatalf("query %q min %d max %d: lookup %v\nscan %v", qs, m, max, summary(got), want)
				}
			}
			found[m] += len(want)
		}
	}
	if found[50] <= found[100] || found[75] < nq/3 {
		t.Fatalf("generated memory too easy: hits per min %v", found)
	}
	t.Logf("hits per min %v", found)
}

func summary(ms []tm.Match) []string {
	var out []string
	for _, m := range ms {
		out = append(out, fmt.Sprintf("{%d %d %d}", m.ID-1, m.Score, m.Base))
	}
	return out
}
