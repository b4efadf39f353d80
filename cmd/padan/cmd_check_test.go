package main

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/padan-tm/padan/check"
)

// demoDB runs `padan demo` into a temporary folder and returns its database.
func demoDB(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if code, _, errOut := runPadan(t, nil, "demo", "--dir", dir); code != exitOK {
		t.Fatalf("demo: %d %s", code, errOut)
	}
	return filepath.Join(dir, "padan.db")
}

func TestCheckExitStatus(t *testing.T) {
	db := demoDB(t)
	doc := "antara-korea-utara-rusia"
	vars := map[string]string{"PADAN_USER": "tester"}
	tests := []struct {
		args []string
		want int
	}{
		{[]string{"check", doc, "--lang", "en"}, exitOK},
		{[]string{"check", doc, "--lang", "en", "--stage", "editor", "--format", "json"}, exitOK},
		{[]string{"check", doc, "--lang", "en", "--stage", "translator"}, exitFailure},
		{[]string{"check", doc, "14", "--lang", "en", "--stage", "translator"}, exitFailure},
		{[]string{"check", doc, "13", "--lang", "en", "--stage", "translator"}, exitOK},
		{[]string{"check", doc, "--lang", "en", "--stage", "translator", "--skip", "number"}, exitOK},
		{[]string{"check", doc, "--lang", "en", "--skip", "numbers"}, exitUsage},
		{[]string{"check", doc, "--lang", "en", "--stage", "final"}, exitUsage},
		{[]string{"check", doc, "--lang", "en", "--format", "xml"}, exitUsage},
		{[]string{"check", doc}, exitOK}, // the document has one target language: en
		{[]string{"check", "--lang", "en"}, exitUsage},
		{[]string{"check", doc, "--lang", "en", "--ignore", "number"}, exitUsage},
		{[]string{"check", doc, "x", "--lang", "en"}, exitUsage},
		{[]string{"check", "nosuchdoc", "--lang", "en"}, exitFailure},
		{[]string{"check", doc, "99", "--lang", "en"}, exitFailure},
		{[]string{"check", doc, "--lang", "fr"}, exitFailure},
	}
	for _, tt := range tests {
		code, _, errOut := runPadan(t, vars, append([]string{"--db", db}, tt.args...)...)
		if code != tt.want {
			t.Errorf("padan %v: exit %d, want %d (%s)", tt.args, code, tt.want, errOut)
		}
	}
}

func TestCheckJSONShape(t *testing.T) {
	db := demoDB(t)
	code, out, errOut := runPadan(t, nil, "--db", db, "check", "antara-korea-utara-rusia", "--lang", "en", "--stage", "translator", "--format", "json")
	if code != exitFailure {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"document", "language", "stage", "issues", "summary"} {
		if _, ok := got[k]; !ok {
			t.Errorf("no %q in %s", k, out)
		}
	}
	if len(got) != 5 {
		t.Errorf("%d keys, want 5: %s", len(got), out)
	}
	var issues []map[string]json.RawMessage
	if err := json.Unmarshal(got["issues"], &issues); err != nil || len(issues) == 0 {
		t.Fatalf("issues: %v %s", err, got["issues"])
	}
	for _, is := range issues {
		for _, k := range []string{"segment", "check", "severity", "message", "source_spans", "target_spans"} {
			if _, ok := is[k]; !ok {
				t.Errorf("issue without %q: %v", k, is)
			}
		}
		if len(is) != 6 {
			t.Errorf("issue with %d keys, want 6", len(is))
		}
	}
}

// TestCheckMessagesExist checks that every message the checks can give has
// an English and an Indonesian text.
func TestCheckMessagesExist(t *testing.T) {
	for _, lang := range []string{"en", "id"} {
		u, _ := newUI([]string{"padan", "--ui-lang", lang}, func(string) string { return "" })
		for _, id := range check.MessageIDs {
			if got := u.T(id, map[string]any{"Count": 2}); got == id || got == "" {
				t.Errorf("%s: no %s text", id, lang)
			}
			// checkMessage names the ID in a literal call of its own.
			is := check.Issue{Message: id, Kind: check.Number, Args: map[string]any{"Count": 2}}
			if got := checkMessage(u, is); got == kindLabel(u, check.Number) {
				t.Errorf("%s: checkMessage does not know it", id)
			}
		}
	}
}

func TestTermsExitStatus(t *testing.T) {
	db := filepath.Join(t.TempDir(), "padan.db")
	vars := map[string]string{"PADAN_USER": "tester"}
	tests := []struct {
		args []string
		want int
	}{
		{[]string{"terms", "add", "senjata", "weapon"}, exitOK},
		{[]string{"terms", "add", "senjata", "gun", "--forbidden"}, exitOK},
		{[]string{"terms", "list"}, exitOK},
		{[]string{"terms", "export", "--format", "tbx"}, exitOK},
		{[]string{"terms"}, exitOK},
		{[]string{"terms", "frob"}, exitUsage},
		{[]string{"terms", "add", "senjata"}, exitUsage},
		{[]string{"terms", "add", "a", "b", "--source-lang", "en_US"}, exitUsage},
		{[]string{"terms", "export", "--format", "csv"}, exitUsage},
		{[]string{"terms", "import", "nosuchfile.csv"}, exitFailure},
		{[]string{"terms", "add", " ", "weapon"}, exitFailure},
	}
	for _, tt := range tests {
		code, _, errOut := runPadan(t, vars, append([]string{"--db", db}, tt.args...)...)
		if code != tt.want {
			t.Errorf("padan %v: exit %d, want %d (%s)", tt.args, code, tt.want, errOut)
		}
	}
}
