package tm

import (
	"context"
	"errors"
	"reflect"
	"testing"
)

func TestImportVersions(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	res := mustImport(t, s, sampleDoc("berita", "Satu.", "Dua.", "Tiga.", "Empat."))
	if !res.New || res.Added != 4 || res.Document.Version != 1 || res.Document.Units != 4 {
		t.Fatalf("first import: %+v", res)
	}
	mustRevise(t, s, "berita", "en", RoleTranslator, "Jafar",
		Entry{Index: 1, Text: "One."}, Entry{Index: 2, Text: "Two."}, Entry{Index: 3, Text: "Three."})
	mustRevise(t, s, "berita", "en", RoleEditor, "Atman", Entry{Index: 1, Text: "One!"})

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
	if _, err := s.Import(ctx, NewDocument{Name: "berita", Language: "en", Original: []byte("x"),
		Units: []SourceUnit{{Index: 1, Kind: "sentence", Text: "x"}}}); !errors.Is(err, ErrLanguageChanged) {
		t.Errorf("import in another language: %v", err)
	}
}

func TestImportNormalizes(t *testing.T) {
	s := openTest(t)
	d := sampleDoc("cafe\u0301", "Cafe\u0301.")
	d.Language = "IN"
	res := mustImport(t, s, d)
	if res.Document.Name != "café" || res.Document.Language != "id" {
		t.Errorf("name %q language %q", res.Document.Name, res.Document.Language)
	}
	mustRevise(t, s, "café", "EN-gb", RoleTranslator, "T", Entry{Index: 1, Text: "Cafe\u0301."})
	tr, err := s.Translation(context.Background(), "1", "en-GB", true)
	if err != nil {
		t.Fatal(err)
	}
	if tr.Units[0].Source != "Café." || tr.Units[0].Target != "Café." || tr.Language != "en-GB" {
		t.Errorf("got %+v", tr.Units[0])
	}
}

func TestAlign(t *testing.T) {
	tests := []struct {
		old, new       []string
		same, previous []int64 // ids are 1-based positions in old
	}{
		{[]string{"a", "b", "c"}, []string{"a", "b", "c"}, []int64{1, 2, 3}, []int64{0, 0, 0}},
		{[]string{"a", "b", "c"}, []string{"a", "x", "c"}, []int64{1, 0, 3}, []int64{0, 2, 0}},
		{[]string{"a", "b"}, []string{"x", "y", "a", "b", "z"}, []int64{0, 0, 1, 2, 0}, []int64{0, 0, 0, 0, 0}},
		{[]string{"a", "b", "c"}, []string{"c", "b", "a"}, []int64{3, 0, 0}, []int64{0, 0, 0}},
		{nil, []string{"a"}, []int64{0}, []int64{0}},
		{[]string{"a", "a"}, []string{"a"}, []int64{1}, []int64{0}},
	}
	for _, tt := range tests {
		var old []oldUnit
		for i, s := range tt.old {
			old = append(old, oldUnit{id: int64(i + 1), source: s})
		}
		same, previous := align(old, tt.new)
		if !reflect.DeepEqual(same, tt.same) || !reflect.DeepEqual(previous, tt.previous) {
			t.Errorf("align(%v, %v) = %v %v, want %v %v", tt.old, tt.new, same, previous, tt.same, tt.previous)
		}
	}
}

func TestReviseAtomic(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	mustImport(t, s, sampleDoc("a", "Satu.", "Dua."))
	_, err := s.Revise(ctx, Change{Document: "a", Language: "en", Role: RoleTranslator, Author: "T",
		Entries: []Entry{{Index: 1, Text: "One."}, {Index: 3, Text: "Three.", Line: 7}}})
	var se *SegmentError
	if !errors.As(err, &se) || se.Index != 3 || se.Count != 2 || se.Line != 7 || !errors.Is(err, ErrNoSegment) {
		t.Fatalf("Revise: %v", err)
	}
	if n := count(t, s, "revisions"); n != 0 {
		t.Errorf("%d revisions written", n)
	}
	_, err = s.Revise(ctx, Change{Document: "b", Language: "en", Role: RoleTranslator, Author: "T", Entries: []Entry{{Index: 1, Text: "x"}}})
	if !errors.Is(err, ErrNoDocument) {
		t.Errorf("unknown document: %v", err)
	}
	_, err = s.Revise(ctx, Change{Document: "a", Language: "en_US!", Role: RoleTranslator, Author: "T"})
	if !errors.Is(err, ErrBadLanguage) {
		t.Errorf("bad language: %v", err)
	}
}

func TestApproveReject(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	mustImport(t, s, sampleDoc("a", "Satu.", "Dua.", "Tiga."))
	mustRevise(t, s, "a", "en", RoleTranslator, "T", Entry{Index: 1, Text: "One."}, Entry{Index: 2, Text: "Two."})
	mustRevise(t, s, "a", "en", RoleEditor, "E", Entry{Index: 2, Text: "Two!"})

	if _, err := s.Approve(ctx, "a", "fr", "D", nil); !errors.Is(err, ErrNoLanguage) {
		t.Errorf("approve in French: %v", err)
	}
	if _, err := s.Approve(ctx, "a", "en", "D", []int{3}); !errors.Is(err, ErrNotTranslated) {
		t.Errorf("approve untranslated: %v", err)
	}
	n, err := s.Approve(ctx, "a", "en", "D", nil)
	if err != nil || n != 1 {
		t.Fatalf("approve reviewed: %d, %v", n, err)
	}
	if err := s.Reject(ctx, "a", "en", "E", 1, "Check the name."); err != nil {
		t.Fatal(err)
	}
	if err := s.Reject(ctx, "a", "en", "E", 3, "x"); !errors.Is(err, ErrNotTranslated) {
		t.Errorf("reject untranslated: %v", err)
	}
	if err := s.Reject(ctx, "a", "en", "E", 4, "x"); !errors.Is(err, ErrNoSegment) {
		t.Errorf("reject out of range: %v", err)
	}
	tr, err := s.Translation(ctx, "a", "en", true)
	if err != nil {
		t.Fatal(err)
	}
	u1, u2 := tr.Units[0], tr.Units[1]
	if u1.Status != StatusInitial || u1.Target != "One." || u1.Translator.Text != "One." || !reflect.DeepEqual(u1.Notes(), []string{"Check the name."}) {
		t.Errorf("unit 1: %+v", u1)
	}
	if u2.Status != StatusFinal || u2.Target != "Two!" || u2.Editor.Author != "E" || len(u2.Revisions) != 3 || u2.Revisions[2].Event != EventApprove {
		t.Errorf("unit 2: %+v", u2)
	}
	_, hist, err := s.History(ctx, "a", "en", 2)
	if err != nil || len(hist) != 3 || hist[0].Role != RoleTranslator || hist[1].Status != StatusReviewed || !hist[0].Time.Before(hist[2].Time) {
		t.Errorf("history: %+v, %v", hist, err)
	}
	targets, missing := tr.Targets(StageEditor)
	if !reflect.DeepEqual(missing, []int{1, 3}) || targets[1] != "Two!" {
		t.Errorf("editor stage: %q missing %v", targets, missing)
	}
	targets, missing = tr.Targets(StageTranslator)
	if !reflect.DeepEqual(missing, []int{3}) || targets[1] != "Two." {
		t.Errorf("translator stage: %q missing %v", targets, missing)
	}
}

func TestStats(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	mustImport(t, s, sampleDoc("a", "Satu dua.", "Tiga empat lima.", "Enam."))
	mustImport(t, s, sampleDoc("b", "Tujuh."))
	mustRevise(t, s, "a", "en", RoleTranslator, "T", Entry{Index: 1, Text: "One two."}, Entry{Index: 2, Text: "x"})
	mustRevise(t, s, "a", "en", RoleEditor, "E", Entry{Index: 2, Text: "y"})
	mustRevise(t, s, "a", "fr", RoleTranslator, "T", Entry{Index: 3, Text: "Six."})
	got, err := s.Stats(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	want := []Stat{
		{"a", "en", StatusInitial, false, 1, 1},
		{"a", "en", StatusTranslated, false, 1, 2},
		{"a", "en", StatusReviewed, false, 1, 3},
		{"a", "fr", StatusInitial, false, 2, 5},
		{"a", "fr", StatusTranslated, false, 1, 1},
		{"b", "", StatusInitial, false, 1, 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Stats:\n got %+v\nwant %+v", got, want)
	}
	if _, err := s.Stats(ctx, "zz"); !errors.Is(err, ErrNoDocument) {
		t.Errorf("unknown document: %v", err)
	}
}

func TestCountWords(t *testing.T) {
	tests := map[string]int{
		"":                                0,
		"Seoul (ANTARA) -":                2,
		"Korea Utara-Rusia, 20.000 kuda.": 5,
		"北京欢迎你":                           5,
		"“Mengapa tidak?”":                2,
	}
	for in, want := range tests {
		if got := CountWords(in); got != want {
			t.Errorf("CountWords(%q) = %d, want %d", in, got, want)
		}
	}
}
