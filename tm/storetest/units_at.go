package storetest

import (
	"github.com/padan-tm/padan/tm"

	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"testing"
)

func testUnitsAt(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	mustImport(t, s, sampleDoc("a", "Satu.", "Dua.", "Tiga."))
	mustRevise(t, s, "a", "en", tm.RoleTranslator, "T", tm.Entry{Index: 1, Text: "One."}, tm.Entry{Index: 3, Text: "Three \ue000.", Codes: `[{"kind":"ph"}]`})
	mustRevise(t, s, "a", "en", tm.RoleEditor, "E", tm.Entry{Index: 3, Text: "Three!"})

	ex, err := s.UnitsAt(ctx, "a", "EN", []int{3, 2, 1, 3})
	if err != nil {
		t.Fatal(err)
	}
	want := []tm.UnitState{
		{Index: 3, Source: "Tiga.", Status: tm.StatusReviewed, Target: "Three!"},
		{Index: 2, Source: "Dua.", Status: tm.StatusInitial},
		{Index: 1, Source: "Satu.", Status: tm.StatusTranslated, Target: "One."},
		{Index: 3, Source: "Tiga.", Status: tm.StatusReviewed, Target: "Three!"},
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
	if _, err := s.DocumentHead(ctx, "zz"); !errors.Is(err, tm.ErrNoDocument) {
		t.Errorf("DocumentHead of an unknown document: %v", err)
	}
	// The codes are the latest revision's: none since the editor's.
	ex, err = s.UnitsAt(ctx, "1", "en", nil) // by id
	if err != nil || ex.Document.Name != "a" || len(ex.Units) != 0 {
		t.Errorf("by id, no indexes: %+v, %v", ex, err)
	}
	mustRevise(t, s, "a", "en", tm.RoleEditor, "E", tm.Entry{Index: 2, Text: "Two \ue000.", Codes: `[{"kind":"ph"}]`})
	if ex, err := s.UnitsAt(ctx, "a", "en", []int{2}); err != nil || ex.Units[0].Codes != `[{"kind":"ph"}]` {
		t.Errorf("codes: %+v, %v", ex, err)
	}

	var se *tm.SegmentError
	if _, err := s.UnitsAt(ctx, "a", "en", []int{1, 4}); !errors.As(err, &se) || se.Index != 4 || se.Count != 3 {
		t.Errorf("index out of range: %v", err)
	}
	if _, err := s.UnitsAt(ctx, "b", "en", nil); !errors.Is(err, tm.ErrNoDocument) {
		t.Errorf("unknown document: %v", err)
	}
	if _, err := s.UnitsAt(ctx, "a", "en_US!", nil); !errors.Is(err, tm.ErrBadLanguage) {
		t.Errorf("bad language: %v", err)
	}

	// Inside Update, it sees what the transaction wrote.
	err = s.Update(ctx, func(ctx context.Context, tx *tm.Tx) error {
		if _, err := tx.Revise(ctx, tm.Change{Document: "a", Language: "en", Role: tm.RoleTranslator, Author: "T", Entries: []tm.Entry{{Index: 1, Text: "Uno."}}}); err != nil {
			return err
		}
		ex, err := tx.UnitsAt(ctx, "a", "en", []int{1})
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

// TestReviseApproveFew revises and approves a few units of a long
// document, which reads only those units (fewer than a quarter of the
// document): each revision and approval must land on its own unit.
func testReviseApproveFew(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	var texts []string
	for i := range 100 {
		texts = append(texts, fmt.Sprintf("Kalimat %d.", i+1))
	}
	mustImport(t, s, sampleDoc("long", texts...))
	entries := []tm.Entry{{Index: 7, Text: "Seven."}, {Index: 61, MergedInto: 60}}
	for i := 40; i <= 55; i++ { // a range: read with BETWEEN
		entries = append(entries, tm.Entry{Index: i, Text: "T" + strconv.Itoa(i)})
	}
	mustRevise(t, s, "long", "en", tm.RoleTranslator, "T", entries...)
	n, err := s.ApproveWith(ctx, "long", "en", "E", []int{45, 7, 45}, tm.ApproveOptions{SkipReview: true})
	if err != nil || n != 2 {
		t.Fatalf("approve: %d, %v", n, err)
	}
	tr, err := s.Translation(ctx, "long", "en", true)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range tr.Units {
		wantText, wantStatus := "", tm.StatusInitial
		switch {
		case u.Index == 7:
			wantText, wantStatus = "Seven.", tm.StatusFinal
		case u.Index >= 40 && u.Index <= 55:
			wantText, wantStatus = "T"+strconv.Itoa(u.Index), tm.StatusTranslated
			if u.Index == 45 {
				wantStatus = tm.StatusFinal
			}
		case u.Index == 61:
			wantStatus = tm.StatusTranslated
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
	var se *tm.SegmentError
	if _, err := s.Approve(ctx, "long", "en", "E", []int{7, 101}); !errors.As(err, &se) || se.Index != 101 || se.Count != 100 {
		t.Errorf("approve out of range: %v", err)
	}
	var nte *tm.NotTranslatedError
	if _, err := s.ApproveWith(ctx, "long", "en", "E", []int{40, 8}, tm.ApproveOptions{SkipReview: true}); !errors.As(err, &nte) || nte.Index != 8 {
		t.Errorf("approve untranslated: %v", err)
	}
	var nre *tm.NotReviewedError
	if _, err := s.Approve(ctx, "long", "en", "E", []int{40}); !errors.As(err, &nre) || nre.Index != 40 || !errors.Is(err, tm.ErrNotReviewed) {
		t.Errorf("approve unreviewed: %v", err)
	}
	var le *tm.LanguageError
	if _, err := s.Approve(ctx, "long", "fr", "E", []int{101}); !errors.As(err, &le) || !slices.Equal(le.Have, []string{"en"}) {
		t.Errorf("approve in French: %v", err)
	}
	if _, err := s.Approve(ctx, "long", "en", " ", []int{40}); !errors.Is(err, tm.ErrEmpty) {
		t.Errorf("approve without author: %v", err)
	}
	// The failed approvals wrote nothing: 18 revisions, 2 approvals.
	if n := revisionCount(t, s); n != 20 {
		t.Errorf("%d revisions, want 20", n)
	}
	var se2 *tm.SegmentError
	if _, err := s.Revise(ctx, tm.Change{Document: "long", Language: "en", Role: tm.RoleTranslator, Author: "T",
		Entries: []tm.Entry{{Index: 3, Text: "x"}, {Index: 0, Text: "y", Line: 4}}}); !errors.As(err, &se2) || se2.Index != 0 || se2.Line != 4 {
		t.Errorf("revise index 0: %v", err)
	}
}
