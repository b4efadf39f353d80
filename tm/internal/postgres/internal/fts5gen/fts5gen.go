// Package fts5gen asks SQLite how the FTS5 tokenizer "unicode61
// remove_diacritics 2" treats every rune, and writes the answer as the Go
// tables that postgres.PhraseSpans cuts and folds text with.
//
// The SQLite is the one modernc.org/sqlite (the version in go.mod) embeds.
// Its tokenizer reads text rune by rune: a rune either begins a token, or
// only continues one that another rune began (the combining marks SQLite
// counts as diacritics), or separates tokens; each rune of a token is
// folded to one rune or to nothing. The tables are found by feeding SQLite
// every rune from U+0000 to U+10FFFF (surrogates excepted) and reading back
// the terms it indexes (the fts5vocab "instance" table), not from Go's
// Unicode tables, which are newer than SQLite's and differ from them.
package fts5gen

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"go/format"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	_ "modernc.org/sqlite" // the SQLite whose tokenizer is probed
)

// Tokenizer is what FTS5's tokenizer does with each rune. A rune in
// neither Start nor Join separates tokens.
type Tokenizer struct {
	// Start holds the runes that begin a token (they also continue one).
	Start []rune
	// Join holds the runes that continue a token but do not begin one.
	Join []rune
	// Removed holds the runes of Start and Join folded to nothing.
	Removed []rune
	// Fold maps the runes of Start and Join folded to another rune.
	Fold map[rune]rune
}

// blockSize is the number of runes probed by one row of the probe table.
const blockSize = 1024

// class is what the tokenizer does with one rune.
type class struct {
	start, join bool
	fold        string // the folded rune, "" if removed
}

// Probe feeds every rune to SQLite's tokenizer and returns what it does
// with each.
//
// It works in two passes. The first inserts one row per 1024 runes, each
// rune r written as the word r+"00"+r: the tokenizer makes one token of it
// whatever r is, and reading the terms back at their token offsets gives
// the fold of each rune that begins and continues tokens and folds to a
// rune, which is nearly all of them; the terms that are exactly r+"00"+r
// (r folds to itself) are left out by the query. The runes the first pass
// cannot tell apart (separators, runes folded to nothing, runes that only
// continue tokens) are probed again, one row each, as r+" 00"+r+"11".
func Probe() (*Tokenizer, error) {
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		return nil, fmt.Errorf("probe fts5: %w", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	classes, again, err := firstPass(db)
	if err != nil {
		return nil, fmt.Errorf("probe fts5: %w", err)
	}
	if err := secondPass(db, again, classes); err != nil {
		return nil, fmt.Errorf("probe fts5: %w", err)
	}
	t := &Tokenizer{Fold: map[rune]rune{}}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if isSurrogate(r) {
			continue
		}
		c, ok := classes[r]
		if !ok {
			c = class{start: true, join: true, fold: string(r)}
		}
		switch {
		case c.start && !c.join:
			return nil, fmt.Errorf("probe fts5: %U begins a token but does not continue one", r)
		case c.start:
			t.Start = append(t.Start, r)
		case c.join:
			t.Join = append(t.Join, r)
		default:
			continue
		}
		switch f, size := utf8.DecodeRuneInString(c.fold); {
		case c.fold == "":
			t.Removed = append(t.Removed, r)
		case size != len(c.fold):
			return nil, fmt.Errorf("probe fts5: %U folds to %q, more than one rune", r, c.fold)
		case f != r:
			t.Fold[r] = f
		}
	}
	return t, nil
}

// isSurrogate reports whether r is a UTF-16 surrogate, which UTF-8 cannot
// hold.
func isSurrogate(r rune) bool { return r >= 0xD800 && r <= 0xDFFF }

// newTable creates the FTS5 table name with padan's tokenizer, and its
// fts5vocab instance table name_v.
func newTable(db *sql.DB, name string) error {
	for _, q := range []string{
		`CREATE VIRTUAL TABLE ` + name + ` USING fts5 (x, tokenize = 'unicode61 remove_diacritics 2', content = '', columnsize = 0)`,
		// No merging of index segments while writing: the table is read
		// once, and merging would take more time than it saves.
		`INSERT INTO ` + name + ` (` + name + `, rank) VALUES ('automerge', 0)`,
		`INSERT INTO ` + name + ` (` + name + `, rank) VALUES ('crisismerge', 1000)`,
		`CREATE VIRTUAL TABLE ` + name + `_v USING fts5vocab (` + name + `, instance)`,
	} {
		if _, err := db.Exec(q); err != nil {
			return err
		}
	}
	return nil
}

// firstPass probes every rune as the word r+"00"+r, blockSize runes a row,
// and returns the class of the runes that fold to another rune, and the
// runes to probe again. The runes in neither begin and continue tokens and
// fold to themselves.
func firstPass(db *sql.DB) (map[rune]class, []rune, error) {
	if err := newTable(db, "p1"); err != nil {
		return nil, nil, err
	}
	tx, err := db.Begin()
	if err != nil {
		return nil, nil, err
	}
	defer tx.Rollback()
	var text strings.Builder
	for block := 0; block*blockSize <= unicode.MaxRune; block++ {
		text.Reset()
		for i := range blockSize {
			r := rune(block*blockSize + i)
			if isSurrogate(r) || r > unicode.MaxRune {
				text.WriteString("00 ") // a placeholder, one token
				continue
			}
			text.WriteRune(r)
			text.WriteString("00")
			text.WriteRune(r)
			text.WriteByte(' ')
		}
		if _, err := tx.Exec(`INSERT INTO p1 (rowid, x) VALUES (?, ?)`, block, text.String()); err != nil {
			return nil, nil, err
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, nil, err
	}
	rows, err := db.Query(`SELECT doc, offset, term FROM p1_v
		WHERE term != char(doc * ?1 + offset) || '00' || char(doc * ?1 + offset)`, blockSize)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	classes := map[rune]class{}
	var again []rune
	seen := map[rune]bool{}
	for rows.Next() {
		var doc, offset int64
		var term string
		if err := rows.Scan(&doc, &offset, &term); err != nil {
			return nil, nil, err
		}
		// Each word is one token, whatever its rune: "00" begins a token
		// and the rune before it either begins that token or separates,
		// the rune after it continues the token or ends it. Were a word
		// two tokens, the words after it would move one offset on, so
		// that none would fold to itself at its offset and the last word
		// of the row would come back at offset blockSize.
		if offset < 0 || offset >= blockSize {
			return nil, nil, fmt.Errorf("row %d: term %q at offset %d, past the %d words of the row", doc, term, offset, blockSize)
		}
		r := rune(doc*blockSize + offset)
		if seen[r] {
			return nil, nil, fmt.Errorf("%U: more than one token", r)
		}
		seen[r] = true
		if isSurrogate(r) || r > unicode.MaxRune {
			continue
		}
		if f, ok := twin(term); ok {
			classes[r] = class{start: true, join: true, fold: f}
			continue
		}
		again = append(again, r)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	return classes, again, nil
}

// twin returns f if term is f+"00"+f with f not empty.
func twin(term string) (string, bool) {
	n := (len(term) - 2) / 2
	if n < 1 || len(term) != 2*n+2 || term[n:n+2] != "00" || term[:n] != term[n+2:] {
		return "", false
	}
	return term[:n], true
}

// secondPass probes each rune r of runes as r+" 00"+r+"11", one row each,
// and stores its class in classes. The tokens, by offset, are:
//
//	r begins and continues tokens:  fold(r), "00"+fold(r)+"11"
//	r only continues tokens:        "00"+fold(r)+"11"
//	r only begins tokens:           fold(r), "00", "11"
//	r separates tokens:             "00", "11"
//
// where a token folded to nothing may be missing (its offset is still
// taken).
func secondPass(db *sql.DB, runes []rune, classes map[rune]class) error {
	if err := newTable(db, "p2"); err != nil {
		return err
	}
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, r := range runes {
		if _, err := tx.Exec(`INSERT INTO p2 (rowid, x) VALUES (?, ?)`, r, fmt.Sprintf("%c 00%c11", r, r)); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	rows, err := db.Query(`SELECT doc, offset, term FROM p2_v`)
	if err != nil {
		return err
	}
	defer rows.Close()
	tokens := map[rune]map[int]string{}
	for rows.Next() {
		var doc, offset int64
		var term string
		if err := rows.Scan(&doc, &offset, &term); err != nil {
			return err
		}
		r := rune(doc)
		if tokens[r] == nil {
			tokens[r] = map[int]string{}
		}
		tokens[r][int(offset)] = term
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, r := range runes {
		c, err := classify(tokens[r])
		if err != nil {
			return fmt.Errorf("%U: %w", r, err)
		}
		classes[r] = c
	}
	return nil
}

// errTokens: the tokens of a second-pass probe fit none of the expected
// patterns.
var errTokens = errors.New("unexpected tokens")

// classify returns the class of a rune from the tokens, by offset, of its
// second-pass probe (see secondPass).
func classify(tokens map[int]string) (class, error) {
	last := -1
	for off := range tokens {
		last = max(last, off)
	}
	switch {
	case last == 1 && tokens[1] == "11" && tokens[0] == "00":
		return class{}, nil
	case last == 2 && tokens[1] == "00" && tokens[2] == "11":
		return class{start: true, fold: tokens[0]}, nil
	case last == 0 || last == 1:
		m, ok := tokens[last]
		if !ok || len(m) < 4 || !strings.HasPrefix(m, "00") || !strings.HasSuffix(m, "11") {
			break
		}
		f := m[2 : len(m)-2]
		if last == 0 {
			return class{join: true, fold: f}, nil
		}
		if tokens[0] != f {
			break
		}
		return class{start: true, join: true, fold: f}, nil
	}
	return class{}, fmt.Errorf("%w %v", errTokens, tokens)
}

// Source returns the gofmt'd source of a Go file of package pkg that holds
// the tables of t: fts5Start, fts5Join and fts5Removed as
// [unicode.RangeTable]s, and fts5Fold, a slice of fts5FoldRange (a type the
// package declares, with fields Lo, Hi and Delta) sorted by Lo, in which
// each rune r from Lo to Hi folds to r+Delta.
func (t *Tokenizer) Source(pkg string) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, `// Code generated by "go run spans_gen.go"; DO NOT EDIT.

// The tables of SQLite's FTS5 tokenizer "unicode61 remove_diacritics 2", as
// the SQLite in modernc.org/sqlite has it; see PhraseSpans.

package %s

import "unicode"

`, pkg)
	writeTable(&b, "fts5Start", "holds the runes that begin a token (and continue one)", t.Start)
	writeTable(&b, "fts5Join", "holds the runes that continue a token but do not begin one", t.Join)
	writeTable(&b, "fts5Removed", "holds the token runes folded to nothing", t.Removed)
	from := make([]rune, 0, len(t.Fold))
	for r := range t.Fold {
		from = append(from, r)
	}
	sort.Slice(from, func(i, j int) bool { return from[i] < from[j] })
	fmt.Fprintf(&b, "// fts5Fold maps the token runes folded to another rune (%d runes):\n", len(from))
	b.WriteString("// each rune r from Lo to Hi folds to r+Delta.\nvar fts5Fold = []fts5FoldRange{\n")
	for i := 0; i < len(from); {
		lo, delta := from[i], t.Fold[from[i]]-from[i]
		j := i + 1
		for j < len(from) && from[j] == from[j-1]+1 && t.Fold[from[j]]-from[j] == delta {
			j++
		}
		fmt.Fprintf(&b, "\t{%#04x, %#04x, %d},\n", lo, from[j-1], delta)
		i = j
	}
	b.WriteString("}\n")
	return format.Source(b.Bytes())
}

// writeTable writes the declaration of a [unicode.RangeTable] named name
// that holds runes (sorted), with a doc comment saying what it holds.
func writeTable(b *bytes.Buffer, name, holds string, runes []rune) {
	type rng struct{ lo, hi, stride rune }
	var ranges []rng
	for _, r := range runes {
		if n := len(ranges); n > 0 {
			last := &ranges[n-1]
			sameHalf := (last.lo <= 0xFFFF) == (r <= 0xFFFF)
			switch {
			case sameHalf && last.lo == last.hi:
				last.hi, last.stride = r, r-last.lo
				continue
			case sameHalf && r == last.hi+last.stride:
				last.hi = r
				continue
			}
		}
		ranges = append(ranges, rng{r, r, 1})
	}
	fmt.Fprintf(b, "// %s %s (%d runes).\nvar %s = &unicode.RangeTable{\n", name, holds, len(runes), name)
	latin := 0
	for i, half := range []string{"R16", "R32"} {
		var in []rng
		for _, r := range ranges {
			if (r.lo > 0xFFFF) == (i == 1) {
				in = append(in, r)
			}
		}
		if len(in) == 0 {
			continue
		}
		fmt.Fprintf(b, "\t%s: []unicode.Range%s{\n", half, half[1:])
		for _, r := range in {
			fmt.Fprintf(b, "\t\t{%#04x, %#04x, %d},\n", r.lo, r.hi, r.stride)
			if r.hi <= unicode.MaxLatin1 {
				latin++
			}
		}
		b.WriteString("\t},\n")
	}
	if latin > 0 {
		fmt.Fprintf(b, "\tLatinOffset: %d,\n", latin)
	}
	b.WriteString("}\n\n")
}
