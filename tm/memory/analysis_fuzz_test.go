package memory

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/padan-tm/padan/internal/fuzzy"
	"github.com/padan-tm/padan/worddiff"
)

// FuzzAnalyzeAmounts checks the analysis of amounts on padan's real tokens:
// the keys that the index stores are the keys a lookup scores, joining
// affixes to numbers only ever merges keys (never adds one), every number
// is written in the text as it is compared (spaces aside), and a text scores
// 100 against itself.
func FuzzAnalyzeAmounts(f *testing.F) {
	for _, s := range []string{
		"Harga naik menjadi Rp400.000 per orang.", "Rp 400.000", "Rp. 350.000,-", "US$ 25 juta", "$3.5bn",
		"5 % dan 10km", "IDR400.000 atau 100 USD", "Rp\n400", "A380 dan G20", "€ 4", "400 €", "rp5jt",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		a := analyze(s)
		if k := analyzeKeys(s); !slices.Equal(k, a.Keys) {
			t.Fatalf("keys %q, analysis %q", k, a.Keys)
		}
		tokens := 0
		for _, tk := range worddiff.Tokenize(s) {
			if tk.Kind != worddiff.Space && tk.Kind != worddiff.Punct {
				tokens++
			}
		}
		if len(a.Keys) > tokens {
			t.Fatalf("%d keys from %d word and number tokens", len(a.Keys), tokens)
		}
		squeezed := strings.Join(strings.Fields(s), " ")
		for _, tk := range a.Tokens {
			if tk.Kind == worddiff.Number && !strings.Contains(squeezed, strings.Join(strings.Fields(tk.Text), " ")) {
				t.Fatalf("number %q is not in %q", tk.Text, s)
			}
		}
		if r := fuzzy.Score(a, a); r.Score != 100 {
			t.Fatalf("scores %d against itself", r.Score)
		}
	})
}
