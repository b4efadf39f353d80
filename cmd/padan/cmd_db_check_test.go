package main

import (
	"context"
	"database/sql"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	_ "modernc.org/sqlite"

	"github.com/padan-tm/padan/internal/testenv"
)

// TestDBCheckFindsDamage runs the demo flow on each backend, sees db check
// clean, then moves one posting of the memory's index to another block
// with direct SQL (the index then lacks a posting and holds a stale one)
// and sees db check report it and fail. On SQLite it also adds a row to the
// concordance index that no memory entry has, and sees the storage
// reported damaged.
func TestDBCheckFindsDamage(t *testing.T) {
	staleMissing := regexp.MustCompile(`(\d+) stale, (\d+) missing`)
	ctx := context.Background()
	const corruptPosting = `UPDATE memory_posting SET first = first + 1000000
		WHERE (pair, token, len, first) IN (SELECT pair, token, len, first FROM memory_posting ORDER BY pair, token, len, first LIMIT 1)`
	backends := []struct {
		name string
		db   func(t *testing.T) string
		exec func(t *testing.T, db, query string)
	}{
		{"sqlite", func(t *testing.T) string { return filepath.Join(t.TempDir(), "padan.db") },
			func(t *testing.T, db, query string) {
				d, err := sql.Open("sqlite", db)
				if err != nil {
					t.Fatal(err)
				}
				defer d.Close()
				if _, err := d.ExecContext(ctx, query); err != nil {
					t.Fatal(err)
				}
			}},
		{"postgres", func(t *testing.T) string { return testenv.Postgres(t) },
			func(t *testing.T, db, query string) {
				c, err := pgx.Connect(ctx, db)
				if err != nil {
					t.Fatal(err)
				}
				defer c.Close(ctx)
				if _, err := c.Exec(ctx, query); err != nil {
					t.Fatal(err)
				}
			}},
	}
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			db := b.db(t)
			flow, _ := backendFlow(t)
			vars := map[string]string{"PADAN_USER": "tester"}
			for _, args := range flow {
				if code, _, stderr := runPadan(t, vars, append([]string{"--db", db}, args...)...); code != exitOK {
					t.Fatalf("padan %s: exit %d: %s", strings.Join(args, " "), code, stderr)
				}
			}
			check := func(want int, wantOut string) {
				t.Helper()
				code, stdout, stderr := runPadan(t, vars, "--db", db, "db", "check")
				if code != want || !strings.Contains(stdout, wantOut) {
					t.Errorf("db check: exit %d, want %d; printed %q (want %q) %s", code, want, stdout, wantOut, stderr)
				}
			}
			check(exitOK, "the database's storage is sound, and the memory index holds exactly the postings of its")
			b.exec(t, db, corruptPosting)
			check(exitFailure, " stale, ")
			// The block moved holds the ids of as many postings as it
			// holds entries: each is both stale and missing.
			_, stdout, _ := runPadan(t, vars, "--db", db, "db", "check")
			m := staleMissing.FindStringSubmatch(stdout)
			if m == nil || m[1] != m[2] || m[1] == "0" {
				t.Errorf("db check after a posting block moved printed %q, want as many postings stale as missing, at least 1", stdout)
			}
			if b.name == "sqlite" {
				b.exec(t, db, `INSERT INTO memory_text (rowid, source, target) VALUES (999999, 'tidak ada', 'none')`)
				check(exitFailure, "the database's storage is damaged: concordance index (memory_text)")
			}
		})
	}
}
