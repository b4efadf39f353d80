package postgres

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

//go:generate go run spans_gen.go

// PhraseSpans returns the byte ranges of text that hold the phrase made of
// words, as [start, end) pairs, the way SQLite's FTS5 (tokenizer
// "unicode61 remove_diacritics 2") highlights a phrase query of the same
// words: text and each word are cut into tokens and the tokens folded
// (lower case, diacritics removed) as that tokenizer does; a span runs
// from the first byte of the phrase's first token to the last byte of its
// last, and occurrences that overlap or touch (share a token) make one
// span. text and words are UTF-8.
//
// The tokenizer's notion of a letter and its folding come from the
// Unicode tables of the SQLite that modernc.org/sqlite embeds, which are
// older than Go's and differ from them: the tables in fts5_tables.go were
// read from that SQLite itself (see spans_gen.go), rune by rune.
//
// PostgreSQL's ts_headline cuts and folds words its own way; computing
// the spans here keeps the highlighting of both backends the same.
func PhraseSpans(text string, words []string) [][2]int {
	var phrase []string
	for _, w := range words {
		for _, t := range ftsTokens(w) {
			phrase = append(phrase, t.key)
		}
	}
	if len(phrase) == 0 {
		return nil
	}
	toks := ftsTokens(text)
	var spans [][2]int
	lastTok := -1 // the last token of the current span
	for i := 0; i+len(phrase) <= len(toks); i++ {
		match := true
		for j, k := range phrase {
			if toks[i+j].key != k {
				match = false
				break
			}
		}
		if !match {
			continue
		}
		end := i + len(phrase) - 1
		if len(spans) > 0 && i <= lastTok {
			spans[len(spans)-1][1] = toks[end].end
		} else {
			spans = append(spans, [2]int{toks[i].start, toks[end].end})
		}
		lastTok = end
	}
	return spans
}

// ftsToken is a token of a text: its byte range and folded key.
type ftsToken struct {
	start, end int
	key        string
}

// ftsMaxKey is the longest key FTS5 indexes or searches, in bytes
// (FTS5_MAX_TOKEN_SIZE): it cuts longer ones there, even inside a
// character.
const ftsMaxKey = 32768

// ftsTokens cuts s into tokens as FTS5's unicode61 tokenizer does: a token
// begins with a rune of fts5Start and goes on over the runes of fts5Start
// and fts5Join; any other rune separates tokens.
func ftsTokens(s string) []ftsToken {
	var out []ftsToken
	var key []byte
	start := -1
	for i, r := range s {
		if start >= 0 {
			if unicode.Is(fts5Start, r) || unicode.Is(fts5Join, r) {
				key = appendFolded(key, r)
				continue
			}
			out = append(out, ftsToken{start, i, ftsKey(key)})
			start = -1
			continue // the rune that ends a token is a separator
		}
		if unicode.Is(fts5Start, r) {
			start = i
			key = appendFolded(key[:0], r)
		}
	}
	if start >= 0 {
		out = append(out, ftsToken{start, len(s), ftsKey(key)})
	}
	return out
}

// ftsKey returns the key of a token folded to key, cut to ftsMaxKey bytes.
func ftsKey(key []byte) string {
	return string(key[:min(len(key), ftsMaxKey)])
}

// fts5FoldRange is a run of runes, Lo to Hi, each of which FTS5 folds to
// itself plus Delta.
type fts5FoldRange struct {
	Lo, Hi, Delta rune
}

// appendFolded appends the folded form of the token rune r to key: nothing
// for a rune of fts5Removed, r+Delta for a rune of fts5Fold, else r.
func appendFolded(key []byte, r rune) []byte {
	if unicode.Is(fts5Removed, r) {
		return key
	}
	if i, ok := slices.BinarySearchFunc(fts5Fold, r, func(f fts5FoldRange, r rune) int {
		switch {
		case f.Hi < r:
			return -1
		case f.Lo > r:
			return 1
		}
		return 0
	}); ok {
		r += fts5Fold[i].Delta
	}
	return utf8.AppendRune(key, r)
}
