package main

import (
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
