package postgres

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// PhraseSpans returns the byte ranges of text that hold the phrase made of
// words, as [start, end) pairs, the way SQLite's FTS5 (tokenizer
// "unicode61 remove_diacritics 2") highlights a phrase query of the same
// words: text and each word are cut into tokens (runs of letters, numbers,
// private-use characters and combining marks), folded (lower case, final
// sigma as sigma, diacritics of Latin letters and combining marks removed);
// a span runs from the first byte of the phrase's first token to the last
// byte of its last, and occurrences that overlap or touch (share a token)
// make one span.
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

// ftsTokens cuts s into tokens as FTS5's unicode61 tokenizer does.
func ftsTokens(s string) []ftsToken {
	var out []ftsToken
	var key []rune
	start := -1
	for i, r := range s {
		if isTokenRune(r) {
			if start < 0 {
				start = i
				key = key[:0]
			}
			key = appendFolded(key, r)
			continue
		}
		if start >= 0 {
			out = append(out, ftsToken{start, i, string(key)})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, ftsToken{start, len(s), string(key)})
	}
	return out
}

// isTokenRune reports whether r belongs to a token: letters, numbers,
// private-use characters (padan's inline codes) and non-spacing marks.
func isTokenRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Co, r) || unicode.Is(unicode.Mn, r)
}

// appendFolded appends the folded form of r to key: nothing for a
// combining mark, the base letter of a Latin letter with diacritics, lower
// case.
func appendFolded(key []rune, r rune) []rune {
	if unicode.Is(unicode.Mn, r) {
		return key
	}
	if r >= 0x80 && unicode.Is(unicode.Latin, r) {
		var buf [utf8.UTFMax]byte
		n := utf8.EncodeRune(buf[:], r)
		d := norm.NFD.Bytes(buf[:n])
		if base, size := utf8.DecodeRune(d); size < len(d) && unicode.Is(unicode.Latin, base) {
			r = base
		}
	}
	r = unicode.ToLower(r)
	if r == 'ς' {
		r = 'σ'
	}
	return append(key, r)
}
