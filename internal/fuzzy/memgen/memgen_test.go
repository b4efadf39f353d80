package memgen

import (
	"slices"
	"strings"
	"testing"
)

func TestGenerate(t *testing.T) {
	a, b := New(7, 500), New(7, 500)
	a.Generate(2000)
	b.Generate(2000)
	if !slices.Equal(a.Units, b.Units) {
		t.Fatal("the same seed gave two different memories")
	}
	c := New(8, 500)
	c.Generate(2000)
	if slices.Equal(a.Units, c.Units) {
		t.Fatal("two seeds gave the same memory")
	}
	// Near-duplicates: units sharing their first three words with an
	// earlier unit (a derived unit keeps most of its words).
	seen := map[string]bool{}
	near := 0
	for _, u := range a.Units {
		ws := strings.Fields(u)
		k := strings.ToLower(strings.Join(ws[:min(3, len(ws))], " "))
		if seen[k] {
			near++
		}
		seen[k] = true
	}
	if near < 100 || near > 400 {
		t.Errorf("%d of 2000 units look like near-duplicates, want about 10%%", near)
	}
	qs := a.Queries(30)
	if len(qs) != 30 || !slices.Contains(a.Units, qs[0]) {
		t.Errorf("Queries(30) = %d queries, first %q not an exact copy", len(qs), qs[0])
	}
}
