package tm

import (
	"context"
	"errors"
	"testing"
)

func TestConcordance(t *testing.T) {
	ctx := context.Background()
	s := openMemoryStore(t)
	if _, _, err := s.AddEntries(ctx, []MemoryEntry{
		{SourceLang: "id", TargetLang: "en", Source: "Kerja sama militer kedua negara.", Target: "The two countries' military cooperation."},
		{SourceLang: "id", TargetLang: "en", Source: "Kerja keras, sama-sama.", Target: "Hard work, together."},
		{SourceLang: "id", TargetLang: "en", Source: "KERJA SAMA ekonomi dan kerja sama militer.", Target: "Economic and military cooperation."},
		{SourceLang: "id", TargetLang: "de", Source: "Kerja sama.", Target: "Zusammenarbeit."},
		{SourceLang: "fr", TargetLang: "en", Source: "Café crème.", Target: "Coffee with cream."},
	}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q     ConcordanceQuery
		ids   []int64
		spans [][]Span // of the first hit
	}{
		{ConcordanceQuery{Term: "kerja sama", Lang: "id"}, []int64{4, 3, 1}, [][]Span{{{0, 10}}}},
		{ConcordanceQuery{Term: "kerja sama", Lang: "id", Max: 2}, []int64{4, 3}, nil},
		{ConcordanceQuery{Term: "military cooperation", Lang: "en", Target: true}, []int64{3, 1}, [][]Span{{{13, 33}}}},
		{ConcordanceQuery{Term: `kerja" OR "x`, Lang: "id"}, nil, nil},
		{ConcordanceQuery{Term: "cafe", Lang: "fr"}, []int64{5}, [][]Span{{{0, 5}}}},
		{ConcordanceQuery{Term: "kerja", Lang: "en"}, nil, nil},
	}
	for _, tt := range tests {
		hits, err := s.Concordance(ctx, tt.q)
		if err != nil {
			t.Fatalf("%+v: %v", tt.q, err)
		}
		var ids []int64
		for _, h := range hits {
			ids = append(ids, h.ID)
		}
		if len(ids) != len(tt.ids) {
			t.Errorf("%+v: ids %v, want %v", tt.q, ids, tt.ids)
			continue
		}
		for i := range ids {
			if ids[i] != tt.ids[i] {
				t.Errorf("%+v: ids %v, want %v", tt.q, ids, tt.ids)
			}
		}
		if tt.spans != nil {
			got := hits[0].Spans
			want := tt.spans[0]
			if len(got) != len(want) || len(got) > 0 && got[0] != want[0] {
				t.Errorf("%+v: spans %v, want %v", tt.q, got, want)
			}
		}
	}
	if _, err := s.Concordance(ctx, ConcordanceQuery{Term: " ,. ", Lang: "id"}); !errors.Is(err, ErrEmptyTerm) {
		t.Errorf("empty term: %v", err)
	}
}

func FuzzFTSPhrase(f *testing.F) {
	f.Add("kerja sama")
	f.Add(`a" OR "b`)
	f.Add("NEAR(a b)")
	f.Add("x* ^y -z")
	ctx := context.Background()
	s := openMemoryStore(f)
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
