package check

import (
	"strings"
	"unicode"

	"github.com/padan-tm/padan/terms"
	"github.com/padan-tm/padan/worddiff"
)

// word is a word of a text as the name and number checks see it.
type word struct {
	text       string // as written, without a possessive or trailing apostrophe
	key        string // folded (see terms.Fold)
	start, end int
	// initial is set for the first word of a sentence or quotation, whose
	// capital says nothing.
	initial bool
}

// splitWords returns the words (and numbers) of s. Hyphenated words are
// split at the hyphen (Korea Utara-Rusia).
func splitWords(s string) []word {
	var out []word
	initial := true
	for _, t := range worddiff.Tokenize(s) {
		switch t.Kind {
		case worddiff.Space:
			continue
		case worddiff.Punct:
			switch t.Text {
			case ".", "!", "?", ":", "\"", "“", "‘", "'", "(", "[", "«", "„", "—", "–", "…":
				initial = true
			}
			continue
		case worddiff.Code:
			continue
		}
		text := t.Text
		end := t.End
		for _, suf := range []string{"'s", "’s", "'", "’"} {
			if len(text) > len(suf) && strings.HasSuffix(text, suf) {
				text = text[:len(text)-len(suf)]
				end -= len(suf)
				break
			}
		}
		out = append(out, word{text: text, key: terms.Fold(text), start: t.Start, end: end, initial: initial})
		initial = false
	}
	return out
}

func hasLetter(w string) bool { return strings.IndexFunc(w, unicode.IsLetter) >= 0 }

func isLower(w string) bool {
	has := false
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsLower(r) {
				return false
			}
			has = true
		}
	}
	return has
}
