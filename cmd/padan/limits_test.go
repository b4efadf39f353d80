package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/padan-tm/padan/exports"
)

// TestExportLimits: padan reads back what it exports. A unit at the limit
// (a target of exports.MaxText bytes, every one escaped) goes out in each
// format and comes back with import-tm; a unit beyond it is refused by
// export, naming the segment and the limit, and no file is written.
func TestExportLimits(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	write := func(name, data string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	mustPadan(t, "--db", db, "import", "--name", "k", write("k.txt", "Satu. Dua.\n"))
	atLimit := strings.Repeat("&", exports.MaxText-1) + "."
	mustPadan(t, "--db", db, "translate", "k", "--lang", "en", "--by", "ana", "--from", write("at.tsv", "1\t"+atLimit+"\n2\tTwo.\n"))
	for _, format := range []string{"tmx", "xliff12", "xliff20"} {
		t.Run(format, func(t *testing.T) {
			out := filepath.Join(dir, "k."+format)
			mustPadan(t, "--db", db, "export", "k", "--format", format, "--lang", "en", "-o", out)
			got := mustPadan(t, "--db", filepath.Join(dir, format+".db"), "import-tm", "--by", "ana", out)
			if !strings.Contains(got, "2 units added") {
				t.Errorf("import-tm of padan's own export: %q", got)
			}
		})
	}
	mustPadan(t, "--db", db, "translate", "k", "1", atLimit+"x", "--lang", "en", "--by", "ana")
	out := filepath.Join(dir, "over.tmx")
	code, _, stderr := runPadan(t, nil, "--db", db, "export", "k", "--format", "tmx", "--lang", "en", "-o", out)
	want := "k, segment 1: the target takes 1048577 bytes, more than the 1 MiB padan reads back"
	if code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("export over the limit: exit %d, stderr %q; want 1 and %q", code, stderr, want)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("%s written: %v", out, err)
	}
}

// TestDiffBound: diff and stats on a unit whose two versions are 100 KB
// of different words take the bounded path and say so, in the text (per
// unit and in the summary) and in the JSON.
func TestDiffBound(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	write := func(name, data string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	words := func(seed int) string {
		var b strings.Builder
		for i := 0; b.Len() < 100_000; i++ {
			fmt.Fprintf(&b, "w%d ", (i*7919+seed*104729)%50021)
		}
		return b.String()
	}
	mustPadan(t, "--db", db, "import", "--name", "k", write("k.txt", "Satu. Dua.\n"))
	mustPadan(t, "--db", db, "translate", "k", "--lang", "en", "--by", "ana", "--from", write("t.tsv", "1\t"+words(1)+"\n2\tTwo.\n"))
	mustPadan(t, "--db", db, "edit", "k", "--lang", "en", "--by", "budi", "--from", write("e.tsv", "1\t"+words(2)+"\n2\tTwo!\n"))
	out := mustPadan(t, "--db", db, "diff", "k", "--lang", "en")
	if !strings.Contains(out, "(approximate: this unit is too long and changed to compare exactly within 4000000 steps") ||
		!strings.Contains(out, "1 unit too long and changed to compare exactly") {
		t.Errorf("diff does not say the unit is approximate:\n%.300s…", out[max(0, len(out)-600):])
	}
	var report struct {
		Units []struct {
			Index       int  `json:"index"`
			Approximate bool `json:"approximate"`
			Edits       struct {
				Approximate bool `json:"approximate"`
			} `json:"edits"`
		} `json:"units"`
		Summary struct {
			Approximate int `json:"approximate"`
		} `json:"summary"`
	}
	if err := json.Unmarshal([]byte(mustPadan(t, "--db", db, "diff", "k", "--lang", "en", "--format", "json")), &report); err != nil {
		t.Fatal(err)
	}
	if len(report.Units) != 2 || !report.Units[0].Approximate || !report.Units[0].Edits.Approximate || report.Units[1].Approximate || report.Summary.Approximate != 1 {
		t.Errorf("JSON: %+v", report)
	}
	if out := mustPadan(t, "--db", db, "stats", "k"); !strings.Contains(out, "1 unit too long and changed") {
		t.Errorf("stats does not say a unit is approximate:\n%s", out)
	}
}
