package tm

import (
	"slices"
	"strings"
	"testing"
)

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
		if _, err := rawDB(s).Exec(insert, into); err == nil {
			t.Errorf("merged_into %d accepted", into)
		} else if !strings.Contains(err.Error(), "constraint") {
			t.Errorf("merged_into %d: %v", into, err)
		}
	}
	if _, err := rawDB(s).Exec(insert, 1); err != nil {
		t.Errorf("merged_into 1: %v", err)
	}
}
