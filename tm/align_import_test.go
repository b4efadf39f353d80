package tm

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// unitRow is what the merge tests compare of a unit.
type unitRow struct {
	Status Status
	Target string
	Merged int
	Note   string
}

func unitRows(t *testing.T, s *Store, doc, lang string) []unitRow {
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
func TestReviseStatusAndMerge(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	mustImport(t, s, sampleDoc("berita", "Satu.", "Dua.", "Tiga.", "Empat.", "Lima."))
	mustRevise(t, s, "berita", "en", RoleTranslator, "Aligner",
		Entry{Index: 1, Text: "One and two."},
		Entry{Index: 2, MergedInto: 1, Note: "merged"},
		Entry{Index: 3, Text: "Three?", Status: StatusInitial, Note: "check"},
		Entry{Index: 4, Text: "Four.", Status: StatusReviewed},
	)
	want := []unitRow{
		{StatusTranslated, "One and two.", 0, ""},
		{StatusTranslated, "", 1, "merged"},
		{StatusInitial, "Three?", 0, "check"},
		{StatusReviewed, "Four.", 0, ""},
		{StatusInitial, "", 0, ""},
	}
	if got := unitRows(t, s, "berita", "en"); !reflect.DeepEqual(got, want) {
		t.Fatalf("after the merge:\n got %+v\nwant %+v", got, want)
	}
	tr, err := s.Translation(ctx, "berita", "en", true)
	if err != nil {
		t.Fatal(err)
	}
	targets, missing := tr.Targets(StageLatest)
	if !reflect.DeepEqual(missing, []int{5}) || targets[1] != "" {
		t.Errorf("Targets: %q missing %v, want unit 2 empty and only 5 missing", targets, missing)
	}
	if _, missing := tr.Targets(StageEditor); !reflect.DeepEqual(missing, []int{1, 3, 4, 5}) {
		t.Errorf("editor stage: missing %v, want [1 3 4 5] (a merged unit is never missing)", missing)
	}
	if rs := tr.Units[1].Revisions; len(rs) != 1 || rs[0].MergedInto != 1 {
		t.Errorf("revision of unit 2: %+v", rs)
	}

	// An editor's approval keeps the merge; so does its own revision.
	mustRevise(t, s, "berita", "en", RoleEditor, "Editor", Entry{Index: 1, Text: "One, two."}, Entry{Index: 2, MergedInto: 1})
	if _, err := s.Approve(ctx, "berita", "en", "Editor", nil); err != nil {
		t.Fatal(err)
	}
	rows := unitRows(t, s, "berita", "en")
	if rows[1] != (unitRow{StatusFinal, "", 1, ""}) || rows[0].Status != StatusFinal {
		t.Errorf("after approval: %+v", rows[:2])
	}

	// A later revision without the mark undoes the merge; history keeps it.
	mustRevise(t, s, "berita", "en", RoleTranslator, "T", Entry{Index: 2, Text: "Two."})
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
func TestMergeBrokenByNewVersion(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	mustImport(t, s, sampleDoc("berita", "Satu.", "Dua.", "Tiga."))
	mustRevise(t, s, "berita", "en", RoleTranslator, "T",
		Entry{Index: 1, Text: "One, two."}, Entry{Index: 2, MergedInto: 1}, Entry{Index: 3, Text: "Three."})
	mustImport(t, s, sampleDoc("berita", "Satu lagi.", "Dua.", "Tiga."))
	tr, err := s.Translation(ctx, "berita", "en", true)
	if err != nil {
		t.Fatal(err)
	}
	if _, missing := tr.Targets(StageLatest); !reflect.DeepEqual(missing, []int{1, 2}) {
		t.Errorf("missing %v, want [1 2]", missing)
	}
	// Change.Version refuses entries counted on the old version.
	_, err = s.Revise(ctx, Change{Document: "berita", Language: "en", Role: RoleTranslator, Author: "T", Version: 1,
		Entries: []Entry{{Index: 1, Text: "x"}}})
	if !errors.Is(err, ErrVersionChanged) {
		t.Errorf("stale version: %v", err)
	}
	if _, err := s.Revise(ctx, Change{Document: "berita", Language: "en", Role: RoleTranslator, Author: "T", Version: 2,
		Entries: []Entry{{Index: 1, Text: "One more."}, {Index: 2, MergedInto: 1}}}); err != nil {
		t.Errorf("current version: %v", err)
	}
	if rows := unitRows(t, s, "berita", "en"); rows[1].Merged != 1 {
		t.Errorf("merge in the new version: %+v", rows)
	}
}

// TestReviseBadEntries checks that a bad status or merge refuses the whole
// change.
func TestReviseBadEntries(t *testing.T) {
	tests := []struct {
		name  string
		entry Entry
		want  error
	}{
		{"merged into itself", Entry{Index: 2, MergedInto: 2}, ErrBadMerge},
		{"merged into a later unit", Entry{Index: 2, MergedInto: 3}, ErrBadMerge},
		{"merged into a negative index", Entry{Index: 2, MergedInto: -1}, ErrBadMerge},
		{"unknown status", Entry{Index: 2, Text: "x", Status: "done"}, ErrBadStatus},
		{"merge into a unit outside", Entry{Index: 5, MergedInto: 1}, ErrNoSegment},
	}
	s := openTest(t)
	mustImport(t, s, sampleDoc("berita", "Satu.", "Dua.", "Tiga."))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Revise(context.Background(), Change{Document: "berita", Language: "en", Role: RoleTranslator, Author: "T",
				Entries: []Entry{{Index: 1, Text: "One."}, tt.entry}})
			if !errors.Is(err, tt.want) {
				t.Errorf("got %v, want %v", err, tt.want)
			}
			if n := count(t, s, "revisions"); n != 0 {
				t.Errorf("%d revisions written", n)
			}
		})
	}
}

// TestMergeRun checks which merges hold as units come in order: into
// lists, per unit, the index its latest revision merges it into (0: no
// merge); want the MergedInto each unit gets.
func TestMergeRun(t *testing.T) {
	tests := []struct {
		into, want []int
	}{
		{[]int{0, 1}, []int{0, 1}},
		{[]int{0, 0, 2}, []int{0, 0, 2}},
		{[]int{0, 1, 1}, []int{0, 1, 1}},       // 3-1: the third unit too
		{[]int{0, 0, 1}, []int{0, 0, 0}},       // unit 2 lies between and is not merged
		{[]int{0, 1, 2}, []int{0, 1, 0}},       // unit 2 is itself merged
		{[]int{1}, []int{0}},                   // into itself
		{[]int{0, 3, 0}, []int{0, 0, 0}},       // not before
		{[]int{0, 0, 1, 3}, []int{0, 0, 0, 3}}, // a broken merge leaves a unit that others merge into
		{[]int{0, 1, 0, 1}, []int{0, 1, 0, 0}}, // unit 3 breaks the run
	}
	for _, tt := range tests {
		var run mergeRun
		got := make([]int, len(tt.into))
		for i, into := range tt.into {
			u := &Unit{Index: i + 1}
			if into != 0 {
				u.Revisions = []Revision{{MergedInto: into, merges: true}}
			}
			run.place(u)
			got[i] = u.MergedInto
			if broken := into != 0 && u.MergedInto == 0; u.mergeBroken != broken {
				t.Errorf("into %v: unit %d mergeBroken = %v", tt.into, i+1, u.mergeBroken)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("into %v: MergedInto %v, want %v", tt.into, got, tt.want)
		}
	}
}

// TestMergedIntoSchema checks the column of migration 3: a unit cannot be
// merged into itself nor into a unit that does not exist.
func TestMergedIntoSchema(t *testing.T) {
	s := openTest(t)
	mustImport(t, s, sampleDoc("berita", "Satu.", "Dua."))
	insert := `INSERT INTO revisions (unit_id, language, event, role, status, text, author, time, merged_into)
		VALUES (2, 'en', 'revise', 'translator', 'translated', '', 'T', '2026-01-01T00:00:00.000000Z', ?)`
	for _, into := range []int{2, 99} {
		if _, err := s.db.Exec(insert, into); err == nil {
			t.Errorf("merged_into %d accepted", into)
		} else if !strings.Contains(err.Error(), "constraint") {
			t.Errorf("merged_into %d: %v", into, err)
		}
	}
	if _, err := s.db.Exec(insert, 1); err != nil {
		t.Errorf("merged_into 1: %v", err)
	}
}
