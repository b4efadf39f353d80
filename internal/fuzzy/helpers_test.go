package fuzzy

import (
	"unicode"

	"github.com/padan-tm/padan/worddiff"
)

// tokenize is a small tokenizer for the tests of this package, which must
// not depend on padan's real one: runs of letters are words, runs of digits
// (with inner '.' or ',') numbers, private-use characters codes, Han
// characters ideographs, white space spaces, anything else punctuation.
func tokenize(s string) []worddiff.Token {
	var out []worddiff.Token
	rs := []rune(s)
	for i := 0; i < len(rs); {
		r := rs[i]
		j := i + 1
		var k worddiff.TokenKind
		switch {
		case unicode.Is(unicode.Co, r):
			k = worddiff.Code
		case unicode.Is(unicode.Han, r):
			k = worddiff.Ideograph
		case unicode.IsSpace(r):
			k = worddiff.Space
			for j < len(rs) && unicode.IsSpace(rs[j]) {
				j++
			}
		case unicode.IsDigit(r):
			k = worddiff.Number
			for j < len(rs) && (unicode.IsDigit(rs[j]) || (rs[j] == '.' || rs[j] == ',') && j+1 < len(rs) && unicode.IsDigit(rs[j+1])) {
				j++
			}
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			k = worddiff.Word
			for j < len(rs) && (unicode.IsLetter(rs[j]) || unicode.Is(unicode.Mn, rs[j]) || unicode.IsDigit(rs[j])) && !unicode.Is(unicode.Han, rs[j]) {
				j++
			}
		default:
			k = worddiff.Punct
		}
		out = append(out, worddiff.Token{Kind: k, Text: string(rs[i:j])})
		i = j
	}
	return out
}

func analyze(s string) Analysis { return Analyze(tokenize(s)) }
