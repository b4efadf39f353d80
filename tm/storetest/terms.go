package storetest

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/padan-tm/padan/tm"
)

// testTerms checks adding and listing terms: the adder recorded unless a
// term names its author, a re-added term's status changed (not its
// author), and a bad term anywhere writing nothing.
func testTerms(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	in := []tm.Term{
		{SourceLang: "id", TargetLang: "en", Source: "senjata", Target: "weapon"},
		{SourceLang: "in", TargetLang: "en", Source: "senjata", Target: "gun", Status: "forbidden", Note: "too narrow"},
		{SourceLang: "id", TargetLang: "en", Source: "senjata", Target: "arms", Status: "admitted", Author: "Atman Ahdiat"},
	}
	added, changed, err := s.AddTerms(ctx, "Desk", in)
	if err != nil || added != 3 || changed != 0 {
		t.Fatalf("AddTerms: %d added, %d changed, %v", added, changed, err)
	}
	got, err := s.Terms(ctx, "id", "en")
	if err != nil {
		t.Fatal(err)
	}
	var summary []string
	for _, g := range got {
		summary = append(summary, g.SourceLang+" "+g.Source+" "+g.Target+" "+g.Status+" "+g.Author+" "+g.Note)
		if g.Created.IsZero() {
			t.Errorf("%s: no time", g.Target)
		}
	}
	want := []string{"id senjata weapon preferred Desk ", "id senjata arms admitted Atman Ahdiat ", "id senjata gun forbidden Desk too narrow"}
	if !reflect.DeepEqual(summary, want) {
		t.Errorf("Terms:\n%q\nwant\n%q", summary, want)
	}
	// Re-adding changes the status, not who added it.
	added, changed, err = s.AddTerms(ctx, "Other", []tm.Term{{SourceLang: "id", TargetLang: "en", Source: "senjata", Target: "arms", Status: "preferred"}})
	if err != nil || added != 0 || changed != 1 {
		t.Fatalf("re-add: %d, %d, %v", added, changed, err)
	}
	got, _ = s.Terms(ctx, "", "")
	if got[0].Target != "arms" || got[0].Status != "preferred" || got[0].Author != "Atman Ahdiat" {
		t.Errorf("after re-add: %+v", got[0])
	}
	// A bad term anywhere writes nothing.
	before := count(t, s, "terms")
	_, _, err = s.AddTerms(ctx, "Desk", []tm.Term{
		{SourceLang: "id", TargetLang: "en", Source: "rudal", Target: "missile"},
		{SourceLang: "id", TargetLang: "en", Source: "x", Target: "y", Status: "best", Line: 7},
	})
	var te *tm.TermError
	if !errors.As(err, &te) || te.Line != 7 || !errors.Is(err, tm.ErrBadStatus) {
		t.Errorf("bad status: %v", err)
	}
	if _, _, err := s.AddTerms(ctx, "Desk", []tm.Term{{SourceLang: "id", TargetLang: "en", Source: " ", Target: "y"}}); !errors.Is(err, tm.ErrEmpty) {
		t.Errorf("empty source: %v", err)
	}
	if count(t, s, "terms") != before {
		t.Error("a refused import wrote terms")
	}
}

// testIgnoreChecks checks that a note ignoring checks on a translated
// unit leaves its text and status, is in its history, and ends with a new
// text.
func testIgnoreChecks(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	mustImport(t, s, sampleDoc("a", "Satu.", "Dua."))
	mustRevise(t, s, "a", "en", tm.RoleEditor, "E", tm.Entry{Index: 1, Text: "One!"})
	if err := s.IgnoreChecks(ctx, "a", "en", "Desk", 2, []string{"number"}, ""); !errors.Is(err, tm.ErrNotTranslated) {
		t.Errorf("untranslated unit: %v", err)
	}
	if err := s.IgnoreChecks(ctx, "a", "en", "Desk", 1, []string{"punctuation", "length"}, "house style"); err != nil {
		t.Fatal(err)
	}
	tr, err := s.Translation(ctx, "a", "en", true)
	if err != nil {
		t.Fatal(err)
	}
	u := tr.Units[0]
	if u.Target != "One!" || u.Status != tm.StatusReviewed {
		t.Errorf("the note changed the unit: %q %s", u.Target, u.Status)
	}
	if got := u.IgnoredChecks(); !reflect.DeepEqual(got, []string{"punctuation", "length"}) {
		t.Errorf("IgnoredChecks = %q", got)
	}
	last := u.Revisions[len(u.Revisions)-1]
	if last.Note != "padan: ignore check punctuation, length: house style" || last.Author != "Desk" {
		t.Errorf("history: %+v", last)
	}
	// A new text ends the note.
	mustRevise(t, s, "a", "en", tm.RoleEditor, "E", tm.Entry{Index: 1, Text: "One."})
	tr, _ = s.Translation(ctx, "a", "en", true)
	if got := tr.Units[0].IgnoredChecks(); got != nil {
		t.Errorf("after a new text: %q", got)
	}
}

// testSameTexts checks that SameTexts finds other documents' and the
// memory's translations of the same sources and sources of the same
// targets, leaving out the document named.
func testSameTexts(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	mustImport(t, s, sampleDoc("a", "Satu.", "Dua."))
	mustRevise(t, s, "a", "en", tm.RoleEditor, "E", tm.Entry{Index: 1, Text: "One."}, tm.Entry{Index: 2, Text: "Two."})
	mustImport(t, s, sampleDoc("b", "Satu."))
	mustRevise(t, s, "b", "en", tm.RoleEditor, "E", tm.Entry{Index: 1, Text: "A single one."})
	if _, _, err := s.AddEntries(ctx, []tm.MemoryEntry{{SourceLang: "id", TargetLang: "en", Source: "Tiga.", Target: "Two.", Origin: tm.Origin{Kind: tm.OriginImport, File: "x.tmx"}}}); err != nil {
		t.Fatal(err)
	}
	bs, bt, err := s.SameTexts(ctx, "id", "en", "a", []string{"Satu.", "Dua."}, []string{"One.", "Two."})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(bs, map[string][]string{"Satu.": {"A single one."}}) {
		t.Errorf("bySource = %q", bs)
	}
	if !reflect.DeepEqual(bt, map[string][]string{"Two.": {"Tiga."}}) {
		t.Errorf("byTarget = %q", bt)
	}
}
