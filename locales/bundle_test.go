package locales

import (
	"io/fs"
	"slices"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// TestNewBundleFor checks that the bundle of one interface language holds
// English and that language only, and shows every message as the bundle
// of all languages does.
func TestNewBundleFor(t *testing.T) {
	full, err := NewBundle()
	if err != nil {
		t.Fatal(err)
	}
	ids := messageIDs(t)
	for _, tc := range []struct {
		tag  language.Tag
		want []language.Tag
	}{
		{language.English, []language.Tag{language.English}},
		{language.AmericanEnglish, []language.Tag{language.English}},
		{language.Indonesian, []language.Tag{language.English, language.Indonesian}},
		{language.MustParse("id-ID"), []language.Tag{language.English, language.Indonesian}},
		{language.French, []language.Tag{language.English}},
	} {
		t.Run(tc.tag.String(), func(t *testing.T) {
			b, err := NewBundleFor(tc.tag)
			if err != nil {
				t.Fatal(err)
			}
			if got := b.LanguageTags(); !slices.Equal(got, tc.want) {
				t.Fatalf("languages %v, want %v", got, tc.want)
			}
			want, got := i18n.NewLocalizer(full, tc.tag.String()), i18n.NewLocalizer(b, tc.tag.String())
			for _, id := range ids {
				cfg := &i18n.LocalizeConfig{MessageID: id, PluralCount: 2}
				w, wtag, werr := want.LocalizeWithTag(cfg)
				g, gtag, gerr := got.LocalizeWithTag(cfg)
				if w != g || wtag != gtag || (werr == nil) != (gerr == nil) {
					t.Errorf("%s: %q (%v, %v), want %q (%v, %v)", id, g, gtag, gerr, w, wtag, werr)
				}
			}
		})
	}
}

// messageIDs returns the IDs of the English message files.
func messageIDs(t *testing.T) []string {
	t.Helper()
	names, err := fs.Glob(files, "*.en.toml")
	if err != nil || len(names) == 0 {
		t.Fatalf("no English message files: %v", err)
	}
	var ids []string
	for _, name := range names {
		data, _ := fs.ReadFile(files, name)
		var msgs map[string]any
		if err := toml.Unmarshal(data, &msgs); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for id := range msgs {
			ids = append(ids, id)
		}
	}
	if len(ids) < 100 {
		t.Fatalf("only %d message IDs: the reading is broken", len(ids))
	}
	slices.Sort(ids)
	return ids
}

// TestNewBundleForNamesLanguages checks that every language padan ships
// but English has message files of its own, which NewBundleFor loads by
// the language's base name.
func TestNewBundleForNamesLanguages(t *testing.T) {
	for _, l := range Languages[1:] {
		base, _ := l.Base()
		names, _ := fs.Glob(files, "*."+base.String()+".toml")
		if len(names) == 0 {
			t.Errorf("%v: no message files named *.%s.toml", l, base)
		}
	}
}
