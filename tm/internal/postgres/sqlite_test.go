package postgres

import (
	"context"
	"database/sql"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	_ "modernc.org/sqlite"

	"github.com/padan-tm/padan/internal/testenv"
)

// sqliteMigrations returns the SQLite backend's migration files, wherever
// the store keeps them.
func sqliteMigrations(t *testing.T) []string {
	t.Helper()
	for _, dir := range []string{"tm/internal/sqlite/migrations", "tm/migrations"} {
		files, _ := filepath.Glob(filepath.Join(testenv.RepoRoot(), dir, "*.sql"))
		if len(files) > 0 {
			return files
		}
	}
	t.Fatal("the SQLite migrations are in none of the places this test knows")
	return nil
}

// TestSameColumnsAsSQLite: at the same version, the PostgreSQL schema has
// the SQLite schema's tables and views with the same columns in the same
// order (besides padan_migrations and the concordance index, which each
// backend keeps in its own way).
func TestSameColumnsAsSQLite(t *testing.T) {
	ctx := context.Background()
	files := sqliteMigrations(t)
	if len(files) != SchemaVersion {
		t.Fatalf("SQLite has %d migrations, PostgreSQL %d: translate the new ones", len(files), SchemaVersion)
	}
	lite, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	lite.SetMaxOpenConns(1)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := lite.ExecContext(ctx, string(b)); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
	want := map[string][]string{}
	rows, err := lite.QueryContext(ctx, `SELECT m.name, p.name FROM sqlite_schema m, pragma_table_info(m.name) p
		WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE 'memory_text%'
		ORDER BY m.name, p.cid`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var table, col string
		if err := rows.Scan(&table, &col); err != nil {
			t.Fatal(err)
		}
		want[table] = append(want[table], col)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}

	db, _ := open(t)
	got := map[string][]string{}
	pgRows, err := db.Pool().Query(ctx, `SELECT table_name, column_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name <> 'padan_migrations'
		ORDER BY table_name, ordinal_position`)
	if err != nil {
		t.Fatal(err)
	}
	for pgRows.Next() {
		var table, col string
		if err := pgRows.Scan(&table, &col); err != nil {
			t.Fatal(err)
		}
		if table == "memory_entry" && strings.HasSuffix(col, "_words") {
			continue // the concordance index
		}
		got[table] = append(got[table], col)
	}
	if err := pgRows.Err(); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		for _, table := range slices.Sorted(maps.Keys(want)) {
			if !reflect.DeepEqual(got[table], want[table]) {
				t.Errorf("%s: PostgreSQL %v, SQLite %v", table, got[table], want[table])
			}
		}
		t.Errorf("PostgreSQL tables %d, SQLite %d", len(got), len(want))
	}
}
