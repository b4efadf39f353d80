package storetest

import (
	"github.com/padan-tm/padan/tm"

	"context"
	"errors"
	"reflect"
	"testing"
)

// unitRow is what the merge tests compare of a unit.
type unitRow struct {
	Status tm.Status
	Target string
	Merged int
	Note   string
}

func unitRows(t *testing.T, s *tm.Store, doc, lang string) []unitRow {
	t.Helper()
	tr, err := s.Translation(context.Background(), doc, lang, false)
	if err != nil {
		t.Fatal(err)
	}
	var out []unitRow
	for _, u := range tr.Units {
		r := unitRow{Status: u.Status, Target: u.Target, Merged: u.MergedInto}
		if n := len(u.Revisions); n > 0 {
			r.Note = u.Revisions[n-1].Note
		}
		out = append(out, r)
	}
	return out
}

// TestReviseStatusAndMerge records what padan align-import records: an
// explicit status and note per entry, and units merged into the one before.
func testReviseStatusAndMerge(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	mustImport(t, s, sampleDoc("berita", "Satu.", "Dua.", "Tiga.", "Empat.", "Lima."))
	mustRevise(t, s, "berita", "en", tm.RoleTranslator, "Aligner",
		tm.Entry{Index: 1, Text: "One and two."},
		tm.Entry{Index: 2, MergedInto: 1, Note: "merged"},
		tm.Entry{Index: 3, Text: "Three?", Status: tm.StatusInitial, Note: "check"},
		tm.Entry{Index: 4, Text: "Four.", Status: tm.StatusReviewed},
	)
	want := []unitRow{
		{tm.StatusTranslated, "One and two.", 0, ""},
		{tm.StatusTranslated, "", 1, "merged"},
		{tm.StatusInitial, "Three?", 0, "check"},
		{tm.StatusReviewed, "Four.", 0, ""},
		{tm.StatusInitial, "", 0, ""},
	}
	if got := unitRows(t, s, "berita", "en"); !reflect.DeepEqual(got, want) {
		t.Fatalf("after the merge:\n got %+v\nwant %+v", got, want)
	}
	tr, err := s.Translation(ctx, "berita", "en", true)
	if err != nil {
		t.Fatal(err)
	}
	targets, missing := tr.Targets(tm.StageLatest)
	if !reflect.DeepEqual(missing, []int{5}) || targets[1] != "" {
		t.Errorf("Targets: %q missing %v, want unit 2 empty and only 5 missing", targets, missing)
	}
	if _, missing := tr.Targets(tm.StageEditor); !reflect.DeepEqual(missing, []int{1, 3, 4, 5}) {
		t.Errorf("editor stage: missing %v, want [1 3 4 5] (a merged unit is never missing)", missing)
	}
	if rs := tr.Units[1].Revisions; len(rs) != 1 || rs[0].MergedInto != 1 {
		t.Errorf("revision of unit 2: %+v", rs)
	}

	// An editor's approval keeps the merge; so does its own revision.
	mustRevise(t, s, "berita", "en", tm.RoleEditor, "Editor", tm.Entry{Index: 1, Text: "One, two."}, tm.Entry{Index: 2, MergedInto: 1})
	if _, err := s.Approve(ctx, "berita", "en", "Editor", nil); err != nil {
		t.Fatal(err)
	}
	rows := unitRows(t, s, "berita", "en")
	if rows[1] != (unitRow{tm.StatusFinal, "", 1, ""}) || rows[0].Status != tm.StatusFinal {
		t.Errorf("after approval: %+v", rows[:2])
	}

	// A later revision without the mark undoes the merge; history keeps it.
	mustRevise(t, s, "berita", "en", tm.RoleTranslator, "T", tm.Entry{Index: 2, Text: "Two."})
	tr, err = s.Translation(ctx, "berita", "en", true)
	if err != nil {
		t.Fatal(err)
	}
	u := tr.Units[1]
	if u.MergedInto != 0 || u.Target != "Two." || len(u.Revisions) != 4 || u.Revisions[0].MergedInto != 1 {
		t.Errorf("after unmerging: merged %d target %q revisions %+v", u.MergedInto, u.Target, u.Revisions)
	}
}

// TestMergeBrokenByNewVersion checks that a merge whose target unit changed
// in a new version of the document is no merge: the unit is missing again.
func testMergeBrokenByNewVersion(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	mustImport(t, s, sampleDoc("berita", "Satu.", "Dua.", "Tiga."))
	mustRevise(t, s, "berita", "en", tm.RoleTranslator, "T",
		tm.Entry{Index: 1, Text: "One, two."}, tm.Entry{Index: 2, MergedInto: 1}, tm.Entry{Index: 3, Text: "Three."})
	mustImport(t, s, sampleDoc("berita", "Satu lagi.", "Dua.", "Tiga."))
	tr, err := s.Translation(ctx, "berita", "en", true)
	if err != nil {
		t.Fatal(err)
	}
	if _, missing := tr.Targets(tm.StageLatest); !reflect.DeepEqual(missing, []int{1, 2}) {
		t.Errorf("missing %v, want [1 2]", missing)
	}
	// Change.Version refuses entries counted on the old version.
	_, err = s.Revise(ctx, tm.Change{Document: "berita", Language: "en", Role: tm.RoleTranslator, Author: "T", Version: 1,
		Entries: []tm.Entry{{Index: 1, Text: "x"}}})
	if !errors.Is(err, tm.ErrVersionChanged) {
		t.Errorf("stale version: %v", err)
	}
	if _, err := s.Revise(ctx, tm.Change{Document: "berita", Language: "en", Role: tm.RoleTranslator, Author: "T", Version: 2,
		Entries: []tm.Entry{{Index: 1, Text: "One more."}, {Index: 2, MergedInto: 1}}}); err != nil {
		t.Errorf("current version: %v", err)
	}
	if rows := unitRows(t, s, "berita", "en"); rows[1].Merged != 1 {
		t.Errorf("merge in the new version: %+v", rows)
	}
}

// TestReviseBadEntries checks that a bad status or merge refuses the whole
// change.
func testReviseBadEntries(t *testing.T, open Opener) {
	tests := []struct {
		name  string
		entry tm.Entry
		want  error
	}{
		{"merged into itself", tm.Entry{Index: 2, MergedInto: 2}, tm.ErrBadMerge},
		{"merged into a later unit", tm.Entry{Index: 2, MergedInto: 3}, tm.ErrBadMerge},
		{"merged into a negative index", tm.Entry{Index: 2, MergedInto: -1}, tm.ErrBadMerge},
		{"unknown status", tm.Entry{Index: 2, Text: "x", Status: "done"}, tm.ErrBadStatus},
		{"merge into a unit outside", tm.Entry{Index: 5, MergedInto: 1}, tm.ErrNoSegment},
	}
	s := open(t)
	mustImport(t, s, sampleDoc("berita", "Satu.", "Dua.", "Tiga."))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Revise(context.Background(), tm.Change{Document: "berita", Language: "en", Role: tm.RoleTranslator, Author: "T",
				Entries: []tm.Entry{{Index: 1, Text: "One."}, tt.entry}})
			if !errors.Is(err, tt.want) {
				t.Errorf("got %v, want %v", err, tt.want)
			}
			if n := revisionCount(t, s); n != 0 {
				t.Errorf("%d revisions written", n)
			}
		})
	}
}
