package worddiff

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// tokenizeUniseg is Tokenize without its fast path: the whole text
// segmented by uniseg.
func tokenizeUniseg(s string) []Token {
	return mergeSpaces(appendUniseg(nil, s, 0))
}

// wbAlphabet has an ASCII character of every word-break property, with
// tab and a symbol for "other".
const wbAlphabet = "aZ09.:,;'\"_ \t\r\n\v-"

// TestTokenizeASCIIExhaustive compares Tokenize with uniseg on every text
// of up to four characters drawn from wbAlphabet.
func TestTokenizeASCIIExhaustive(t *testing.T) {
	var buf []byte
	var walk func(depth int)
	walk = func(depth int) {
		s := string(buf)
		if got, want := Tokenize(s), tokenizeUniseg(s); !slices.Equal(got, want) {
			t.Fatalf("Tokenize(%q) = %v, uniseg gives %v", s, got, want)
		}
		if depth == 0 {
			return
		}
		for i := 0; i < len(wbAlphabet); i++ {
			buf = append(buf, wbAlphabet[i])
			walk(depth - 1)
			buf = buf[:len(buf)-1]
		}
	}
	walk(4)
}

// mixedAlphabet adds characters outside ASCII that interact with the word
// rules (quotes, combining marks, joiners, ideographs, codes, emoji, no-break
// space, Hebrew, Katakana, regional indicators) and a stray byte.
var mixedAlphabet = []string{
	"a", "Z", "0", "9", ".", ":", ",", ";", "'", "\"", "_", " ", " ", "\t", "\r", "\n", "\v", "-", "(",
	"’", "“", "é", "\u0301", "\u200d", "\u200b", "\u00a0", "\u2060", "北", "カ", "א", "\uE000",
	"😀", "🇮", "🇩", "\xff",
}

// TestTokenizeMatchesUniseg compares Tokenize with uniseg on random texts,
// ASCII only and mixed.
func TestTokenizeMatchesUniseg(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		n := 1 + r.IntN(24)
		var b []byte
		ascii := r.IntN(2) == 0
		for range n {
			if ascii {
				b = append(b, wbAlphabet[r.IntN(len(wbAlphabet))])
			} else {
				b = append(b, mixedAlphabet[r.IntN(len(mixedAlphabet))]...)
			}
		}
		s := string(b)
		if got, want := Tokenize(s), tokenizeUniseg(s); !slices.Equal(got, want) {
			t.Fatalf("Tokenize(%q) = %v, uniseg gives %v", s, got, want)
		}
	}
}

// FuzzTokenizeMatchesUniseg checks the fast path against uniseg on any
// input.
func FuzzTokenizeMatchesUniseg(f *testing.F) {
	for _, s := range []string{"don't", "1.000,5", "a.b c", "x  \r\n y", "“Halo,” katanya.", "a_1 _b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Tokenize(s), tokenizeUniseg(s); !slices.Equal(got, want) {
			t.Fatalf("Tokenize(%q) = %v, uniseg gives %v", s, got, want)
		}
	})
}
