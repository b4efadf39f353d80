package tm

import (
	"context"
	"errors"
	"testing"
)

func FuzzFTSPhrase(f *testing.F) {
	f.Add("kerja sama")
	f.Add(`a" OR "b`)
	f.Add("NEAR(a b)")
	f.Add("x* ^y -z")
	ctx := context.Background()
	s := openTest(f)
	if _, _, err := s.AddEntries(ctx, []MemoryEntry{{SourceLang: "id", TargetLang: "en", Source: "kerja sama", Target: "cooperation"}}); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, term string) {
		// Any term is a valid query: found or not, or refused as empty.
		if _, err := s.Concordance(ctx, ConcordanceQuery{Term: term, Lang: "id"}); err != nil && !errors.Is(err, ErrEmptyTerm) {
			t.Fatalf("Concordance(%q): %v", term, err)
		}
	})
}
