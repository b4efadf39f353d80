package fuzzy

import (
	"strings"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Kind is the kind of a token, as a tokenizer reports it.
type Kind int

// The kinds of token the score distinguishes.
const (
	Word      Kind = iota // a run of letters and digits that is not a number
	Number                // a number, such as 2024 or 3,5
	Punct                 // punctuation and symbols
	Space                 // white space
	Code                  // a private-use placeholder standing for an inline code
	Ideograph             // one character of a script written without spaces
)

// String returns the kind's name in lower case.
func (k Kind) String() string {
	switch k {
	case Word:
		return "word"
	case Number:
		return "number"
	case Punct:
		return "punct"
	case Space:
		return "space"
	case Code:
		return "code"
	case Ideograph:
		return "ideograph"
	}
	return "unknown"
}

// Token is one token of a text: its kind and its text as written.
type Token struct {
	Kind Kind
	Text string
}

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
	Tokens []Token
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
func Key(t Token) string {
	switch t.Kind {
	case Number:
		return NumberKey
	case Code:
		return CodeKey
	case Word, Ideograph:
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
func scoring(t Token) bool {
	return t.Kind != Space && t.Text != "" && !(t.Kind == Word && strings.TrimSpace(t.Text) == "")
}

// Keys returns the keys of a tokenized text: what [Analyze] gives as
// Analysis.Keys, without the rest of the analysis (for indexing).
func Keys(tokens []Token) []string {
	keys := make([]string, 0, len(tokens)/2+1)
	for i := 0; i < len(tokens); {
		if end, ok := numberAt(tokens, i); ok {
			keys = append(keys, NumberKey)
			i = end
			continue
		}
		t := tokens[i]
		i++
		if scoring(t) && t.Kind != Punct {
			keys = append(keys, Key(t))
		}
	}
	return keys
}

// Analyze prepares a tokenized text for scoring. Space tokens are dropped;
// punctuation is kept only for the punctuation penalty; a number with its
// currency or unit affixes becomes one [Number] token (see the package
// documentation).
func Analyze(tokens []Token) Analysis {
	var a Analysis
	for i := 0; i < len(tokens); {
		t := tokens[i]
		if end, ok := numberAt(tokens, i); ok {
			t = Token{Kind: Number, Text: numberText(tokens[i:end])}
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
		case Punct:
			a.punct = append(a.punct, nfc)
			continue
		case Number:
			a.numbers = append(a.numbers, nfc)
		case Code:
			a.codes = append(a.codes, nfc)
		}
		a.Keys = append(a.Keys, Key(t))
		a.written = append(a.written, nfc)
	}
	return a
}
