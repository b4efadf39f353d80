package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

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

// smallXLIFFBatch makes importXLIFF check and write n units of documents
// at a time for the rest of the test.
func smallXLIFFBatch(t *testing.T, n int) {
	old := xliffBatch
	xliffBatch = n
	t.Cleanup(func() { xliffBatch = old })
}

// rowCounts returns how many revisions and memory entries the database
// at path holds.
func rowCounts(t *testing.T, path string) (revisions, entries int) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.QueryRow(`SELECT (SELECT count(*) FROM revisions), (SELECT count(*) FROM memory_entry)`).Scan(&revisions, &entries); err != nil {
		t.Fatal(err)
	}
	return revisions, entries
}

// mustPadan runs padan in-process and fails the test unless it succeeds.
func mustPadan(t *testing.T, args ...string) string {
	t.Helper()
	code, stdout, stderr := runPadan(t, nil, args...)
	if code != 0 {
		t.Fatalf("padan %v: exit %d: %s", args, code, stderr)
	}
	return stdout
}

// sevenSentences imports the document "k" of seven sentences, translated,
// into a new database in dir, and returns the database's path and the
// units of an XLIFF changing every target (units 2 and 5 final).
func sevenSentences(t *testing.T, dir string) (string, []xunit) {
	t.Helper()
	db := filepath.Join(dir, "p.db")
	words := []string{"satu", "dua", "tiga", "empat", "lima", "enam", "tujuh"}
	var text, tsv []string
	var units []xunit
	for i, w := range words {
		text = append(text, "Kalimat "+w+".")
		tsv = append(tsv, fmt.Sprintf("%d\tSentence %d.", i+1, i+1))
		state := "translated"
		if i == 1 || i == 4 {
			state = "final"
		}
		units = append(units, xunit{fmt.Sprint("s", i+1), state, "Kalimat " + w + ".", fmt.Sprintf("Sentence number %d.", i+1)})
	}
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	mustPadan(t, "--db", db, "import", write("k.txt", strings.Join(text, "\n\n")+"\n"))
	mustPadan(t, "--db", db, "translate", "k", "--lang", "en", "--by", "T", "--from", write("k.tsv", strings.Join(tsv, "\n")+"\n"))
	return db, units
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
		edit       func(k []xunit) string
		wantStderr string // "" for success
	}{
		{"whole", func(k []xunit) string { return xliff20(memory, xfile{"k", k}) }, ""},
		{"source changed", func(k []xunit) string {
			k[6].source = "Kalimat lain."
			return xliff20(memory, xfile{"k", k})
		}, "the source of unit s7 is not that of segment 7 of k"},
		{"no such segment", func(k []xunit) string {
			k[6].id = "s99"
			return xliff20(memory, xfile{"k", k})
		}, "unit s99 is not a segment of k, which has 7"},
		{"cut short", func(k []xunit) string {
			s := xliff20(memory, xfile{"k", k})
			return s[:strings.Index(s, "Sentence number 7.")]
		}, "not well-formed XML"},
		{"cut short after memory units", func(k []xunit) string {
			s := xliff20(xfile{"k", k}, memory)
			return s[:strings.Index(s, "Two.")]
		}, "not well-formed XML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			db, units := sevenSentences(t, dir)
			revs0, entries0 := rowCounts(t, db)
			file := filepath.Join(dir, "k.xlf")
			if err := os.WriteFile(file, []byte(tt.edit(units)), 0o644); err != nil {
				t.Fatal(err)
			}
			code, stdout, stderr := runPadan(t, nil, "--db", db, "import-tm", file, "--by", "Budi")
			revs, entries := rowCounts(t, db)
			if tt.wantStderr == "" {
				want := file + ": 2 units added to the memory, 0 already there\n" +
					file + ": 7 new revisions; segments unchanged: 0; approved: 2\n"
				if code != 0 || stdout != want {
					t.Fatalf("exit %d, stdout %q, stderr %q; want 0, %q", code, stdout, stderr, want)
				}
				// 7 revisions and 2 approvals; 2 memory units and the 2
				// final units in the memory.
				if revs != revs0+9 || entries != entries0+4 {
					t.Errorf("%d revisions, %d memory entries; want %d, %d", revs, entries, revs0+9, entries0+4)
				}
				return
			}
			if code != 1 || !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("exit %d, stderr %q; want 1 and %q", code, stderr, tt.wantStderr)
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
	dir := t.TempDir()
	db, k := sevenSentences(t, dir)
	file := filepath.Join(dir, "mixed.xlf")
	x := xliff20(
		xfile{"other", []xunit{{"a1", "translated", "Satu.", "One."}, {"a2", "translated", "Dua.", "Two."}}},
		xfile{"k", k[:5]},
		xfile{"other", []xunit{{"a3", "translated", "Tiga.", "Three."}, {"a4", "translated", "Empat.", "Four."}}},
	)
	if err := os.WriteFile(file, []byte(x), 0o644); err != nil {
		t.Fatal(err)
	}
	mustPadan(t, "--db", db, "import-tm", file, "--by", "Budi")
	s, err := tm.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
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
		ms, err := s.Lookup(context.Background(), tm.LookupQuery{Text: tt.text, Prev: tt.prev, Next: tt.next,
			SourceLang: "id", TargetLang: "en", Min: 100})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) != 1 || ms[0].Context != tt.context {
			t.Errorf("lookup %q between %q and %q: %+v; want one match, context %v", tt.text, tt.prev, tt.next, ms, tt.context)
		}
	}
}
