package postgres

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/padan-tm/padan/tm/internal/backend"
)

// TestCopyCoversSchema: every table of the PostgreSQL schema (but
// padan_migrations) is copied or derived by padan db copy, and a copied
// table's columns are all the columns it stores (not the generated
// tsvector columns, which PostgreSQL computes).
func TestCopyCoversSchema(t *testing.T) {
	ctx := context.Background()
	db, dsn := open(t)
	got := map[string][]string{}
	rows, err := db.Pool().Query(ctx, `SELECT table_name::text, column_name::text FROM information_schema.columns
		WHERE table_schema = $1 AND is_generated = 'NEVER' AND table_name <> 'padan_migrations'
		AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE')
		ORDER BY 1, 2`, schemaOf(t, dsn))
	if err != nil {
		t.Fatal(err)
	}
	var table, column string
	if _, err := pgx.ForEachRow(rows, []any{&table, &column}, func() error {
		got[table] = append(got[table], column)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{}
	for _, tb := range backend.Tables {
		want[tb.Name] = slices.Sorted(slices.Values(tb.Names()))
	}
	for _, tb := range backend.DerivedTables {
		want[tb.Name] = got[tb.Name]
	}
	for name, cols := range got {
		if w, ok := want[name]; !ok {
			t.Errorf("table %s (%s) is neither copied nor derived (backend.Tables, backend.DerivedTables)", name, strings.Join(cols, ", "))
		} else if !slices.Equal(cols, w) {
			t.Errorf("table %s: columns %v, backend.Tables copies %v", name, cols, w)
		}
	}
	for name := range want {
		if _, ok := got[name]; !ok {
			t.Errorf("backend.Tables names %s, which the schema lacks", name)
		}
	}
}
