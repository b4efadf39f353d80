package postgres_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/padan-tm/padan/internal/testenv"
	"github.com/padan-tm/padan/tm"
)

// TestPostEditWithoutKeptFigures: post-edit figures that are not kept (a
// database made before they were) are computed from the two texts, and
// equal the kept ones; with figures kept, the texts are not needed.
func TestPostEditWithoutKeptFigures(t *testing.T) {
	ctx := context.Background()
	s, dsn := openStore(t)
	doc := tm.NewDocument{Name: "berita", Language: "id", Original: []byte("x")}
	for i, text := range []string{"Satu dua tiga.", "Empat lima.", "Enam."} {
		doc.Units = append(doc.Units, tm.SourceUnit{Index: i + 1, Kind: "sentence", Text: text})
	}
	if _, err := s.Import(ctx, doc); err != nil {
		t.Fatal(err)
	}
	revise := func(role tm.Role, author string, entries ...tm.Entry) {
		t.Helper()
		if _, err := s.Revise(ctx, tm.Change{Document: "berita", Language: "en", Role: role, Author: author, Entries: entries}); err != nil {
			t.Fatal(err)
		}
	}
	revise(tm.RoleTranslator, "Jafar", tm.Entry{Index: 1, Text: "One two three."}, tm.Entry{Index: 2, Text: "Four five."},
		tm.Entry{Index: 3, Text: "Six."})
	revise(tm.RoleEditor, "Atman", tm.Entry{Index: 1, Text: "One, two and three."}, tm.Entry{Index: 2, Text: "Four five."})
	kept, ok, err := s.PostEdit(ctx, "berita", "en")
	if err != nil || !ok {
		t.Fatalf("PostEdit: %v %v", ok, err)
	}
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	tag, err := conn.Exec(ctx, `DELETE FROM post_edits`)
	if err != nil || tag.RowsAffected() != 2 {
		t.Fatalf("forget the kept figures: %v rows, %v", tag.RowsAffected(), err)
	}
	computed, ok, err := s.PostEdit(ctx, "berita", "en")
	if err != nil || !ok {
		t.Fatalf("PostEdit without kept figures: %v %v", ok, err)
	}
	if !reflect.DeepEqual(computed, kept) {
		t.Errorf("computed from the texts:\n%+v\nkept:\n%+v", computed, kept)
	}
	if o := kept.Overall; o.Units != 2 || o.Changed != 1 || len(kept.ByTranslator) != 1 || kept.ByEditor[0].Author != "Atman" {
		t.Errorf("kept figures: %+v", kept)
	}
}

// TestMigratePostEditAuthors: the pairs kept before migration 9 get the
// authors of their two revisions, as the pairs kept after it have them.
func TestMigratePostEditAuthors(t *testing.T) {
	ctx := context.Background()
	dsn := testenv.Postgres(t)
	s, err := tm.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	doc := tm.NewDocument{Name: "berita", Language: "id", Original: []byte("x")}
	for i, text := range []string{"Satu dua tiga.", "Empat lima.", "Enam."} {
		doc.Units = append(doc.Units, tm.SourceUnit{Index: i + 1, Kind: "sentence", Text: text})
	}
	if _, err := s.Import(ctx, doc); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		role    tm.Role
		author  string
		entries []tm.Entry
	}{
		{tm.RoleTranslator, "Jafar", []tm.Entry{{Index: 1, Text: "One two three."}, {Index: 2, Text: "Four five."}}},
		{tm.RoleTranslator, "Sidik", []tm.Entry{{Index: 3, Text: "Six."}}},
		{tm.RoleEditor, "Atman", []tm.Entry{{Index: 2, Text: "Four, five."}}},
		{tm.RoleEditor, "Ahdiat", []tm.Entry{{Index: 3, Text: "Six!"}}},
	} {
		if _, err := s.Revise(ctx, tm.Change{Document: "berita", Language: "en", Role: c.role, Author: c.author, Entries: c.entries}); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	authors := func() []string {
		t.Helper()
		rows, err := conn.Query(ctx, `SELECT translator_author || '/' || editor_author FROM post_edits ORDER BY translator_id, editor_id`)
		if err != nil {
			t.Fatal(err)
		}
		got, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	want := []string{"Jafar/Atman", "Sidik/Ahdiat"}
	if got := authors(); !reflect.DeepEqual(got, want) {
		t.Fatalf("authors kept %v, want %v", got, want)
	}
	// The schema as migration 8 left it (migration 10 dropped two foreign
	// keys: they are made again, so that it runs again; migration 11 made
	// the words plain columns: they are generated again).
	if _, err := conn.Exec(ctx, wordsBefore11+`;
		ALTER TABLE post_edits DROP COLUMN translator_author, DROP COLUMN editor_author;
		ALTER TABLE memory_keys ADD CONSTRAINT memory_keys_id_fkey FOREIGN KEY (id) REFERENCES memory_entry (id) ON DELETE CASCADE;
		ALTER TABLE memory_entry ADD CONSTRAINT memory_entry_pair_fkey FOREIGN KEY (pair) REFERENCES memory_pair (id);
		DELETE FROM padan_migrations WHERE version >= 9`); err != nil {
		t.Fatal(err)
	}
	s, err = tm.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := authors(); !reflect.DeepEqual(got, want) {
		t.Errorf("authors after the migration %v, want %v", got, want)
	}
	pe, ok, err := s.PostEdit(ctx, "berita", "en")
	if err != nil || !ok || len(pe.ByEditor) != 2 || pe.ByEditor[0].Author != "Ahdiat" || pe.ByTranslator[1].Author != "Sidik" {
		t.Errorf("PostEdit after the migration: %+v %v %v", pe, ok, err)
	}
}
