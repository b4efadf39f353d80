package storetest

import (
	"github.com/padan-tm/padan/tm"

	"context"
	"errors"
	"reflect"
	"testing"
)

func testImportVersions(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	res := mustImport(t, s, sampleDoc("berita", "Satu.", "Dua.", "Tiga.", "Empat."))
	if !res.New || res.Added != 4 || res.Document.Version != 1 || res.Document.Units != 4 {
		t.Fatalf("first import: %+v", res)
	}
	mustRevise(t, s, "berita", "en", tm.RoleTranslator, "Jafar",
		tm.Entry{Index: 1, Text: "One."}, tm.Entry{Index: 2, Text: "Two."}, tm.Entry{Index: 3, Text: "Three."})
	mustRevise(t, s, "berita", "en", tm.RoleEditor, "Atman", tm.Entry{Index: 1, Text: "One!"})

	// The same bytes again: nothing changes.
	res = mustImport(t, s, sampleDoc("berita", "Satu.", "Dua.", "Tiga.", "Empat."))
	if !res.Unchanged || res.Document.Version != 1 {
		t.Fatalf("same import: %+v", res)
	}

	// Unit 2 changed, a unit inserted after 3, unit 4 kept.
	res = mustImport(t, s, sampleDoc("berita", "Satu.", "Dua lagi.", "Tiga.", "Baru.", "Empat."))
	// "Dua lagi." replaces "Dua." in the gap between units 1 and 3.
	if res.Document.Version != 2 || res.Kept != 3 || res.Changed != 1 || res.Added != 1 {
		t.Fatalf("second import: %+v", res)
	}
	tr, err := s.Translation(ctx, "berita", "en", true)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Source, Status, Target, Suggestion, Translator, Editor string
	}
	var got []row
	for _, u := range tr.Units {
		r := row{Source: u.Source, Status: string(u.Status), Target: u.Target, Suggestion: u.Suggestion}
		if u.Translator != nil {
			r.Translator = u.Translator.Author
		}
		if u.Editor != nil {
			r.Editor = u.Editor.Author
		}
		got = append(got, r)
	}
	want := []row{
		{"Satu.", "reviewed", "One!", "", "Jafar", "Atman"},
		{"Dua lagi.", "initial", "", "Two.", "", ""},
		{"Tiga.", "translated", "Three.", "", "Jafar", ""},
		{"Baru.", "initial", "", "", "", ""},
		{"Empat.", "initial", "", "", "", ""},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("units after re-import:\n got %+v\nwant %+v", got, want)
	}
	if _, err := s.Import(ctx, tm.NewDocument{Name: "berita", Language: "en", Original: []byte("x"),
		Units: []tm.SourceUnit{{Index: 1, Kind: "sentence", Text: "x"}}}); !errors.Is(err, tm.ErrLanguageChanged) {
		t.Errorf("import in another language: %v", err)
	}
}

func testImportNormalizes(t *testing.T, open Opener) {
	s := open(t)
	d := sampleDoc("cafe\u0301", "Cafe\u0301.")
	d.Language = "IN"
	res := mustImport(t, s, d)
	if res.Document.Name != "café" || res.Document.Language != "id" {
		t.Errorf("name %q language %q", res.Document.Name, res.Document.Language)
	}
	mustRevise(t, s, "café", "EN-gb", tm.RoleTranslator, "T", tm.Entry{Index: 1, Text: "Cafe\u0301."})
	tr, err := s.Translation(context.Background(), "1", "en-GB", true)
	if err != nil {
		t.Fatal(err)
	}
	if tr.Units[0].Source != "Café." || tr.Units[0].Target != "Café." || tr.Language != "en-GB" {
		t.Errorf("got %+v", tr.Units[0])
	}
}

func testReviseAtomic(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	mustImport(t, s, sampleDoc("a", "Satu.", "Dua."))
	_, err := s.Revise(ctx, tm.Change{Document: "a", Language: "en", Role: tm.RoleTranslator, Author: "T",
		Entries: []tm.Entry{{Index: 1, Text: "One."}, {Index: 3, Text: "Three.", Line: 7}}})
	var se *tm.SegmentError
	if !errors.As(err, &se) || se.Index != 3 || se.Count != 2 || se.Line != 7 || !errors.Is(err, tm.ErrNoSegment) {
		t.Fatalf("Revise: %v", err)
	}
	if n := revisionCount(t, s); n != 0 {
		t.Errorf("%d revisions written", n)
	}
	_, err = s.Revise(ctx, tm.Change{Document: "b", Language: "en", Role: tm.RoleTranslator, Author: "T", Entries: []tm.Entry{{Index: 1, Text: "x"}}})
	if !errors.Is(err, tm.ErrNoDocument) {
		t.Errorf("unknown document: %v", err)
	}
	_, err = s.Revise(ctx, tm.Change{Document: "a", Language: "en_US!", Role: tm.RoleTranslator, Author: "T"})
	if !errors.Is(err, tm.ErrBadLanguage) {
		t.Errorf("bad language: %v", err)
	}
}

func testApproveReject(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	mustImport(t, s, sampleDoc("a", "Satu.", "Dua.", "Tiga."))
	mustRevise(t, s, "a", "en", tm.RoleTranslator, "T", tm.Entry{Index: 1, Text: "One."}, tm.Entry{Index: 2, Text: "Two."})
	mustRevise(t, s, "a", "en", tm.RoleEditor, "E", tm.Entry{Index: 2, Text: "Two!"})

	if _, err := s.Approve(ctx, "a", "fr", "D", nil); !errors.Is(err, tm.ErrNoLanguage) {
		t.Errorf("approve in French: %v", err)
	}
	if _, err := s.Approve(ctx, "a", "en", "D", []int{3}); !errors.Is(err, tm.ErrNotTranslated) {
		t.Errorf("approve untranslated: %v", err)
	}
	n, err := s.Approve(ctx, "a", "en", "D", nil)
	if err != nil || n != 1 {
		t.Fatalf("approve reviewed: %d, %v", n, err)
	}
	if err := s.Reject(ctx, "a", "en", "E", 1, "Check the name."); err != nil {
		t.Fatal(err)
	}
	if err := s.Reject(ctx, "a", "en", "E", 3, "x"); !errors.Is(err, tm.ErrNotTranslated) {
		t.Errorf("reject untranslated: %v", err)
	}
	if err := s.Reject(ctx, "a", "en", "E", 4, "x"); !errors.Is(err, tm.ErrNoSegment) {
		t.Errorf("reject out of range: %v", err)
	}
	tr, err := s.Translation(ctx, "a", "en", true)
	if err != nil {
		t.Fatal(err)
	}
	u1, u2 := tr.Units[0], tr.Units[1]
	if u1.Status != tm.StatusInitial || u1.Target != "One." || u1.Translator.Text != "One." || !reflect.DeepEqual(u1.Notes(), []string{"Check the name."}) {
		t.Errorf("unit 1: %+v", u1)
	}
	if u2.Status != tm.StatusFinal || u2.Target != "Two!" || u2.Editor.Author != "E" || len(u2.Revisions) != 3 || u2.Revisions[2].Event != tm.EventApprove {
		t.Errorf("unit 2: %+v", u2)
	}
	_, hist, err := s.History(ctx, "a", "en", 2)
	if err != nil || len(hist) != 3 || hist[0].Role != tm.RoleTranslator || hist[1].Status != tm.StatusReviewed || !hist[0].Time.Before(hist[2].Time) {
		t.Errorf("history: %+v, %v", hist, err)
	}
	targets, missing := tr.Targets(tm.StageEditor)
	if !reflect.DeepEqual(missing, []int{1, 3}) || targets[1] != "Two!" {
		t.Errorf("editor stage: %q missing %v", targets, missing)
	}
	targets, missing = tr.Targets(tm.StageTranslator)
	if !reflect.DeepEqual(missing, []int{3}) || targets[1] != "Two." {
		t.Errorf("translator stage: %q missing %v", targets, missing)
	}
}

func testStats(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	mustImport(t, s, sampleDoc("a", "Satu dua.", "Tiga empat lima.", "Enam."))
	mustImport(t, s, sampleDoc("b", "Tujuh."))
	mustRevise(t, s, "a", "en", tm.RoleTranslator, "T", tm.Entry{Index: 1, Text: "One two."}, tm.Entry{Index: 2, Text: "x"})
	mustRevise(t, s, "a", "en", tm.RoleEditor, "E", tm.Entry{Index: 2, Text: "y"})
	mustRevise(t, s, "a", "fr", tm.RoleTranslator, "T", tm.Entry{Index: 3, Text: "Six."})
	got, err := s.Stats(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	want := []tm.Stat{
		{Document: "a", Language: "en", Status: tm.StatusInitial, Units: 1, Words: 1},
		{Document: "a", Language: "en", Status: tm.StatusTranslated, Units: 1, Words: 2},
		{Document: "a", Language: "en", Status: tm.StatusReviewed, Units: 1, Words: 3},
		{Document: "a", Language: "fr", Status: tm.StatusInitial, Units: 2, Words: 5},
		{Document: "a", Language: "fr", Status: tm.StatusTranslated, Units: 1, Words: 1},
		{Document: "b", Language: "", Status: tm.StatusInitial, Units: 1, Words: 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Stats:\n got %+v\nwant %+v", got, want)
	}
	if _, err := s.Stats(ctx, "zz"); !errors.Is(err, tm.ErrNoDocument) {
		t.Errorf("unknown document: %v", err)
	}
}
