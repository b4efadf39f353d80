package main

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const amountsTMX = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="test" creationtoolversion="1" datatype="plaintext" segtype="sentence" adminlang="en" srclang="id" o-tmf="test"/>
  <body>
    <tu><tuv xml:lang="id"><seg>Harga tiket naik menjadi Rp400.000 per penumpang.</seg></tuv>
        <tuv xml:lang="en"><seg>Fares rose to Rp400,000 per passenger.</seg></tuv></tu>
  </body>
</tmx>
`

// TestReindexOnOpen: a database whose memory index an older analysis
// built is rebuilt by the first command that opens it, which says so on
// standard error, once; the lookup then scores amounts as numbers.
func TestReindexOnOpen(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "padan.db")
	tmx := filepath.Join(dir, "m.tmx")
	if err := os.WriteFile(tmx, []byte(amountsTMX), 0o644); err != nil {
		t.Fatal(err)
	}
	mustPadan(t, "--db", db, "import-tm", tmx)
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE memory_analysis SET version = 1`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	lookup := []string{"--db", db, "--ui-lang", "id", "lookup", "Harga tiket naik menjadi Rp 350.000 per penumpang.", "--source-lang", "id", "--target-lang", "en"}
	code, stdout, stderr := runPadan(t, nil, lookup...)
	if code != 0 || !strings.Contains(stderr, "Membangun ulang indeks memori "+db) || !strings.HasPrefix(stdout, "98%") {
		t.Fatalf("first lookup: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	code, stdout, stderr = runPadan(t, nil, lookup...)
	if code != 0 || stderr != "" || !strings.HasPrefix(stdout, "98%") {
		t.Fatalf("second lookup: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
}
