package postgres_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/padan-tm/padan/tm"
	"github.com/padan-tm/padan/tm/internal/postgres"
)

// wordsBefore11 makes the words of memory_entry generated columns again,
// computed by the server's parser, as they were before migration 11.
const wordsBefore11 = `ALTER TABLE memory_entry DROP COLUMN source_words, DROP COLUMN target_words;
	ALTER TABLE memory_entry
		ADD COLUMN source_words tsvector GENERATED ALWAYS AS (to_tsvector('padan_text', source)) STORED,
		ADD COLUMN target_words tsvector GENERATED ALWAYS AS (to_tsvector('padan_text', target)) STORED;
	CREATE INDEX memory_entry_source_words ON memory_entry USING gin (source_words);
	CREATE INDEX memory_entry_target_words ON memory_entry USING gin (target_words)`

// TestMigrateWords: migration 11 replaces the words PostgreSQL's parser
// computed with padan's, for every entry (more than a page of them), so
// that concordance finds what SQLite finds in them.
func TestMigrateWords(t *testing.T) {
	ctx := context.Background()
	s, dsn := openStore(t)
	texts := []string{"Inflasi 1.5 persen.", "Surel ana@example.co.id, situs https://antaranews.com/berita.", "Korea-Utara dan kupu-kupu."}
	var entries []tm.MemoryEntry
	for i := range 10050 {
		text := texts[i%len(texts)]
		if i >= len(texts) {
			text += " " + string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + string(rune('a'+i/676%26))
		}
		entries = append(entries, tm.MemoryEntry{SourceLang: "id", TargetLang: "en", Source: text, Target: "T " + text})
	}
	if _, _, err := s.AddEntries(ctx, entries); err != nil {
		t.Fatal(err)
	}
	s.Close()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, wordsBefore11+`; DELETE FROM padan_migrations WHERE version >= 11`); err != nil {
		t.Fatal(err)
	}
	// The server's words: "1.5" is one word.
	stale := func() int {
		t.Helper()
		rows, err := conn.Query(ctx, `SELECT source, target, tsvectorsend(source_words), tsvectorsend(target_words) FROM memory_entry`)
		if err != nil {
			t.Fatal(err)
		}
		n, all := 0, 0
		var src, tgt string
		var sw, tw []byte
		if _, err := pgx.ForEachRow(rows, []any{&src, &tgt, &sw, &tw}, func() error {
			all++
			if !slices.Equal(sw, postgres.AppendWords(nil, src)) || !slices.Equal(tw, postgres.AppendWords(nil, tgt)) {
				n++
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if all != len(entries) {
			t.Fatalf("%d entries, want %d", all, len(entries))
		}
		return n
	}
	if n := stale(); n < len(entries)/3 {
		t.Fatalf("before migration 11, %d entries' words differ from padan's; want a third at least", n)
	}
	db, err := postgres.Open(ctx, dsn, true)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.Migrated() != 1 {
		t.Errorf("%d migrations applied", db.Migrated())
	}
	if n := stale(); n != 0 {
		t.Errorf("after migration 11, %d entries' words differ from padan's", n)
	}
	for term, want := range map[string]int{"1 5 persen": 3350, "co id": 3350, "antaranews com berita": 3350, "utara dan kupu": 3350, "1.5": 3350} {
		hits, err := postgres.Concordance(ctx, db.Pool(), term, "id", false, 0)
		if err != nil || len(hits) != want {
			t.Errorf("Concordance(%q): %d hits, %v; want %d", term, len(hits), err, want)
		}
	}
	var nullable int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema()
		AND table_name = 'memory_entry' AND column_name LIKE '%_words' AND (is_nullable = 'YES' OR is_generated <> 'NEVER')`).Scan(&nullable); err != nil || nullable != 0 {
		t.Errorf("%d words columns nullable or generated, %v", nullable, err)
	}
}

// TestCopyWords: `padan db copy` from SQLite into PostgreSQL writes the
// entries' words, which concordance then finds as SQLite did.
func TestCopyWords(t *testing.T) {
	ctx := context.Background()
	from, err := tm.Open(ctx, filepath.Join(t.TempDir(), "from.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer from.Close()
	if _, _, err := from.AddEntries(ctx, []tm.MemoryEntry{
		{SourceLang: "id", TargetLang: "en", Source: "Inflasi 1.5 persen.", Target: "Inflation of 1.5 percent."},
		{SourceLang: "id", TargetLang: "en", Source: "Surel redaksi@antaranews.com.", Target: "E-mail redaksi@antaranews.com."},
	}); err != nil {
		t.Fatal(err)
	}
	to, dsn := openStore(t)
	if _, err := tm.Copy(ctx, from, to, tm.CopyOptions{}); err != nil {
		t.Fatal(err)
	}
	for name, s := range map[string]*tm.Store{"SQLite": from, "PostgreSQL": to} {
		for term, want := range map[string]int{"5 persen": 1, "antaranews com": 1, "1.5": 1} {
			hits, err := s.Concordance(ctx, tm.ConcordanceQuery{Term: term, Lang: "id"})
			if err != nil || len(hits) != want {
				t.Errorf("%s: Concordance(%q): %d hits, %v; want %d", name, term, len(hits), err, want)
			}
		}
	}
	db, err := postgres.Open(ctx, dsn, false)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Pool().Query(ctx, `SELECT source, tsvectorsend(source_words) FROM memory_entry`)
	if err != nil {
		t.Fatal(err)
	}
	var src string
	var w []byte
	if _, err := pgx.ForEachRow(rows, []any{&src, &w}, func() error {
		if !slices.Equal(w, postgres.AppendWords(nil, src)) {
			t.Errorf("the words of %q are not padan's", src)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

// TestRepairWords: an entry whose stored words are not those of its text
// (here changed by hand) is reported by the check of stored values, and
// the repair rewrites its words and records it.
func TestRepairWords(t *testing.T) {
	ctx := context.Background()
	s, dsn := openStore(t)
	if _, _, err := s.AddEntries(ctx, []tm.MemoryEntry{
		{SourceLang: "id", TargetLang: "en", Source: "Kerja sama militer.", Target: "Military cooperation."},
		{SourceLang: "id", TargetLang: "en", Source: "Inflasi 1.5 persen.", Target: "Inflation of 1.5 percent."},
		{SourceLang: "id", TargetLang: "en", Source: "Harga naik.", Target: "Prices rose."},
	}); err != nil {
		t.Fatal(err)
	}
	check := func() []string {
		t.Helper()
		problems, err := s.CheckFields(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var rows []string
		for _, p := range problems {
			rows = append(rows, p.Table+" "+p.Row+" "+p.Field)
		}
		if rep, err := s.IntegrityCheck(ctx); err != nil || rep != "ok" {
			t.Errorf("integrity check: %s, %v", rep, err)
		}
		return rows
	}
	if rows := check(); rows != nil {
		t.Fatalf("before: %v", rows)
	}
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `UPDATE memory_entry SET source_words = to_tsvector('simple', source) WHERE id = 2;
		UPDATE memory_entry SET target_words = 'prices:1 fell:2' WHERE id = 3`); err != nil {
		t.Fatal(err)
	}
	if rows := check(); !slices.Equal(rows, []string{"memory_entry 2 words", "memory_entry 3 words"}) {
		t.Errorf("check: %v", rows)
	}
	if hits, err := s.Concordance(ctx, tm.ConcordanceQuery{Term: "5 persen", Lang: "id"}); err != nil || len(hits) != 0 {
		t.Errorf("concordance of the changed words: %v, %v", hits, err)
	}
	problems, err := s.RepairFields(ctx, "Lead")
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 2 || problems[0].Row != "2" || problems[1].Row != "3" || problems[0].Field != tm.WordsField {
		t.Errorf("repaired %+v", problems)
	}
	if rows := check(); rows != nil {
		t.Errorf("after the repair: %v", rows)
	}
	if hits, err := s.Concordance(ctx, tm.ConcordanceQuery{Term: "5 persen", Lang: "id"}); err != nil || len(hits) != 1 {
		t.Errorf("concordance after the repair: %v, %v", hits, err)
	}
	var changes int
	var author, report string
	if err := conn.QueryRow(ctx, `SELECT changes, author, report FROM repairs`).Scan(&changes, &author, &report); err != nil {
		t.Fatal(err)
	}
	if changes != 2 || author != "Lead" || !strings.Contains(report, `"Field":"words"`) {
		t.Errorf("repair recorded: %d, %s, %s", changes, author, report)
	}
	if again, err := s.RepairFields(ctx, "Lead"); err != nil || len(again) != 0 {
		t.Errorf("a second repair: %v, %v", again, err)
	}
}
