package main

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/padan-tm/padan/internal/interop"
	"github.com/padan-tm/padan/internal/testenv"
)

// TestDBCheckRepair builds a database holding what an older padan let in
// (control characters in an author, a note, metadata and a memory entry; a
// byte that is not UTF-8), inserted with SQL as that padan would have, and
// checks that exports work, that `padan db check` reports every value, and
// that `padan db check --repair` rewrites them.
func TestDBCheckRepair(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "padan.db")
	article := filepath.Join(dir, "berita.txt")
	if err := os.WriteFile(article, []byte("Hujan turun deras. Jalan banjir.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{"PADAN_USER": "tester"}
	padan := func(want int, args ...string) (string, string) {
		t.Helper()
		code, out, errOut := runPadan(t, vars, append([]string{"--db", db}, args...)...)
		if code != want {
			t.Fatalf("padan %s: exit %d, want %d\n%s%s", strings.Join(args, " "), code, want, out, errOut)
		}
		return out, errOut
	}
	padan(0, "import", article)
	padan(0, "translate", "berita", "1", "Heavy rain\vfell.", "--lang", "en", "--by", "Jafar")
	padan(0, "edit", "berita", "2", "The road flooded.", "--lang", "en", "--by", "Atman")

	// Today's padan refuses such values.
	_, errOut := padan(1, "translate", "berita", "2", "x", "--lang", "en", "--by", "Jafar\vSidik")
	if !strings.Contains(errOut, "author holds U+000B at byte 5") {
		t.Errorf("refusal: %s", errOut)
	}

	conn, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO revisions (unit_id, language, event, role, status, text, author, time, note)
			SELECT unit_id, language, 'revise', 'editor', 'reviewed', text, 'Jafar' || char(11) || 'Sidik', time, 'look' || char(27) || '[2J'
			FROM revisions WHERE id = 1`,
		`INSERT INTO revisions (unit_id, language, event, role, status, text, author, time, note)
			SELECT unit_id, language, 'reject', 'editor', 'initial', text, 'Atman', time, CAST(X'6E6FFF' AS TEXT)
			FROM revisions WHERE id = 2`,
		`UPDATE versions SET metadata = '{"translator":"A\u0000B"}'`,
	} {
		if _, err := conn.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	conn.Close()

	// Every export works, the values written visibly.
	for _, f := range []string{"tmx", "xliff12", "xliff20"} {
		out := filepath.Join(dir, "out."+f)
		padan(0, "export", "berita", "--format", f, "--lang", "en", "-o", out)
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), `Jafar\u000BSidik`) {
			t.Errorf("%s: no visible author in\n%s", f, data)
		}
		// The official schemas accept the file.
		res := interop.ValidateTMX(out)
		if f != "tmx" {
			res = interop.ValidateXLIFF(out, false)
		}
		if res.Code == interop.Env {
			testenv.Missing(t, "the schema check lacks a tool: "+res.Verdict())
		}
		if res.Code != 0 {
			t.Errorf("%s: schema check:\n%s", f, res.Output)
		}
	}

	out, errOut := padan(1, "db", "check")
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		lines = append(lines, strings.Join(strings.Fields(l), " "))
	}
	want := []string{
		"the database's storage is sound, and the memory index holds exactly the postings of its 1 entry",
		"TABLE ROW DOCUMENT SEGMENT FIELD CHARACTER REPAIRED AS",
		`versions 1 berita - metadata translator U+0000 A\u0000B`,
		`revisions 3 berita 1 author U+000B Jafar\u000BSidik`,
		`revisions 3 berita 1 note U+001B look\u001B[2J`,
		"revisions 4 berita 2 note a byte that is not UTF-8 no\uFFFD",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("db check:\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	if !strings.Contains(errOut, "4 stored values hold characters padan refuses") {
		t.Errorf("db check: %s", errOut)
	}
	out, _ = padan(1, "db", "check", "--format", "json")
	if !strings.Contains(out, `"field": "author"`) || !strings.Contains(out, `"repaired": false`) {
		t.Errorf("db check --format json:\n%s", out)
	}

	out, _ = padan(0, "db", "check", "--repair", "--by", "Admin")
	if !strings.Contains(out, "repaired 4 values; the repair is recorded in the database") {
		t.Errorf("repair: %s", out)
	}
	out, _ = padan(0, "db", "check")
	if !strings.Contains(out, "no stored value holds a character padan refuses") {
		t.Errorf("after the repair: %s", out)
	}
	out, _ = padan(0, "history", "berita", "1", "--lang", "en", "--format", "json")
	if !strings.Contains(out, `Jafar\\u000BSidik`) || !strings.Contains(out, `Heavy rain\u000bfell.`) {
		t.Errorf("history after the repair:\n%s", out)
	}
	padan(0, "export", "berita", "--format", "xliff12", "--lang", "en", "-o", filepath.Join(dir, "after.xlf"))
}
