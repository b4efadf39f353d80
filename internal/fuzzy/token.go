package fuzzy

import (
	"strings"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"github.com/padan-tm/padan/worddiff"
)

// Class keys: the keys of every number and of every inline code. They
// contain '#', which no word key can contain.
const (
	NumberKey = "#n"
	CodeKey   = "#c"
)

// Analysis is a text prepared for scoring: the keys of its scoring tokens
// and what the penalties compare.
type Analysis struct {
	// Keys are the keys of the words, numbers, codes and ideographs, in
	// order (see the package documentation).
	Keys []string
	// Tokens are the non-space tokens as written, in order.
	Tokens []worddiff.Token
	// written holds the NFC text of each key's token before case folding
	// (for the case penalty); punct, numbers and codes the NFC text of
	// those tokens (for their penalties).
	written []string
	punct   []string
	numbers []string
	codes   []string
}

var folder = cases.Fold()

// Key returns the key of one token: NFC, case-folded text for words and
// ideographs, the class key for numbers and codes, and "" for spaces and
// punctuation, which do not take part in the base score.
func Key(t worddiff.Token) string {
	switch t.Kind {
	case worddiff.Number:
		return NumberKey
	case worddiff.Code:
		return CodeKey
	case worddiff.Word, worddiff.Ideograph:
		return foldNFC(t.Text)
	}
	return ""
}

// foldNFC returns s in NFC, case-folded. ASCII text, the common case, is
// already NFC and folds by mapping A–Z to a–z alone (CaseFolding.txt), so
// it does not go through x/text.
func foldNFC(s string) string {
	upper := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return folder.String(norm.NFC.String(s))
		}
		upper = upper || 'A' <= c && c <= 'Z'
	}
	if !upper {
		return s
	}
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// scoring reports whether a token takes part in the analysis: spaces and
// empty or blank tokens do not.
func scoring(t worddiff.Token) bool {
	return t.Kind != worddiff.Space && t.Text != "" && !(t.Kind == worddiff.Word && strings.TrimSpace(t.Text) == "")
}

// Keys returns the keys of a tokenized text: what [Analyze] gives as
// Analysis.Keys, without the rest of the analysis (for indexing).
func Keys(tokens []worddiff.Token) []string {
	keys := make([]string, 0, len(tokens)/2+1)
	for i := 0; i < len(tokens); {
		if end, ok := numberAt(tokens, i); ok {
			keys = append(keys, NumberKey)
			i = end
			continue
		}
		t := tokens[i]
		i++
		if scoring(t) && t.Kind != worddiff.Punct {
			keys = append(keys, Key(t))
		}
	}
	return keys
}

// Analyze prepares a tokenized text for scoring. Space tokens are dropped;
// punctuation is kept only for the punctuation penalty; a number with its
// currency or unit affixes becomes one [worddiff.Number] token (see the
// package documentation).
func Analyze(tokens []worddiff.Token) Analysis {
	var a Analysis
	for i := 0; i < len(tokens); {
		t := tokens[i]
		if end, ok := numberAt(tokens, i); ok {
			t = worddiff.Token{Kind: worddiff.Number, Text: numberText(tokens[i:end])}
			i = end
		} else {
			i++
		}
		if !scoring(t) {
			continue
		}
		a.Tokens = append(a.Tokens, t)
		nfc := norm.NFC.String(t.Text)
		switch t.Kind {
		case worddiff.Punct:
			a.punct = append(a.punct, nfc)
			continue
		case worddiff.Number:
			a.numbers = append(a.numbers, nfc)
		case worddiff.Code:
			a.codes = append(a.codes, nfc)
		}
		a.Keys = append(a.Keys, Key(t))
		a.written = append(a.written, nfc)
	}
	return a
}
