package tm

import (
	"context"
	"errors"
	"testing"
)

func TestNumericName(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"1", true},
		{"12", true},
		{"007", true},
		{"+3", true},
		{"-3", true},
		{"99999999999999999999999", true},
		{"", false},
		{"+", false},
		{"12a", false},
		{"a12", false},
		{"1 2", false},
		{"1.5", false},
		{"٣", false}, // Arabic-Indic digit: never read as an id
		{"berita-12", false},
	}
	for _, tt := range tests {
		if got := numericName(tt.name); got != tt.want {
			t.Errorf("numericName(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestImportNumericName checks that a new document named by a number is
// refused (it would shadow document 1), and that the document it would
// have shadowed is still found by its id.
func TestImportNumericName(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	mustImport(t, s, sampleDoc("pertama", "Satu."))
	for _, name := range []string{"1", " 2 ", "+1", "007"} {
		_, err := s.Import(ctx, sampleDoc(name, "Dua."))
		if !errors.Is(err, ErrNumericName) {
			t.Errorf("import %q: %v, want ErrNumericName", name, err)
		}
	}
	if docs, err := s.Documents(ctx); err != nil || len(docs) != 1 {
		t.Fatalf("documents after the refusals: %v, %v", docs, err)
	}
	doc, err := s.DocumentHead(ctx, "1")
	if err != nil || doc.Name != "pertama" {
		t.Errorf("document 1: %+v, %v; want pertama", doc, err)
	}
	mustImport(t, s, sampleDoc("1a", "Tiga."))

	// A document named by a number before the rule still gets new
	// versions.
	if _, err := rawDB(s).ExecContext(ctx, `UPDATE documents SET name = '12' WHERE name = '1a'`); err != nil {
		t.Fatal(err)
	}
	res, err := s.Import(ctx, sampleDoc("12", "Tiga.", "Empat."))
	if err != nil || res.Document.Version != 2 {
		t.Errorf("new version of the document named 12: %+v, %v", res, err)
	}
}
