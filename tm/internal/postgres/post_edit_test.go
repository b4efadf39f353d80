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
	dsn := testenv.Postgres(t)
	s, err := tm.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
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
