package locales

import (
	"io/fs"
	"regexp"
	"sort"
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

// placeholder finds the template fields a message uses ({{.Name}}).
var placeholder = regexp.MustCompile(`\{\{[^}]*?\.([A-Za-z]+)[^}]*\}\}`)

// TestPlaceholdersInBothLanguages fails when the Indonesian text of a
// message does not use the same template fields as the English one, so that
// a translation cannot drop a file name or a count.
func TestPlaceholdersInBothLanguages(t *testing.T) {
	fields := map[string]map[string]string{"en": {}, "id": {}}
	names, _ := fs.Glob(files, "*.toml")
	for _, name := range names {
		lang := strings.Split(name, ".")[1]
		data, _ := fs.ReadFile(files, name)
		var msgs map[string]map[string]string
		if err := toml.Unmarshal(data, &msgs); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for id, m := range msgs {
			set := map[string]bool{}
			for _, form := range m {
				for _, f := range placeholder.FindAllStringSubmatch(form, -1) {
					set[f[1]] = true
				}
			}
			var list []string
			for f := range set {
				list = append(list, f)
			}
			sort.Strings(list)
			fields[lang][id] = strings.Join(list, " ")
		}
	}
	for id, en := range fields["en"] {
		if ind, ok := fields["id"][id]; ok && ind != en {
			t.Errorf("%s: English uses {%s}, Indonesian {%s}", id, en, ind)
		}
	}
}
