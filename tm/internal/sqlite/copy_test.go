package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"testing"

	"github.com/padan-tm/padan/tm/internal/backend"
)

// TestCopyCoversSchema: the tables a whole-database copy carries
// (backend.Tables) and those it lets the target compute
// (backend.DerivedTables) are every table of the schema, and a carried
// table has every column: a migration that adds a table or a column must
// add it there too, or padan db copy would lose it.
func TestCopyCoversSchema(t *testing.T) {
	ctx := context.Background()
	d, err := Open(ctx, filepath.Join(t.TempDir(), "padan.db"), backend.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	got := schemaColumns(t, d.SQL())
	for _, p := range backend.CoverageProblems(got) {
		t.Error(p)
	}
}

// schemaColumns returns padan's tables (not SQLite's own, nor the shadow
// tables of the full-text index, which it rebuilds) with their sorted
// column names.
func schemaColumns(t *testing.T, db *sql.DB) map[string][]string {
	t.Helper()
	rows, err := db.Query(`SELECT name FROM sqlite_schema WHERE type = 'table'
		AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'memory_text%'`)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		names = append(names, n)
	}
	rows.Close()
	out := map[string][]string{}
	for _, n := range names {
		rows, err := db.Query(`SELECT name FROM pragma_table_info(?)`, n)
		if err != nil {
			t.Fatal(err)
		}
		var cols []string
		for rows.Next() {
			var c string
			if err := rows.Scan(&c); err != nil {
				t.Fatal(err)
			}
			cols = append(cols, c)
		}
		rows.Close()
		slices.Sort(cols)
		out[n] = cols
	}
	return out
}
