//go:build ignore

// spans_gen writes fts5_tables.go, the tables PhraseSpans cuts and folds
// text with, from what the SQLite of modernc.org/sqlite (the version in
// go.mod) does with every rune. Run it with go generate after changing
// that version; TestFTS5Tables fails until then if the tokenizer changed.
package main

import (
	"fmt"
	"os"

	"github.com/padan-tm/padan/tm/internal/postgres/internal/fts5gen"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "spans_gen:", err)
		os.Exit(1)
	}
}

func run() error {
	t, err := fts5gen.Probe()
	if err != nil {
		return err
	}
	src, err := t.Source("postgres")
	if err != nil {
		return err
	}
	return os.WriteFile("fts5_tables.go", src, 0o666)
}
