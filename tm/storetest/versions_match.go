package storetest

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/padan-tm/padan/tm"
)

// versionRow is what testImportEveryVersion compares of each unit.
type versionRow struct {
	Source, Status, Target, Suggestion string
}

func versionRows(t *testing.T, s *tm.Store, doc string) []versionRow {
	t.Helper()
	tr, err := s.Translation(context.Background(), doc, "en", false)
	if err != nil {
		t.Fatal(err)
	}
	var rows []versionRow
	for _, u := range tr.Units {
		rows = append(rows, versionRow{u.Source, string(u.Status), u.Target, u.Suggestion})
	}
	return rows
}

// testImportEveryVersion checks that a forced import of a cut, emptied,
// reordered or repeated version keeps or restores the units' translations
// and suggestions of the versions before.
func testImportEveryVersion(t *testing.T, open Opener) {
	v1 := []string{"Satu.", "Dua.", "Tiga.", "Empat."}
	tests := []struct {
		name     string
		versions [][]string // imported in turn after v1 is translated, each with Force
		kept     int        // of the last import
		restored int
		want     []versionRow
	}{
		{
			name:     "cut short, then whole again",
			versions: [][]string{{"Satu."}, v1},
			kept:     4, restored: 3,
			want: []versionRow{
				{"Satu.", "reviewed", "One!", ""}, {"Dua.", "translated", "Two.", ""},
				{"Tiga.", "translated", "Three.", ""}, {"Empat.", "final", "Four.", ""},
			},
		},
		{
			name:     "empty middle, then one changed: its suggestion from the first version",
			versions: [][]string{{"Satu."}, {"Satu.", "Dua.", "Tiga lagi.", "Empat."}},
			kept:     3, restored: 2,
			want: []versionRow{
				{"Satu.", "reviewed", "One!", ""}, {"Dua.", "translated", "Two.", ""},
				{"Tiga lagi.", "initial", "", "Three."}, {"Empat.", "final", "Four.", ""},
			},
		},
		{
			name:     "the first unit lost, then back changed: suggestion found from the unit after",
			versions: [][]string{{"Empat."}, {"Satu lagi.", "Dua.", "Tiga.", "Empat."}},
			kept:     3, restored: 2,
			want: []versionRow{
				{"Satu lagi.", "initial", "", "One!"}, {"Dua.", "translated", "Two.", ""},
				{"Tiga.", "translated", "Three.", ""}, {"Empat.", "final", "Four.", ""},
			},
		},
		{
			name:     "two cut versions in a row",
			versions: [][]string{{"Dua."}, {"Tiga."}, v1},
			kept:     4, restored: 3,
			want: []versionRow{
				{"Satu.", "reviewed", "One!", ""}, {"Dua.", "translated", "Two.", ""},
				{"Tiga.", "translated", "Three.", ""}, {"Empat.", "final", "Four.", ""},
			},
		},
		{
			name:     "a text twice takes the old unit once",
			versions: [][]string{{"Satu."}, {"Dua.", "Dua.", "Satu."}},
			kept:     2, restored: 1,
			want: []versionRow{
				// The second "Dua." stands where "Tiga." stood after "Dua.".
				{"Dua.", "translated", "Two.", ""}, {"Dua.", "initial", "", "Three."}, {"Satu.", "reviewed", "One!", ""},
			},
		},
		{
			name:     "a moved unit keeps its translation",
			versions: [][]string{{"Empat.", "Satu.", "Dua.", "Tiga."}},
			kept:     4, restored: 1,
			want: []versionRow{
				{"Empat.", "final", "Four.", ""}, {"Satu.", "reviewed", "One!", ""},
				{"Dua.", "translated", "Two.", ""}, {"Tiga.", "translated", "Three.", ""},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			s := open(t)
			mustImport(t, s, sampleDoc("a", v1...))
			mustRevise(t, s, "a", "en", tm.RoleTranslator, "Jafar", tm.Entry{Index: 1, Text: "One."}, tm.Entry{Index: 2, Text: "Two."},
				tm.Entry{Index: 3, Text: "Three."}, tm.Entry{Index: 4, Text: "Four."})
			mustRevise(t, s, "a", "en", tm.RoleEditor, "Atman", tm.Entry{Index: 1, Text: "One!"}, tm.Entry{Index: 4, Text: "Four."})
			if _, err := s.Approve(ctx, "a", "en", "Atman", []int{4}); err != nil {
				t.Fatal(err)
			}
			var res tm.ImportResult
			for _, v := range tt.versions {
				d := sampleDoc("a", v...)
				d.Force = true
				res = mustImport(t, s, d)
			}
			if res.Kept != tt.kept || res.Restored != tt.restored {
				t.Errorf("kept %d, restored %d; want %d, %d", res.Kept, res.Restored, tt.kept, tt.restored)
			}
			if got := versionRows(t, s, "a"); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("units:\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// testImportRefusesEmptyAndShrunk checks that an import with no units, or
// (unless forced) one that loses more than half of the units, is refused
// and writes nothing.
func testImportRefusesEmptyAndShrunk(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	if _, err := s.Import(ctx, sampleDoc("a")); !errors.Is(err, tm.ErrNoSegments) {
		t.Fatalf("empty new document: %v, want tm.ErrNoSegments", err)
	}
	if n := count(t, s, "documents"); n != 0 {
		t.Fatalf("%d documents after a refused import", n)
	}
	mustImport(t, s, sampleDoc("a", "Satu.", "Dua.", "Tiga.", "Empat.", "Lima."))
	if d, v := count(t, s, "documents"), count(t, s, "versions"); d != 1 || v != 1 {
		t.Fatalf("%d documents, %d versions after an import; want 1, 1", d, v)
	}
	tests := []struct {
		name  string
		texts []string
		force bool
		err   error
	}{
		{"empty version", nil, false, tm.ErrNoSegments},
		{"empty version, forced", nil, true, tm.ErrNoSegments},
		{"two of five", []string{"Satu.", "Dua."}, false, tm.ErrShrunk},
		{"three of five", []string{"Satu.", "Dua.", "Tiga."}, false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			versions := count(t, s, "versions")
			d := sampleDoc("a", tt.texts...)
			d.Force = tt.force
			_, err := s.Import(ctx, d)
			if !errors.Is(err, tt.err) {
				t.Fatalf("import: %v, want %v", err, tt.err)
			}
			if err != nil && count(t, s, "versions") != versions {
				t.Fatal("a refused import wrote a version")
			}
			var se *tm.ShrinkError
			if errors.As(err, &se) && (se.Previous != 5 || se.New != 2) {
				t.Errorf("shrink error %+v", se)
			}
		})
	}
	// --force: the cut version goes in.
	d := sampleDoc("a", "Satu.")
	d.Force = true
	if res := mustImport(t, s, d); res.Document.Units != 1 {
		t.Fatalf("forced import: %+v", res)
	}
}
