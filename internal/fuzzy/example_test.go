package fuzzy_test

import (
	"fmt"
	"strings"

	"github.com/padan-tm/padan/internal/fuzzy"
	"github.com/padan-tm/padan/worddiff"
)

// words is a tokenizer for the example: words, numbers and a final period.
func words(s string) []worddiff.Token {
	var ts []worddiff.Token
	for i, w := range strings.Fields(s) {
		if i > 0 {
			ts = append(ts, worddiff.Token{Kind: worddiff.Space, Text: " "})
		}
		dot := strings.HasSuffix(w, ".")
		w = strings.TrimSuffix(w, ".")
		kind := worddiff.Word
		if w[0] >= '0' && w[0] <= '9' {
			kind = worddiff.Number
		}
		ts = append(ts, worddiff.Token{Kind: kind, Text: w})
		if dot {
			ts = append(ts, worddiff.Token{Kind: worddiff.Punct, Text: "."})
		}
	}
	return ts
}

func ExampleScore() {
	q := fuzzy.Analyze(words("Harga minyak naik 7 persen"))
	for _, stored := range []string{"Harga minyak naik 7 persen", "harga minyak naik 5 persen.", "Harga minyak turun 7 persen"} {
		r := fuzzy.Score(q, fuzzy.Analyze(words(stored)))
		fmt.Println(r.Score, r.Base, r.Penalties)
	}
	// Output:
	// 100 100 []
	// 96 100 [{case 1} {punctuation 1} {numbers 2}]
	// 80 80 []
}

func ExampleProbe() {
	// The query's keys and how many stored units hold each one.
	keys := []string{"harga", "minyak", "naik", fuzzy.NumberKey, "persen"}
	df := map[string]int{"harga": 900, "minyak": 40, "naik": 700, fuzzy.NumberKey: 5000, "persen": 300}
	lo, hi := fuzzy.LengthRange(len(keys), 75)
	fmt.Println("lengths", lo, "to", hi, "sharing at least", fuzzy.MinShared(len(keys), 75))
	fmt.Println("probe", fuzzy.Probe(keys, 75, func(k string) int { return df[k] }))
	// Output:
	// lengths 4 to 6 sharing at least 4
	// probe [minyak persen]
}
