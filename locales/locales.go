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
func NewBundle() (*i18n.Bundle, error) {
	b := i18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	names, err := fs.Glob(files, "*.toml")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		if _, err := b.LoadMessageFileFS(files, name); err != nil {
			return nil, fmt.Errorf("load messages %s: %w", name, err)
		}
	}
	return b, nil
}
