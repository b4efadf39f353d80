package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// messageCall finds message IDs passed to the ui's message functions.
// usageFor's first argument is a command path, its second the ID.
var messageCall = regexp.MustCompile(`\.(?:T|Usage|Fail|usageFor\([^,()]+,)\s*\(?"([A-Za-z0-9]+)"`)

// TestMessagesExist fails when the code asks for a message ID that is missing
// in English or Indonesian.
func TestMessagesExist(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	seen := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range messageCall.FindAllStringSubmatch(string(src), -1) {
			seen++
			for _, lang := range []string{"en", "id"} {
				loc := i18n.NewLocalizer(bundle, lang)
				_, tag, err := loc.LocalizeWithTag(&i18n.LocalizeConfig{MessageID: m[1], PluralCount: 2})
				if err != nil || tag.String() != lang {
					t.Errorf("%s: message %s has no %s text (%v)", f, m[1], lang, err)
				}
			}
		}
	}
	if seen < 10 {
		t.Fatalf("found only %d message calls: the pattern is broken", seen)
	}
}
