package exchange

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/padan-tm/padan/exports"
	"github.com/padan-tm/padan/tm"
)

// xunit is a unit of a test XLIFF 2.0 file; xfile one of its files.
type (
	xunit struct{ id, state, source, target string }
	xfile struct {
		original string
		units    []xunit
	}
)

// xliff20 returns an XLIFF 2.0 from Indonesian into English with files.
func xliff20(files ...xfile) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="id" trgLang="en">
`)
	for i, f := range files {
		fmt.Fprintf(&b, "  <file id=\"f%d\" original=\"%s\">\n", i+1, f.original)
		for _, u := range f.units {
			fmt.Fprintf(&b, "    <unit id=\"%s\"><segment state=\"%s\"><source>%s</source><target>%s</target></segment></unit>\n",
				u.id, u.state, u.source, u.target)
		}
		b.WriteString("  </file>\n")
	}
	b.WriteString("</xliff>\n")
	return b.String()
}

// smallXLIFFBatch makes ImportXLIFF check and write n units of documents
// at a time for the rest of the test.
func smallXLIFFBatch(t *testing.T, n int) {
	old := xliffBatch
	xliffBatch = n
	t.Cleanup(func() { xliffBatch = old })
}

// counts returns how many revisions and memory entries the store holds.
func counts(t *testing.T, s *tm.Store) (revisions, entries int) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+dbPaths[s]+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.QueryRow(`SELECT (SELECT count(*) FROM revisions), (SELECT count(*) FROM memory_entry)`).Scan(&revisions, &entries); err != nil {
		t.Fatal(err)
	}
	return revisions, entries
}

// dbPaths holds the file of each store sevenSentences opened.
var dbPaths = map[*tm.Store]string{}

// sevenSentences stores the document "k" of seven sentences, translated
// into English, in a new store, and returns the store and the units of an
// XLIFF changing every target (units 2 and 5 final).
func sevenSentences(t *testing.T) (*tm.Store, []xunit) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "p.db")
	s, err := tm.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	dbPaths[s] = path
	t.Cleanup(func() { s.Close(); delete(dbPaths, s) })
	words := []string{"satu", "dua", "tiga", "empat", "lima", "enam", "tujuh"}
	nd := tm.NewDocument{Name: "k", Language: "id", Original: []byte(strings.Join(words, " "))}
	c := tm.Change{Document: "k", Language: "en", Role: tm.RoleTranslator, Author: "T"}
	var units []xunit
	for i, w := range words {
		nd.Units = append(nd.Units, tm.SourceUnit{Index: i + 1, Kind: "sentence", Text: "Kalimat " + w + "."})
		c.Entries = append(c.Entries, tm.Entry{Index: i + 1, Text: fmt.Sprintf("Sentence %d.", i+1), Score: -1})
		state := "translated"
		if i == 1 || i == 4 {
			state = "final"
		}
		units = append(units, xunit{fmt.Sprint("s", i+1), state, "Kalimat " + w + ".", fmt.Sprintf("Sentence number %d.", i+1)})
	}
	if _, err := s.Import(ctx, nd); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Revise(ctx, c); err != nil {
		t.Fatal(err)
	}
	return s, units
}

// TestImportXLIFFBatches imports an XLIFF whose units go back into a
// document several batches long, with memory units around them: a bad
// unit in the last batch, or a file cut short in it, refuses the whole
// file though earlier batches were written inside the transaction.
func TestImportXLIFFBatches(t *testing.T) {
	smallXLIFFBatch(t, 2)
	memory := xfile{"other", []xunit{{"a1", "translated", "Satu.", "One."}, {"a2", "translated", "Dua.", "Two."}}}
	tests := []struct {
		name string
		// edit changes the file's units of k (the memory's are before them)
		// and returns the file, possibly cut short.
		edit func(k []xunit) string
		want error // nil for success
		unit string
	}{
		{"whole", func(k []xunit) string { return xliff20(memory, xfile{"k", k}) }, nil, ""},
		{"source changed", func(k []xunit) string {
			k[6].source = "Kalimat lain."
			return xliff20(memory, xfile{"k", k})
		}, ErrSourceChanged, "s7"},
		{"no such segment", func(k []xunit) string {
			k[6].id = "s99"
			return xliff20(memory, xfile{"k", k})
		}, ErrUnitMismatch, "s99"},
		{"cut short", func(k []xunit) string {
			s := xliff20(memory, xfile{"k", k})
			return s[:strings.Index(s, "Sentence number 7.")]
		}, exports.ErrNotWellFormed, ""},
		{"cut short after memory units", func(k []xunit) string {
			s := xliff20(xfile{"k", k}, memory)
			return s[:strings.Index(s, "Two.")]
		}, exports.ErrNotWellFormed, ""},
		{"no target and no document", func(k []xunit) string {
			return xliff20(xfile{"k", k}, xfile{"gone", []xunit{{"g1", "initial", "Hilang.", ""}}})
		}, nil, "g1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, units := sevenSentences(t)
			revs0, entries0 := counts(t, s)
			res, err := ImportXLIFF(context.Background(), s, strings.NewReader(tt.edit(units)), ImportOptions{File: "k.xlf", By: "Budi"})
			revs, entries := counts(t, s)
			if tt.want == nil && tt.unit == "" {
				if err != nil {
					t.Fatal(err)
				}
				if res.Revised != 7 || res.Approved != 2 || res.Added != 2 || res.MemoryUnits != 2 || res.Units != 9 || res.Version != "2.0" {
					t.Errorf("result %+v; want 7 revised, 2 approved, 2 added of 2 memory units, 9 units, version 2.0", res)
				}
				// 7 revisions and 2 approvals; 2 memory units and the 2
				// final units in the memory.
				if revs != revs0+9 || entries != entries0+4 {
					t.Errorf("%d revisions, %d memory entries; want %d, %d", revs, entries, revs0+9, entries0+4)
				}
				return
			}
			var ue *UnitError
			var nfe *NotFoundError
			switch {
			case tt.want == nil:
				if !errors.As(err, &nfe) || nfe.Result.NotFound != 1 || len(nfe.Result.NotFoundUnits) != 1 || nfe.Result.NotFoundUnits[0] != (UnitRef{"gone", tt.unit}) {
					t.Errorf("error %v; want units not found: gone#%s", err, tt.unit)
				}
			case !errors.Is(err, tt.want):
				t.Errorf("error %v; want %v", err, tt.want)
			case tt.unit != "" && (!errors.As(err, &ue) || ue.Unit != tt.unit || ue.Document != "k"):
				t.Errorf("error %v; want a UnitError for unit %s of k", err, tt.unit)
			}
			if revs != revs0 || entries != entries0 {
				t.Errorf("%d revisions, %d memory entries after a failed import; want %d, %d", revs, entries, revs0, entries0)
			}
		})
	}
}

// TestImportXLIFFMemoryContext: units of a document the store does not
// have go into the memory with their neighbours' sources as context, as
// withContext gives them, even when units of a known document (written in
// batches between them) come between, and for the last unit of the file.
func TestImportXLIFFMemoryContext(t *testing.T) {
	smallXLIFFBatch(t, 2)
	s, k := sevenSentences(t)
	x := xliff20(
		xfile{"other", []xunit{{"a1", "translated", "Satu.", "One."}, {"a2", "translated", "Dua.", "Two."}}},
		xfile{"k", k[:5]},
		xfile{"other", []xunit{{"a3", "translated", "Tiga.", "Three."}, {"a4", "translated", "Empat.", "Four."}}},
	)
	ctx := context.Background()
	if _, err := ImportXLIFF(ctx, s, strings.NewReader(x), ImportOptions{File: "mixed.xlf", By: "Budi"}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text, prev, next string
		context          bool
	}{
		{"Satu.", "", "Dua.", true},
		{"Dua.", "Satu.", "Tiga.", true}, // across the units of k
		{"Tiga.", "Dua.", "Empat.", true},
		{"Empat.", "Tiga.", "", true}, // the file's last unit
		{"Dua.", "Satu.", "", false},
		{"Tiga.", "", "Empat.", false},
	}
	for _, tt := range tests {
		ms, err := s.Lookup(ctx, tm.LookupQuery{Text: tt.text, Prev: tt.prev, Next: tt.next,
			SourceLang: "id", TargetLang: "en", Min: 100})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) != 1 || ms[0].Context != tt.context {
			t.Errorf("lookup %q between %q and %q: %+v; want one match, context %v", tt.text, tt.prev, tt.next, ms, tt.context)
		}
	}
}

// TestImportXLIFFAuthor: the author of a revision is the file's, else By,
// else the Author callback's; with none, the import fails with
// ErrNoAuthor and records nothing.
func TestImportXLIFFAuthor(t *testing.T) {
	tests := []struct {
		name   string
		by     string
		author func(tm.Document, tm.Role) string
		want   string
	}{
		{"by", "Budi", nil, "Budi"},
		{"callback", "", func(d tm.Document, r tm.Role) string { return d.Name + "/" + string(r) }, "k/translator"},
		{"none", "", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, k := sevenSentences(t)
			_, err := ImportXLIFF(context.Background(), s, strings.NewReader(xliff20(xfile{"k", k[:1]})),
				ImportOptions{File: "k.xlf", By: tt.by, Author: tt.author})
			if tt.want == "" {
				if !errors.Is(err, ErrNoAuthor) {
					t.Errorf("error %v; want ErrNoAuthor", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tr, err := s.Translation(context.Background(), "k", "en", true)
			if err != nil {
				t.Fatal(err)
			}
			if got := tr.Units[0].Translator; got == nil || got.Author != tt.want || got.Text != "Sentence number 1." {
				t.Errorf("translator revision %+v; want %q by %s", got, "Sentence number 1.", tt.want)
			}
		})
	}
}

// TestImportXLIFFFinal: a final state approves the unit. When the file
// changed the target, that is the editor's revision, reviewed, then
// approved; when it left padan's translator's target as it was, the
// approval skipped padan's review and says so.
func TestImportXLIFFFinal(t *testing.T) {
	s, _ := sevenSentences(t)
	x := xliff20(xfile{"k", []xunit{
		{"s1", "final", "Kalimat satu.", "Sentence 1."},         // unchanged
		{"s2", "final", "Kalimat dua.", "The second sentence."}, // changed
	}})
	ctx := context.Background()
	res, err := ImportXLIFF(ctx, s, strings.NewReader(x), ImportOptions{File: "k.xlf", By: "Atman"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Approved != 2 || res.Revised != 1 || res.Unchanged != 1 {
		t.Errorf("result %+v; want 2 approved, 1 revised, 1 unchanged", res)
	}
	tr, err := s.Translation(ctx, "k", "en", true)
	if err != nil {
		t.Fatal(err)
	}
	for i, skipped := range []bool{true, false} {
		u := tr.Units[i]
		last := u.Revisions[len(u.Revisions)-1]
		if u.Status != tm.StatusFinal || last.Event != tm.EventApprove || last.ReviewSkipped != skipped {
			t.Errorf("unit %d: status %s, last %+v; want final, an approval with ReviewSkipped %v", i+1, u.Status, last, skipped)
		}
	}
}

// TestImportXLIFFNotFoundBounded: units that match nothing are all
// counted, but only the first MaxNotFound are kept to be named.
func TestImportXLIFFNotFoundBounded(t *testing.T) {
	s, _ := sevenSentences(t)
	var units []xunit
	for i := range MaxNotFound + 50 {
		units = append(units, xunit{fmt.Sprint("g", i), "initial", "Hilang.", ""})
	}
	_, err := ImportXLIFF(context.Background(), s, strings.NewReader(xliff20(xfile{"gone", units})), ImportOptions{File: "g.xlf"})
	var nfe *NotFoundError
	if !errors.As(err, &nfe) || nfe.Result.NotFound != MaxNotFound+50 || len(nfe.Result.NotFoundUnits) != MaxNotFound ||
		nfe.Result.NotFoundUnits[0].String() != "gone#g0" {
		t.Errorf("error %v; want %d units not found, the first %d named from gone#g0", err, MaxNotFound+50, MaxNotFound)
	}
}
