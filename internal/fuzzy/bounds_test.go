package fuzzy

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/padan-tm/padan/worddiff"
)

// TestBoundsLossless checks bounds (2) and (3) and the prefix filter on
// random pairs of key sequences over a small alphabet (so that many pairs
// are similar), for every minimum from 1 to 100 and random frequency
// orders: whenever the base score reaches m, the unit's length is in
// LengthRange, it shares at least MinShared keys, and it contains a key
// returned by Probe.
func TestBoundsLossless(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	checked := 0
	for range 20000 {
		q := keysOf(randomSeq(rng, 14, 5))
		u := keysOf(randomSeq(rng, 14, 5))
		if rng.IntN(3) == 0 { // a near-duplicate of q
			u = slices.Clone(q)
			for range rng.IntN(3) {
				if len(u) > 0 {
					u[rng.IntN(len(u))] = fmt.Sprint(rng.IntN(5))
				}
			}
		}
		perm := rng.Perm(5)
		df := func(k string) int { var i int; fmt.Sscan(k, &i); return perm[i] }
		base := Base(len(q), len(u), worddiff.Levenshtein(q, u, -1))
		for m := 1; m <= 100; m++ {
			if base < m {
				break
			}
			checked++
			lo, hi := LengthRange(len(q), m)
			if len(u) < lo || len(u) > hi {
				t.Fatalf("q %v u %v base %d: length %d outside [%d, %d] for m %d", q, u, base, len(u), lo, hi, m)
			}
			if c := Shared(q, u); c < MinShared(len(q), m) {
				t.Fatalf("q %v u %v base %d: shares %d < T %d for m %d", q, u, base, c, MinShared(len(q), m), m)
			}
			probe := Probe(q, m, df)
			if len(q) > 0 && !slices.ContainsFunc(probe, func(k string) bool { return slices.Contains(u, k) }) {
				t.Fatalf("q %v u %v base %d: no key of probe %v in u for m %d", q, u, base, probe, m)
			}
		}
	}
	if checked < 10000 {
		t.Fatalf("only %d (pair, min) cases reached their minimum; the test is too weak", checked)
	}
}

func keysOf(s []int) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = fmt.Sprint(v)
	}
	return out
}

func TestProbeLength(t *testing.T) {
	df := func(k string) int { return len(k) }
	tests := []struct {
		keys []string
		m    int
		want []string
	}{
		{[]string{"aaaa", "bb", "c", "ddd"}, 75, []string{"c", "bb"}},        // T=3, p=2
		{[]string{"aaaa", "bb", "c", "ddd"}, 100, []string{"c"}},             // T=4, p=1
		{[]string{"aaaa", "bb", "c", "ddd"}, 50, []string{"c", "bb", "ddd"}}, // T=2, p=3
		{[]string{"x", "x", "yy"}, 60, []string{"x"}},                        // T=2, p=2: (x,1), (x,2)
		{nil, 75, nil},
	}
	for _, tt := range tests {
		if got := Probe(tt.keys, tt.m, df); !slices.Equal(got, tt.want) {
			t.Errorf("Probe(%v, %d) = %v, want %v", tt.keys, tt.m, got, tt.want)
		}
	}
}
