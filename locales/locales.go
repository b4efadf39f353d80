// Package locales holds the messages of padan's interface in English and
// Indonesian, as go-i18n message files embedded in the binary.
//
// Each area of the interface has its own pair of files, AREA.en.toml and
// AREA.id.toml, so that the two languages are kept side by side. English is
// the source language; every message ID must exist in both.
package locales

import (
	"embed"
	"fmt"
	"io/fs"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

//go:embed *.toml
var files embed.FS

// Languages are the interface languages padan ships, English first (the
// fallback).
var Languages = []language.Tag{language.English, language.Indonesian}

// Files returns the embedded message files.
func Files() fs.FS { return files }

// NewBundle returns a bundle holding every embedded message file, with
// English as the default language.
func NewBundle() (*i18n.Bundle, error) { return newBundle("*.toml") }

// NewBundleFor returns a bundle holding the message files of English (the
// default language, which every message has) and of tag's language, the
// ones a program showing messages in tag reads: parsing the files of a
// language costs a short-lived command a noticeable share of its time.
// A tag of no language padan ships gives English alone.
func NewBundleFor(tag language.Tag) (*i18n.Bundle, error) {
	b, err := newBundle("*.en.toml")
	if err != nil {
		return nil, err
	}
	base, _ := tag.Base()
	if base.String() == "en" {
		return b, nil
	}
	for _, l := range Languages[1:] {
		if lb, _ := l.Base(); lb == base {
			return b, load(b, "*."+base.String()+".toml")
		}
	}
	return b, nil
}

// newBundle returns a bundle, English by default, holding the message
// files whose names match pattern.
func newBundle(pattern string) (*i18n.Bundle, error) {
	b := i18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	return b, load(b, pattern)
}

// load adds the message files whose names match pattern to b.
func load(b *i18n.Bundle, pattern string) error {
	names, err := fs.Glob(files, pattern)
	if err != nil {
		return err
	}
	if len(names) == 0 {
		return fmt.Errorf("load messages: no file matches %s", pattern)
	}
	for _, name := range names {
		if _, err := b.LoadMessageFileFS(files, name); err != nil {
			return fmt.Errorf("load messages %s: %w", name, err)
		}
	}
	return nil
}
