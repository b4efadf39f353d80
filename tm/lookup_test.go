package tm

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/padan-tm/padan/internal/fuzzy"
	"github.com/padan-tm/padan/internal/fuzzy/memgen"
)

func openMemoryStore(t testing.TB) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "padan.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func importEntries(t testing.TB, s *Store, sources []string) {
	t.Helper()
	es := make([]MemoryEntry, len(sources))
	for i, src := range sources {
		es[i] = MemoryEntry{SourceLang: "id", TargetLang: "en", Source: src, Target: fmt.Sprintf("target %d", i+1),
			Origin: Origin{Kind: OriginImport, File: "gen.tmx"}}
	}
	added, skipped, err := s.AddEntries(context.Background(), es)
	if err != nil || added != len(es) || skipped != 0 {
		t.Fatalf("AddEntries = %d added, %d skipped, %v; want %d, 0, nil", added, skipped, err, len(es))
	}
}

// TestLookupRecall compares the store's index with the exhaustive scan on a
// generated memory of 20,000 units with near-duplicates: for every query
// and every minimum, the lookup returns exactly the entries the scan
// finds, in the same order, with the same scores; and the best five too.
func TestLookupRecall(t *testing.T) {
	n, nq := 20000, 80
	if testing.Short() {
		n, nq = 4000, 40
	}
	mem := memgen.New(20260914, 4000)
	mem.Generate(n)
	s := openMemoryStore(t)
	importEntries(t, s, mem.Units)
	units := make([]fuzzy.Analysis, n)
	for i, u := range mem.Units {
		units[i] = analyze(u)
	}
	ctx := context.Background()
	defer func(b int) { countBudget = b }(countBudget)
	found := map[int]int{}
	for _, qs := range mem.Queries(nq) {
		all := fuzzy.Scan(analyze(qs), units, 50, 0)
		for i, m := range []int{50, 60, 75, 90, 100} {
			want := slices.DeleteFunc(slices.Clone(all), func(h fuzzy.Hit) bool { return h.Score < m })
			// Every other minimum with a small count budget, so that
			// both the counted and the uncounted keys are exercised.
			countBudget = []int{1 << 16, 40}[i%2]
			for _, max := range []int{0, 5} {
				got, err := s.Lookup(ctx, LookupQuery{Text: qs, SourceLang: "id", TargetLang: "en", Min: m, Max: max})
				if err != nil {
					t.Fatal(err)
				}
				w := want
				if max > 0 {
					w = want[:min(max, len(want))]
				}
				if !slices.EqualFunc(got, w, func(g Match, h fuzzy.Hit) bool {
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

func summary(ms []Match) []string {
	var out []string
	for _, m := range ms {
		out = append(out, fmt.Sprintf("{%d %d %d}", m.ID-1, m.Score, m.Base))
	}
	return out
}
