package postgres

import (
	"context"
	"reflect"
	"testing"
)

// TestStatsTriggers: the counts of migration 4 follow the revisions and
// versions written, as SQLite's triggers do: a unit moves from status to
// status in every version that holds it, a new version takes in the
// statuses its kept units have, and the latest translator's and editor's
// revisions are those the post-edit figures compare.
func TestStatsTriggers(t *testing.T) {
	ctx := context.Background()
	db, _ := open(t)
	p := db.Pool()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := p.Exec(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	stats := func(version int) map[string][2]int64 {
		t.Helper()
		rows, err := p.Query(ctx, `SELECT language || ' ' || status, units, words FROM version_stats
			WHERE version_id = $1 AND units > 0`, version)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		out := map[string][2]int64{}
		for rows.Next() {
			var k string
			var u, w int64
			if err := rows.Scan(&k, &u, &w); err != nil {
				t.Fatal(err)
			}
			out[k] = [2]int64{u, w}
		}
		return out
	}
	exec(`INSERT INTO documents (name, language, created) VALUES ('a', 'id', $1)`, "2026-01-01T00:00:00.000000Z")
	exec(`INSERT INTO versions (document_id, number, original, sha256, created) VALUES (1, 1, '', '', '')`)
	exec(`INSERT INTO units (document_id, source, words) VALUES (1, 'Satu dua.', 2), (1, 'Tiga.', 1), (1, 'Empat lima enam.', 3)`)
	exec(`INSERT INTO version_units (version_id, idx, unit_id, kind, start, "end") VALUES (1, 1, 1, 's', 0, 0), (1, 2, 2, 's', 0, 0)`)
	revise := func(unit int, role, status, event string) {
		t.Helper()
		exec(`INSERT INTO revisions (unit_id, language, event, role, status, text, author, time) VALUES ($1, 'en', $2, $3, $4, 'x', 'A', '')`,
			unit, event, role, status)
	}
	revise(1, "translator", "translated", "revise")
	revise(2, "translator", "translated", "revise")
	revise(1, "editor", "reviewed", "revise")
	if got, want := stats(1), map[string][2]int64{"en translated": {1, 1}, "en reviewed": {1, 2}}; !reflect.DeepEqual(got, want) {
		t.Errorf("version 1: %v, want %v", got, want)
	}
	// Version 2 keeps unit 1 and adds unit 3.
	exec(`INSERT INTO versions (document_id, number, original, sha256, created) VALUES (1, 2, '', '', '')`)
	exec(`INSERT INTO version_units (version_id, idx, unit_id, kind, start, "end") VALUES (2, 1, 1, 's', 0, 0), (2, 2, 3, 's', 0, 0)`)
	revise(1, "editor", "final", "approve")
	if got, want := stats(2), map[string][2]int64{"en final": {1, 2}}; !reflect.DeepEqual(got, want) {
		t.Errorf("version 2: %v, want %v", got, want)
	}
	if got, want := stats(1), map[string][2]int64{"en translated": {1, 1}, "en final": {1, 2}}; !reflect.DeepEqual(got, want) {
		t.Errorf("version 1 after the approval: %v, want %v", got, want)
	}
	var units, words int64
	if err := p.QueryRow(ctx, `SELECT units, words FROM version_totals WHERE version_id = 2`).Scan(&units, &words); err != nil || units != 2 || words != 5 {
		t.Errorf("version 2 totals %d %d, %v", units, words, err)
	}
	var tr, ed, rev int64
	if err := p.QueryRow(ctx, `SELECT translator_id, editor_id, revision_id FROM unit_latest WHERE unit_id = 1 AND language = 'en'`).
		Scan(&tr, &ed, &rev); err != nil || tr != 1 || ed != 3 || rev != 4 {
		t.Errorf("unit 1: translator %d editor %d latest %d, %v", tr, ed, rev, err)
	}
	var langs int
	if err := p.QueryRow(ctx, `SELECT count(*) FROM document_languages WHERE document_id = 1 AND language = 'en'`).Scan(&langs); err != nil || langs != 1 {
		t.Errorf("document languages %d, %v", langs, err)
	}
}
