package postgres

import (
	"context"
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
		if table == "memory_entry" && strings.HasSuffix(column, "_words") {
			return nil // computed by InsertRows from the texts
		}
		got[table] = append(got[table], column)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for _, p := range backend.CoverageProblems(got) {
		t.Error(p)
	}
}

// TestScanTableKinds: ScanTable gives each column's value as its kind says
// (an int64 for KindInt, even from a smallint column such as
// revisions.review_skipped), so the SQLite side of a copy stores what
// padan stores.
func TestScanTableKinds(t *testing.T) {
	ctx := context.Background()
	db, dsn := open(t)
	for _, s := range []string{
		`INSERT INTO documents (name, language, created) VALUES ('d', 'id', '2026-01-02T03:04:05.000000Z')`,
		`INSERT INTO units (document_id, source, words) SELECT id, 'Satu dua.', 2 FROM documents`,
		`INSERT INTO revisions (unit_id, language, event, role, status, text, author, time, review_skipped)
			SELECT id, 'en', 'approve', 'translator', 'final', 'One two.', 'a', '2026-01-02T03:04:05.000000Z', 1 FROM units`,
	} {
		if _, err := db.Pool().Exec(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	store, err := OpenStore(ctx, dsn, backend.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	var revisions backend.Table
	for _, tb := range backend.Tables {
		if tb.Name == "revisions" {
			revisions = tb
		}
	}
	rows := 0
	err = store.Read(ctx, func(tx backend.Tx) error {
		return tx.ScanTable(ctx, revisions, func(row []any) error {
			rows++
			for i, c := range revisions.Columns {
				if row[i] == nil {
					continue
				}
				ok := false
				switch c.Kind {
				case backend.KindInt:
					_, ok = row[i].(int64)
				case backend.KindFloat:
					_, ok = row[i].(float64)
				case backend.KindText:
					_, ok = row[i].(string)
				case backend.KindBlob:
					_, ok = row[i].([]byte)
				case backend.KindBool:
					_, ok = row[i].(bool)
				}
				if !ok {
					t.Errorf("revisions.%s: %T (%v), not of its kind %d", c.Name, row[i], row[i], c.Kind)
				}
				if c.Name == "review_skipped" && row[i] != int64(1) {
					t.Errorf("revisions.review_skipped = %v, want 1", row[i])
				}
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if rows != 1 {
		t.Errorf("ScanTable gave %d rows, want 1", rows)
	}
}
