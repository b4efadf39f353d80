package tm

import (
	"context"
	"reflect"
	"testing"
)

// oldDatabase makes a store holding the values an older padan let in:
// control characters in names and notes, and bytes that are not UTF-8,
// inserted with SQL as that padan would have.
func oldDatabase(t *testing.T) *Store {
	t.Helper()
	ctx := context.Background()
	s := openTest(t)
	mustImport(t, s, sampleDoc("a", "Satu.", "Dua."))
	mustRevise(t, s, "a", "en", RoleEditor, "Atman", Entry{Index: 1, Text: "One."}, Entry{Index: 2, Text: "Two."})
	if _, _, err := s.AddEntries(ctx, []MemoryEntry{{SourceLang: "id", TargetLang: "en", Source: "Tiga.", Target: "Three.",
		Origin: Origin{Kind: OriginImport, File: "m.tmx"}}}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO revisions (unit_id, language, event, role, status, text, author, time, note)
			SELECT unit_id, language, 'revise', 'editor', 'reviewed', 'One' || char(11) || 'more.', 'Jafar' || char(11) || 'Sidik', time, 'see' || char(27) || '[2J'
			FROM revisions WHERE id = 1`,
		`INSERT INTO revisions (unit_id, language, event, role, status, text, author, time, note)
			SELECT unit_id, language, 'reject', 'editor', 'initial', text, 'Atman', time, CAST(X'6E6FFF' AS TEXT)
			FROM revisions WHERE id = 2`,
		`UPDATE versions SET metadata = '{"translator":"Jafar\u000bSidik","editor":"Atman"}'`,
		`INSERT INTO memory_text (memory_text, rowid, source, target) SELECT 'delete', id, source, target FROM memory_entry WHERE file = 'm.tmx'`,
		`UPDATE memory_entry SET author = 'x' || char(0) || 'y', target = CAST(X'546872FF65652E' AS TEXT) WHERE file = 'm.tmx'`,
		`INSERT INTO memory_text (rowid, source, target) SELECT id, source, target FROM memory_entry WHERE file = 'm.tmx'`,
	} {
		if _, err := rawDB(s).ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	return s
}

func TestCheckAndRepairFields(t *testing.T) {
	ctx := context.Background()
	s := oldDatabase(t)
	got, err := s.CheckFields(ctx)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Table, Document string
		Segment         int
		Field           string
		Offset          int
		Rune            rune
		Repaired        string
	}
	want := []row{
		{"versions", "a", 0, "metadata translator", 5, 0x0B, `Jafar\u000BSidik`},
		{"revisions", "a", 1, "author", 5, 0x0B, `Jafar\u000BSidik`},
		{"revisions", "a", 1, "note", 3, 0x1B, `see\u001B[2J`},
		{"revisions", "a", 2, "note", 2, 0xFFFD, "no\uFFFD"},
		{"memory_entry", "", 0, "target", 3, 0xFFFD, "Thr\uFFFDee."},
		{"memory_entry", "", 0, "author", 1, 0, `x\u0000y`},
	}
	var rows []row
	for _, p := range got {
		rows = append(rows, row{p.Table, p.Document, p.Segment, p.Field, p.Offset, p.Rune, p.Repaired})
	}
	if !reflect.DeepEqual(rows, want) {
		t.Fatalf("CheckFields:\n got %+v\nwant %+v", rows, want)
	}
	// Text may hold U+000B (a soft line break): not a problem.
	for _, p := range got {
		if p.Field == "text" {
			t.Errorf("a revision's text reported: %+v", p)
		}
	}

	repaired, err := s.RepairFields(ctx, "Admin")
	if err != nil {
		t.Fatal(err)
	}
	if len(repaired) != len(want) {
		t.Errorf("repaired %d values, want %d", len(repaired), len(want))
	}
	if again, err := s.CheckFields(ctx); err != nil || len(again) != 0 {
		t.Fatalf("after the repair: %+v, %v", again, err)
	}
	var author string
	var changes int
	if err := rawDB(s).QueryRowContext(ctx, `SELECT author, changes FROM repairs`).Scan(&author, &changes); err != nil || author != "Admin" || changes != len(want) {
		t.Errorf("repair record: %q %d %v", author, changes, err)
	}
	_, revs, err := s.History(ctx, "a", "en", 1)
	if err != nil {
		t.Fatal(err)
	}
	if last := revs[len(revs)-1]; last.Author != `Jafar\u000BSidik` || last.Text != "One\vmore." {
		t.Errorf("repaired revision %+v", last)
	}
	// The triggers are back: revisions are append-only again.
	if _, err := rawDB(s).ExecContext(ctx, `UPDATE revisions SET note = 'x'`); err == nil {
		t.Error("revisions can be updated after the repair")
	}
	if _, err := rawDB(s).ExecContext(ctx, `DELETE FROM revisions`); err == nil {
		t.Error("revisions can be deleted after the repair")
	}
	// The full-text index follows the repaired text.
	if _, err := rawDB(s).ExecContext(ctx, `INSERT INTO memory_text (memory_text, rank) VALUES ('integrity-check', 1)`); err != nil {
		t.Errorf("full-text index: %v", err)
	}
	if ok, err := s.IntegrityCheck(ctx); err != nil || ok != "ok" {
		t.Errorf("integrity: %s %v", ok, err)
	}
	// Nothing left to repair: no new record.
	if n, err := s.RepairFields(ctx, "Admin"); err != nil || len(n) != 0 || count(t, s, "repairs") != 1 {
		t.Errorf("second repair: %v %v, %d records", n, err, count(t, s, "repairs"))
	}
}

// TestRepairKeptAuthors: the post-edit figures keep the authors of a
// pair's revisions; when an older padan let a control character into a
// translator's name, the check reports the kept copy too, and the repair
// rewrites both, so that the figures by author name one person, safely.
func TestRepairKeptAuthors(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	mustImport(t, s, sampleDoc("a", "Satu dua.", "Tiga."))
	if _, err := rawDB(s).ExecContext(ctx, `INSERT INTO revisions (unit_id, language, event, role, status, text, author, time)
		SELECT id, 'en', 'revise', 'translator', 'translated', 'One two.', 'Jafar' || char(27) || '[2J', '2026-01-02T03:04:05.000000Z'
		FROM units ORDER BY id LIMIT 1`); err != nil {
		t.Fatal(err)
	}
	// As the store records a revision: the unit's latest.
	if _, err := rawDB(s).ExecContext(ctx, `INSERT INTO unit_latest (unit_id, language, revision_id, status, translator_id)
		SELECT unit_id, language, id, status, id FROM revisions WHERE id = (SELECT max(id) FROM revisions)`); err != nil {
		t.Fatal(err)
	}
	// The editor's revision keeps the pair's figures, with both authors.
	mustRevise(t, s, "a", "en", RoleEditor, "Atman", Entry{Index: 1, Text: "One, two."})
	got, err := s.CheckFields(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	for _, p := range got {
		rows = append(rows, p.Table+" "+p.Field+" "+p.Repaired)
	}
	want := []string{`revisions author Jafar\u001B[2J`, `post_edits translator_author Jafar\u001B[2J`}
	if !reflect.DeepEqual(rows, want) {
		t.Fatalf("CheckFields: %q, want %q", rows, want)
	}
	if _, err := s.RepairFields(ctx, "Admin"); err != nil {
		t.Fatal(err)
	}
	pe, ok, err := s.PostEdit(ctx, "a", "en")
	if err != nil || !ok || len(pe.ByTranslator) != 1 || pe.ByTranslator[0].Author != `Jafar\u001B[2J` {
		t.Fatalf("post-edit figures after the repair: %+v, %v, %v", pe.ByTranslator, ok, err)
	}
	if again, err := s.CheckFields(ctx); err != nil || len(again) != 0 {
		t.Errorf("after the repair: %+v, %v", again, err)
	}
}
