package storetest

import (
	"github.com/padan-tm/padan/tm"

	"context"
	"errors"
	"testing"
)

func testConcordance(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	if _, _, err := s.AddEntries(ctx, []tm.MemoryEntry{
		{SourceLang: "id", TargetLang: "en", Source: "Kerja sama militer kedua negara.", Target: "The two countries' military cooperation."},
		{SourceLang: "id", TargetLang: "en", Source: "Kerja keras, sama-sama.", Target: "Hard work, together."},
		{SourceLang: "id", TargetLang: "en", Source: "KERJA SAMA ekonomi dan kerja sama militer.", Target: "Economic and military cooperation."},
		{SourceLang: "id", TargetLang: "de", Source: "Kerja sama.", Target: "Zusammenarbeit."},
		{SourceLang: "fr", TargetLang: "en", Source: "Café crème.", Target: "Coffee with cream."},
	}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q     tm.ConcordanceQuery
		ids   []int64
		spans [][]tm.Span // of the first hit
	}{
		{tm.ConcordanceQuery{Term: "kerja sama", Lang: "id"}, []int64{4, 3, 1}, [][]tm.Span{{{Start: 0, End: 10}}}},
		{tm.ConcordanceQuery{Term: "kerja sama", Lang: "id", Max: 2}, []int64{4, 3}, nil},
		{tm.ConcordanceQuery{Term: "military cooperation", Lang: "en", Target: true}, []int64{3, 1}, [][]tm.Span{{{Start: 13, End: 33}}}},
		{tm.ConcordanceQuery{Term: `kerja" OR "x`, Lang: "id"}, nil, nil},
		{tm.ConcordanceQuery{Term: "cafe", Lang: "fr"}, []int64{5}, [][]tm.Span{{{Start: 0, End: 5}}}},
		{tm.ConcordanceQuery{Term: "kerja", Lang: "en"}, nil, nil},
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
	if _, err := s.Concordance(ctx, tm.ConcordanceQuery{Term: " ,. ", Lang: "id"}); !errors.Is(err, tm.ErrEmptyTerm) {
		t.Errorf("empty term: %v", err)
	}
}
