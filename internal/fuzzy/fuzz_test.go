package fuzzy

import (
	"slices"
	"testing"
	"unicode/utf8"
)

// FuzzScore checks the score's invariants on any two texts: it lies in
// 0–100, the base score is symmetric, a text scores 100 against itself,
// ScoreAtLeast agrees with Score, and the lossless bounds hold for every
// minimum the base score reaches.
func FuzzScore(f *testing.F) {
	for _, tt := range scoreTests {
		f.Add(tt.query, tt.unit)
	}
	f.Add("Jakarta (ANTARA) - Presiden bertemu 12 menteri.", "Jakarta (ANTARA) – presiden bertemu 13 menteri")
	f.Add("Harga naik menjadi Rp 400.000, US$ 25 atau 5 %.", "Harga naik menjadi Rp. 350.000, $25 atau 10 km")
	f.Fuzz(func(t *testing.T, a, b string) {
		if !utf8.ValidString(a) || !utf8.ValidString(b) {
			return
		}
		qa, qb := analyze(a), analyze(b)
		if k := Keys(tokenize(a)); !slices.Equal(k, qa.Keys) {
			t.Fatalf("Keys(%q) = %q, Analyze gives %q", a, k, qa.Keys)
		}
		r := Score(qa, qb)
		if r.Score < 0 || r.Score > 100 || r.Base < 0 || r.Base > 100 || r.Score > r.Base {
			t.Fatalf("Score(%q, %q) = %+v out of range", a, b, r)
		}
		if r2 := Score(qb, qa); r2.Base != r.Base || r2.Distance != r.Distance {
			t.Fatalf("base not symmetric: %+v vs %+v", r, r2)
		}
		if self := Score(qa, qa); self.Score != 100 || len(self.Penalties) != 0 {
			t.Fatalf("Score(%q, itself) = %+v", a, self)
		}
		if r3, ok := ScoreAtLeast(qa, qb, r.Score); !ok || r3.Score != r.Score {
			t.Fatalf("ScoreAtLeast disagrees: %+v %v vs %+v", r3, ok, r)
		}
		for m := 1; m <= r.Base; m++ {
			lo, hi := LengthRange(len(qa.Keys), m)
			if l := len(qb.Keys); l < lo || l > hi {
				t.Fatalf("length %d outside [%d, %d] at min %d", l, lo, hi, m)
			}
			if Shared(qa.Keys, qb.Keys) < MinShared(len(qa.Keys), m) {
				t.Fatalf("count filter fails at min %d", m)
			}
			probe := Probe(qa.Keys, m, func(k string) int { return len(k) })
			if len(qa.Keys) > 0 && !slices.ContainsFunc(probe, func(k string) bool { return slices.Contains(qb.Keys, k) }) {
				t.Fatalf("prefix filter fails at min %d", m)
			}
		}
	})
}
