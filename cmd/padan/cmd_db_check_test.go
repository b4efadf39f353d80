package main

import (
	"context"
	"database/sql"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	_ "modernc.org/sqlite"

	"github.com/padan-tm/padan/internal/testenv"
)

// sqlBackend is a backend of the db check tests: where a new database is,
// and a statement run on it directly, which returns the first column of
// its first row ("" when it has none).
type sqlBackend struct {
	name  string
	db    func(t *testing.T) string
	query func(t *testing.T, db, query string) string
}

// sqlBackends returns SQLite and PostgreSQL (which skips without a server).
func sqlBackends() []sqlBackend {
	ctx := context.Background()
	return []sqlBackend{
		{"sqlite", func(t *testing.T) string { return filepath.Join(t.TempDir(), "padan.db") },
			func(t *testing.T, db, query string) string {
				d, err := sql.Open("sqlite", db)
				if err != nil {
					t.Fatal(err)
				}
				defer d.Close()
				var v string
				if err := d.QueryRowContext(ctx, query).Scan(&v); err != nil && err != sql.ErrNoRows {
					t.Fatal(err)
				}
				return v
			}},
		{"postgres", func(t *testing.T) string { return testenv.Postgres(t) },
			func(t *testing.T, db, query string) string {
				c, err := pgx.Connect(ctx, db)
				if err != nil {
					t.Fatal(err)
				}
				defer c.Close(ctx)
				var v string
				if err := c.QueryRow(ctx, query).Scan(&v); err != nil && err != pgx.ErrNoRows {
					t.Fatal(err)
				}
				return v
			}},
	}
}

// runFlow runs the demo flow of the backends' comparison on db.
func runFlow(t *testing.T, vars map[string]string, db string) {
	t.Helper()
	flow, _ := backendFlow(t)
	for _, args := range flow {
		if code, _, stderr := runPadan(t, vars, append([]string{"--db", db}, args...)...); code != exitOK {
			t.Fatalf("padan %s: exit %d: %s", strings.Join(args, " "), code, stderr)
		}
	}
}

// TestDBCheckFindsDamage runs the demo flow on each backend, sees db check
// clean, then moves one posting of the memory's index to another block
// with direct SQL (the index then lacks a posting and holds a stale one)
// and sees db check report it and fail. On SQLite it also adds a row to the
// concordance index that no memory entry has, and sees the storage
// reported damaged.
func TestDBCheckFindsDamage(t *testing.T) {
	staleMissing := regexp.MustCompile(`(\d+) stale, (\d+) missing`)
	const corruptPosting = `UPDATE memory_posting SET first = first + 1000000
		WHERE (pair, token, len, first) IN (SELECT pair, token, len, first FROM memory_posting ORDER BY pair, token, len, first LIMIT 1)`
	for _, b := range sqlBackends() {
		t.Run(b.name, func(t *testing.T) {
			db := b.db(t)
			vars := map[string]string{"PADAN_USER": "tester"}
			runFlow(t, vars, db)
			check := func(want int, wantOut string) {
				t.Helper()
				code, stdout, stderr := runPadan(t, vars, "--db", db, "db", "check")
				if code != want || !strings.Contains(stdout, wantOut) {
					t.Errorf("db check: exit %d, want %d; printed %q (want %q) %s", code, want, stdout, wantOut, stderr)
				}
			}
			check(exitOK, "the database's storage is sound, and the memory index holds exactly the postings of its")
			b.query(t, db, corruptPosting)
			check(exitFailure, " stale, ")
			// The block moved holds the ids of as many postings as it
			// holds entries: each is both stale and missing.
			_, stdout, _ := runPadan(t, vars, "--db", db, "db", "check")
			m := staleMissing.FindStringSubmatch(stdout)
			if m == nil || m[1] != m[2] || m[1] == "0" {
				t.Errorf("db check after a posting block moved printed %q, want as many postings stale as missing, at least 1", stdout)
			}
			if b.name == "sqlite" {
				b.query(t, db, `INSERT INTO memory_text (rowid, source, target) VALUES (999999, 'tidak ada', 'none')`)
				check(exitFailure, "the database's storage is damaged: concordance index (memory_text)")
			}
		})
	}
}

// TestDBRepairOnBackends runs the demo flow on each backend, adds with SQL
// a revision whose note holds an escape sequence (as an older padan let
// in), and sees db check report it, db check --repair rewrite it and
// record the repair, and db check then find nothing, the same on both.
func TestDBRepairOnBackends(t *testing.T) {
	const plant = "INSERT INTO revisions (unit_id, language, event, role, status, text, author, time, note)\n" +
		"SELECT unit_id, language, event, role, status, text, author, time, 'see\x1b[2J' FROM revisions WHERE id = (SELECT max(id) FROM revisions)"
	outs := map[string][]string{}
	for _, b := range sqlBackends() {
		t.Run(b.name, func(t *testing.T) {
			db := b.db(t)
			vars := map[string]string{"PADAN_USER": "tester"}
			runFlow(t, vars, db)
			b.query(t, db, plant)
			run := func(want int, args ...string) string {
				t.Helper()
				code, stdout, stderr := runPadan(t, vars, append([]string{"--db", db, "db", "check"}, args...)...)
				if code != want {
					t.Fatalf("db check %s: exit %d, want %d: %s%s", strings.Join(args, " "), code, want, stdout, stderr)
				}
				// The row's id is the backend's own.
				return regexp.MustCompile(`revisions +\d+`).ReplaceAllString(stdout, "revisions N")
			}
			found := run(exitFailure)
			repaired := run(exitOK, "--repair", "--by", "Admin")
			clean := run(exitOK)
			if !strings.Contains(found, `see\u001B[2J`) || !strings.Contains(repaired, "repaired 1 value;") ||
				!strings.Contains(clean, "no stored value holds a character padan refuses") {
				t.Errorf("db check printed\n%s\nthen with --repair\n%s\nthen\n%s", found, repaired, clean)
			}
			if note := b.query(t, db, `SELECT note FROM revisions WHERE id = (SELECT max(id) FROM revisions)`); note != `see\u001B[2J` {
				t.Errorf("the note is %q after the repair", note)
			}
			if by := b.query(t, db, `SELECT author FROM repairs`); by != "Admin" {
				t.Errorf("the repair is recorded by %q", by)
			}
			outs[b.name] = []string{found, repaired, clean}
		})
	}
	if len(outs) == 2 && !slices.Equal(outs["sqlite"], outs["postgres"]) {
		t.Errorf("the backends printed differently:\n%q\n%q", outs["sqlite"], outs["postgres"])
	}
}
