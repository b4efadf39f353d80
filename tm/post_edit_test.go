package tm

import (
	"context"
	"encoding/json"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/padan-tm/padan/worddiff"
)

// TestClassesDecoder checks that the kept change counts decode as they
// were kept, whether a text is new to the decoder or seen before, and that
// a broken text is an error each time.
func TestClassesDecoder(t *testing.T) {
	var some, other worddiff.Counts
	for i := range some {
		some[i] = i + 1
	}
	other[0] = 7
	marshal := func(c worddiff.Counts) string {
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	d := classesDecoder{}
	for _, tc := range []struct {
		name, text string
		want       worddiff.Counts
		err        bool
	}{
		{"counts", marshal(some), some, false},
		{"same text again", marshal(some), some, false},
		{"other counts", marshal(other), other, false},
		{"none", marshal(worddiff.Counts{}), worddiff.Counts{}, false},
		{"empty object", `{}`, worddiff.Counts{}, false},
		{"unknown class", `{"no such class":3}`, worddiff.Counts{}, false},
		{"broken", `{"`, worddiff.Counts{}, true},
		{"broken again", `{"`, worddiff.Counts{}, true},
		{"first counts after the others", marshal(some), some, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := d.decode(tc.text)
			if (err != nil) != tc.err || got != tc.want {
				t.Errorf("decode(%s) = %v, %v; want %v (error: %v)", tc.text, got, err, tc.want, tc.err)
			}
		})
	}
	if len(d) != 5 { // some, other, none, {}, unknown
		t.Errorf("%d texts kept, want 5", len(d))
	}
}

// postEditAuthors returns the authors kept with each pair of post_edits,
// "translator/editor", in the pairs' order.
func postEditAuthors(t *testing.T, s *Store) []string {
	t.Helper()
	rows, err := rawDB(s).Query(`SELECT translator_author || '/' || editor_author FROM post_edits ORDER BY translator_id, editor_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var a string
		if err := rows.Scan(&a); err != nil {
			t.Fatal(err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestMigratePostEditAuthors: the pairs kept before migration 9 get the
// authors of their two revisions, as the pairs kept after it have them,
// and the post-edit figures read them.
func TestMigratePostEditAuthors(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "padan.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	mustImport(t, s, sampleDoc("a", "Satu dua.", "Tiga empat lima.", "Enam."))
	mustRevise(t, s, "a", "en", RoleTranslator, "Jafar", Entry{Index: 1, Text: "One two."}, Entry{Index: 2, Text: "Three four five."})
	mustRevise(t, s, "a", "en", RoleTranslator, "Sidik", Entry{Index: 3, Text: "Six."})
	mustRevise(t, s, "a", "en", RoleEditor, "Atman", Entry{Index: 2, Text: "Three, four and five."})
	mustRevise(t, s, "a", "en", RoleEditor, "Ahdiat", Entry{Index: 3, Text: "Six!"})
	want := []string{"Jafar/Atman", "Sidik/Ahdiat"}
	if got := postEditAuthors(t, s); !reflect.DeepEqual(got, want) {
		t.Fatalf("authors kept %v, want %v", got, want)
	}
	wantPE, ok, err := s.PostEdit(ctx, "a", "en")
	if err != nil || !ok {
		t.Fatalf("PostEdit: %v %v", ok, err)
	}
	if len(wantPE.ByTranslator) != 2 || wantPE.ByTranslator[0].Author != "Jafar" || wantPE.ByEditor[1].Author != "Atman" {
		t.Fatalf("PostEdit: %+v", wantPE)
	}
	// The database as migration 8 left it.
	s = reopenFrom(t, s, `ALTER TABLE post_edits DROP COLUMN translator_author;
		ALTER TABLE post_edits DROP COLUMN editor_author; PRAGMA user_version = 8`)
	if got := postEditAuthors(t, s); !reflect.DeepEqual(got, want) {
		t.Errorf("authors after the migration %v, want %v", got, want)
	}
	gotPE, ok, err := s.PostEdit(ctx, "a", "en")
	if err != nil || !ok || !reflect.DeepEqual(gotPE, wantPE) {
		t.Errorf("post-edit after the migration = %+v, %v; want %+v", gotPE, err, wantPE)
	}
}
