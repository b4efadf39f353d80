package tm

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestUnitsAt(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	mustImport(t, s, sampleDoc("a", "Satu.", "Dua.", "Tiga."))
	mustRevise(t, s, "a", "en", RoleTranslator, "T", Entry{Index: 1, Text: "One."}, Entry{Index: 3, Text: "Three \ue000.", Codes: `[{"kind":"ph"}]`})
	mustRevise(t, s, "a", "en", RoleEditor, "E", Entry{Index: 3, Text: "Three!"})

	ex, err := s.UnitsAt(ctx, "a", "EN", []int{3, 2, 1, 3})
	if err != nil {
		t.Fatal(err)
	}
	want := []UnitState{
		{Index: 3, Source: "Tiga.", Status: StatusReviewed, Target: "Three!"},
		{Index: 2, Source: "Dua.", Status: StatusInitial},
		{Index: 1, Source: "Satu.", Status: StatusTranslated, Target: "One."},
		{Index: 3, Source: "Tiga.", Status: StatusReviewed, Target: "Three!"},
	}
	if !reflect.DeepEqual(ex.Units, want) {
		t.Errorf("units:\n got %+v\nwant %+v", ex.Units, want)
	}
	if d := ex.Document; d.Name != "a" || d.Units != 3 || d.Version != 1 || d.Language != "id" || ex.Language != "en" {
		t.Errorf("document %+v, language %q", d, ex.Language)
	}
	full, err := s.Document(ctx, "a")
	if err != nil {
		t.Fatal(err)
	}
	full.Words, full.Languages = 0, nil
	head, err := s.DocumentHead(ctx, "a")
	if err != nil || !reflect.DeepEqual(head, full) {
		t.Errorf("DocumentHead = %+v, %v; want %+v", head, err, full)
	}
	if _, err := s.DocumentHead(ctx, "zz"); !errors.Is(err, ErrNoDocument) {
		t.Errorf("DocumentHead of an unknown document: %v", err)
	}
	// The codes are the latest revision's: none since the editor's.
	ex, err = s.UnitsAt(ctx, "1", "en", nil) // by id
	if err != nil || ex.Document.Name != "a" || len(ex.Units) != 0 {
		t.Errorf("by id, no indexes: %+v, %v", ex, err)
	}
	mustRevise(t, s, "a", "en", RoleEditor, "E", Entry{Index: 2, Text: "Two \ue000.", Codes: `[{"kind":"ph"}]`})
	if ex, err := s.UnitsAt(ctx, "a", "en", []int{2}); err != nil || ex.Units[0].Codes != `[{"kind":"ph"}]` {
		t.Errorf("codes: %+v, %v", ex, err)
	}

	var se *SegmentError
	if _, err := s.UnitsAt(ctx, "a", "en", []int{1, 4}); !errors.As(err, &se) || se.Index != 4 || se.Count != 3 {
		t.Errorf("index out of range: %v", err)
	}
	if _, err := s.UnitsAt(ctx, "b", "en", nil); !errors.Is(err, ErrNoDocument) {
		t.Errorf("unknown document: %v", err)
	}
	if _, err := s.UnitsAt(ctx, "a", "en_US!", nil); !errors.Is(err, ErrBadLanguage) {
		t.Errorf("bad language: %v", err)
	}

	// Inside Update, it sees what the transaction wrote.
	err = s.Update(ctx, func(ctx context.Context) error {
		if _, err := s.Revise(ctx, Change{Document: "a", Language: "en", Role: RoleTranslator, Author: "T", Entries: []Entry{{Index: 1, Text: "Uno."}}}); err != nil {
			return err
		}
		ex, err := s.UnitsAt(ctx, "a", "en", []int{1})
		if err != nil {
			return err
		}
		if ex.Units[0].Target != "Uno." {
			t.Errorf("inside Update: %+v", ex.Units[0])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestByIndexes: the conditions select every index asked for and no
// other, runs as ranges.
func TestByIndexes(t *testing.T) {
	run := func(from, n int) []int {
		var out []int
		for i := range n {
			out = append(out, from+i)
		}
		return out
	}
	tests := []struct {
		name    string
		indexes []int
		ranges  int // BETWEEN conditions expected
	}{
		{"none", nil, 0},
		{"few", []int{9, 2, 2, 5}, 0},
		{"one run", run(1001, 1000), 1},
		{"run too short", run(1, indexRun-1), 0},
		{"runs and strays", slices.Concat(run(1, 20), []int{30, 50}, run(100, 16), []int{200}), 2},
		{"many strays", func() []int {
			var out []int
			for i := range 1200 {
				out = append(out, 3*i+1)
			}
			return out
		}(), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := map[int]bool{}
			ranges := 0
			err := byIndexes(tt.indexes, func(where string, args []any) error {
				switch {
				case strings.HasPrefix(where, "vu.idx BETWEEN "):
					ranges++
					for i := args[0].(int); i <= args[1].(int); i++ {
						got[i] = true
					}
				case strings.HasPrefix(where, "vu.idx IN ("):
					if len(args) > indexList || strings.Count(where, "?") != len(args) {
						t.Errorf("IN list of %d arguments: %s", len(args), where)
					}
					for _, a := range args {
						got[a.(int)] = true
					}
				default:
					t.Errorf("condition %q", where)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			want := map[int]bool{}
			for _, i := range tt.indexes {
				want[i] = true
			}
			if !reflect.DeepEqual(got, want) || ranges != tt.ranges {
				t.Errorf("selected %v in %d ranges; want %v in %d", got, ranges, want, tt.ranges)
			}
		})
	}
	stop := errors.New("stop")
	if err := byIndexes([]int{1, 2}, func(string, []any) error { return stop }); err != stop {
		t.Errorf("error of query: %v", err)
	}
}

// TestReviseApproveFew revises and approves a few units of a long
// document, which reads only those units (fewer than a quarter of the
// document): each revision and approval must land on its own unit.
func TestReviseApproveFew(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	var texts []string
	for i := range 100 {
		texts = append(texts, fmt.Sprintf("Kalimat %d.", i+1))
	}
	mustImport(t, s, sampleDoc("long", texts...))
	entries := []Entry{{Index: 7, Text: "Seven."}, {Index: 61, MergedInto: 60}}
	for i := 40; i <= 55; i++ { // a range: read with BETWEEN
		entries = append(entries, Entry{Index: i, Text: "T" + strconv.Itoa(i)})
	}
	mustRevise(t, s, "long", "en", RoleTranslator, "T", entries...)
	n, err := s.ApproveWith(ctx, "long", "en", "E", []int{45, 7, 45}, ApproveOptions{SkipReview: true})
	if err != nil || n != 2 {
		t.Fatalf("approve: %d, %v", n, err)
	}
	tr, err := s.Translation(ctx, "long", "en", true)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range tr.Units {
		wantText, wantStatus := "", StatusInitial
		switch {
		case u.Index == 7:
			wantText, wantStatus = "Seven.", StatusFinal
		case u.Index >= 40 && u.Index <= 55:
			wantText, wantStatus = "T"+strconv.Itoa(u.Index), StatusTranslated
			if u.Index == 45 {
				wantStatus = StatusFinal
			}
		case u.Index == 61:
			wantStatus = StatusTranslated
		}
		if u.Target != wantText || u.Status != wantStatus {
			t.Errorf("unit %d: %q %s; want %q %s", u.Index, u.Target, u.Status, wantText, wantStatus)
		}
		if wantMerged := map[bool]int{true: 60}[u.Index == 61]; u.MergedInto != wantMerged {
			t.Errorf("unit %d merged into %d, want %d", u.Index, u.MergedInto, wantMerged)
		}
	}

	if n, err := s.Approve(ctx, "long", "en", "E", []int{7}); err != nil || n != 0 {
		t.Errorf("approve a final unit: %d, %v", n, err)
	}
	var se *SegmentError
	if _, err := s.Approve(ctx, "long", "en", "E", []int{7, 101}); !errors.As(err, &se) || se.Index != 101 || se.Count != 100 {
		t.Errorf("approve out of range: %v", err)
	}
	var nte *NotTranslatedError
	if _, err := s.ApproveWith(ctx, "long", "en", "E", []int{40, 8}, ApproveOptions{SkipReview: true}); !errors.As(err, &nte) || nte.Index != 8 {
		t.Errorf("approve untranslated: %v", err)
	}
	var nre *NotReviewedError
	if _, err := s.Approve(ctx, "long", "en", "E", []int{40}); !errors.As(err, &nre) || nre.Index != 40 || !errors.Is(err, ErrNotReviewed) {
		t.Errorf("approve unreviewed: %v", err)
	}
	var le *LanguageError
	if _, err := s.Approve(ctx, "long", "fr", "E", []int{101}); !errors.As(err, &le) || !slices.Equal(le.Have, []string{"en"}) {
		t.Errorf("approve in French: %v", err)
	}
	if _, err := s.Approve(ctx, "long", "en", " ", []int{40}); !errors.Is(err, ErrEmpty) {
		t.Errorf("approve without author: %v", err)
	}
	// The failed approvals wrote nothing: 18 revisions, 2 approvals.
	if n := count(t, s, "revisions"); n != 20 {
		t.Errorf("%d revisions, want 20", n)
	}
	var se2 *SegmentError
	if _, err := s.Revise(ctx, Change{Document: "long", Language: "en", Role: RoleTranslator, Author: "T",
		Entries: []Entry{{Index: 3, Text: "x"}, {Index: 0, Text: "y", Line: 4}}}); !errors.As(err, &se2) || se2.Index != 0 || se2.Line != 4 {
		t.Errorf("revise index 0: %v", err)
	}
}
