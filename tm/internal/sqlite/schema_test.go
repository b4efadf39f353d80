package sqlite

import (
	"database/sql"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestSchemaGolden checks the schema that each migration builds, applied
// in order to an empty database, against testdata/schema-NNNN.golden (go
// test -update rewrites them), so that an edit to a shipped migration shows.
func TestSchemaGolden(t *testing.T) {
	migrations, err := Migrations()
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "schema.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	seen := map[string]bool{}
	for i, m := range migrations {
		if _, err := db.Exec(m); err != nil {
			t.Fatalf("migration %d: %v", i+1, err)
		}
		rows, err := db.Query("SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY type, name")
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for rows.Next() {
			var typ, name, sql string
			rows.Scan(&typ, &name, &sql)
			// An object is shown when it appears or when a migration
			// changes it (ALTER TABLE rewrites its sql).
			if key := typ + " " + name + "\n" + sql; !seen[key] {
				seen[key] = true
				fmt.Fprintf(&b, "-- %s %s\n%s;\n\n", typ, name, sql)
			}
		}
		rows.Close()
		golden := filepath.Join("testdata", fmt.Sprintf("schema-%04d.golden", i+1))
		if *update {
			os.WriteFile(golden, []byte(b.String()), 0o644)
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if b.String() != string(want) {
			t.Errorf("migration %d builds a schema that differs from %s (go test ./tm/internal/sqlite -run TestSchemaGolden -update):\n%s", i+1, golden, b.String())
		}
	}
}
