package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/padan-tm/padan/internal/testenv"
)

// TestDBCopyRoundTrip runs the demo flow on SQLite, copies the database
// into PostgreSQL and from there into a new SQLite file, and compares what
// segments, history, stats, diff, lookup, terms list, check and every export (TMX, XLIFF 1.2,
// XLIFF 2.0, at each stage) print on each copy with the original's, byte
// for byte; db check is clean on all three. A second copy into the
// PostgreSQL database, no longer empty, is refused and changes nothing.
func TestDBCopyRoundTrip(t *testing.T) {
	pg := testenv.Postgres(t)
	flow, shown := backendFlow(t)
	for _, format := range []string{"tmx", "xliff12", "xliff20"} {
		for _, stage := range []string{"translator", "editor", "latest"} {
			shown = append(shown,
				[]string{"export", "antara-korea-utara-rusia", "--format", format, "--lang", "en", "--stage", stage, "-q"},
				[]string{"export", "--all", "--format", format, "--lang", "en", "--stage", stage, "-q"})
		}
	}
	dir := t.TempDir()
	orig, back := filepath.Join(dir, "padan.db"), filepath.Join(dir, "back.db")
	vars := map[string]string{"PADAN_USER": "tester"}
	padan := func(want int, args ...string) string {
		t.Helper()
		code, stdout, stderr := runPadan(t, vars, args...)
		if code != want {
			t.Fatalf("padan %s: exit %d, want %d: %s%s", strings.Join(args, " "), code, want, stdout, stderr)
		}
		return stdout + stderr
	}
	for _, args := range flow {
		padan(exitOK, append([]string{"--db", orig}, args...)...)
	}
	padan(exitOK, "--db", pg, "db", "init")
	if out := padan(exitOK, "db", "copy", orig, pg); !strings.Contains(out, "copied ") {
		t.Errorf("db copy printed %q", out)
	}
	padan(exitOK, "db", "copy", pg, back)

	outputs := func(db string) []string {
		var out []string
		for _, args := range shown {
			out = append(out, padan(exitOK, append([]string{"--db", db}, args...)...))
		}
		return out
	}
	want := outputs(orig)
	// What main's later migrations added is in what is compared: a
	// proposal's match source, an approval without review, the terms.
	all := strings.Join(want, "")
	for _, w := range []string{`"match_source"`, `"review_skipped": true`, `"source": "Moskow"`} {
		if !strings.Contains(all, w) {
			t.Errorf("the original's outputs lack %s: the round trip does not test it", w)
		}
	}
	for _, db := range []string{pg, back} {
		got := outputs(db)
		for i, args := range shown {
			if got[i] != want[i] {
				d := firstDiff(want[i], got[i])
				t.Errorf("padan --db %s %s: differs from the original at byte %d:\noriginal: %q\ncopy:     %q",
					db, strings.Join(args, " "), d, around(want[i], d), around(got[i], d))
			}
		}
	}
	for _, db := range []string{orig, pg, back} {
		padan(exitOK, "--db", db, "db", "check")
	}

	// The copies take new writes after the copied ids (PostgreSQL's
	// sequences were set): a new document, revisions, a memory entry
	// whose new word the concordance index finds.
	article := filepath.Join(dir, "baru.txt")
	if err := os.WriteFile(article, []byte("Berita zyxwv terbaru hari ini.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, db := range []string{pg, back} {
		padan(exitOK, "--db", db, "import", article)
		padan(exitOK, "--db", db, "edit", "baru", "1", "The latest zyxwv news today.", "--lang", "en")
		if out := padan(exitOK, "--db", db, "concordance", "zyxwv", "--lang", "id"); !strings.Contains(out, "Berita [zyxwv] terbaru") || !strings.Contains(out, "→ The latest zyxwv news today.") {
			t.Errorf("--db %s: concordance after the copy printed %q", db, out)
		}
		padan(exitOK, "--db", db, "db", "check")
	}

	// A copy into a database that is not empty is refused, and the target
	// is as it was.
	before := outputs(pg)
	if out := padan(exitFailure, "db", "copy", orig, pg); !strings.Contains(out, "not empty") {
		t.Errorf("copy into a full database said %q", out)
	}
	after := outputs(pg)
	for i := range before {
		if before[i] != after[i] {
			t.Errorf("padan %s changed after a refused copy", strings.Join(shown[i], " "))
		}
	}
	// So is one into an SQLite file that is not empty: its bytes do not
	// change.
	bytesBefore, err := os.ReadFile(back)
	if err != nil {
		t.Fatal(err)
	}
	padan(exitFailure, "db", "copy", pg, back)
	if bytesAfter, _ := os.ReadFile(back); !bytes.Equal(bytesBefore, bytesAfter) {
		t.Errorf("a refused copy changed %s", back)
	}
}
