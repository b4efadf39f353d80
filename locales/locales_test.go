package locales

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// TestEveryMessageInBothLanguages fails when a message ID exists in one
// language's files but not in the other's, or has an empty text.
func TestEveryMessageInBothLanguages(t *testing.T) {
	ids := map[string]map[string]bool{"en": {}, "id": {}}
	names, err := fs.Glob(files, "*.toml")
	if err != nil || len(names) == 0 {
		t.Fatalf("no message files: %v", err)
	}
	for _, name := range names {
		parts := strings.Split(name, ".")
		if len(parts) != 3 || ids[parts[1]] == nil {
			t.Errorf("%s: name must be AREA.en.toml or AREA.id.toml", name)
			continue
		}
		data, _ := fs.ReadFile(files, name)
		var msgs map[string]map[string]string
		if err := toml.Unmarshal(data, &msgs); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		for id, m := range msgs {
			if strings.TrimSpace(m["other"]) == "" {
				t.Errorf("%s: %s has no text (other)", name, id)
			}
			if ids[parts[1]][id] {
				t.Errorf("%s: %s defined twice", name, id)
			}
			ids[parts[1]][id] = true
		}
	}
	for id := range ids["en"] {
		if !ids["id"][id] {
			t.Errorf("%s has no Indonesian translation", id)
		}
	}
	for id := range ids["id"] {
		if !ids["en"][id] {
			t.Errorf("%s is Indonesian only: English is the source language", id)
		}
	}
	if _, err := NewBundle(); err != nil {
		t.Fatal(err)
	}
}
