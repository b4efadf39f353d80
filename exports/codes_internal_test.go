package exports

import (
	"testing"
	"unicode/utf8"
)

// TestHasCodeRune checks the byte pre-filter against CodeIndex for every
// rune, alone and between other text, and for texts with several runes
// whose first bytes are 0xEE or 0xEF but are not code runes.
func TestHasCodeRune(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		_, want := CodeIndex(r)
		for _, s := range []string{string(r), "ab " + string(r) + " \ufeff"} {
			if got := hasCodeRune(s); got != want {
				t.Fatalf("hasCodeRune(%+q) = %v, want %v", s, got, want)
			}
		}
	}
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"", false},
		{"plain ASCII", false},
		{"\ufeff\uf900\uff01", false},
		{"\ufeff\uf900\uff01\uf8ff", true},
		{"\ufeff x \ue000", true},
		{"\xee\xef", false},
	} {
		if got := hasCodeRune(tt.s); got != tt.want {
			t.Errorf("hasCodeRune(%+q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}
